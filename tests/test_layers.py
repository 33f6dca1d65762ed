"""The package's layers hold (`[tool.importlinter]` in pyproject.toml), and plug-ins use only the kit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_layer_contract_holds() -> None:
    """cli above flows above redact above detect/decide/transform/report above kit/io above the base:
    `lint-imports` fails on any import that goes up a layer or across independent rooms."""
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


def deid_imports(path: Path) -> list[str]:
    """The deid modules a file imports (``from deid.kit import casing`` counts as deid.kit.casing)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "deid"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "deid":
            found += [f"{node.module}.{a.name}" for a in node.names]
    return found


def test_bundled_recognizers_import_only_the_kit_and_findings() -> None:
    """A plug-in in recognizers/ depends on deid.kit and deid.findings alone, never on the engine."""
    allowed = ("deid.kit.", "deid.findings.")
    wrong = {
        f"{path.name}: {module}"
        for path in sorted((ROOT / "recognizers").glob("*.py"))
        for module in deid_imports(path)
        if not module.startswith(allowed)
    }
    assert not wrong, sorted(wrong)


def test_deid_imports_sees_what_a_plugin_imports(tmp_path: Path) -> None:
    plugin = tmp_path / "p.py"
    plugin.write_text("import deid.redact\nfrom deid.kit import casing\nfrom deid.detect.engine import Detector\n")
    assert deid_imports(plugin) == ["deid.redact", "deid.kit.casing", "deid.detect.engine.Detector"]


def test_no_module_is_over_400_lines() -> None:
    """Every module of the package, the plug-ins, the pipelines and the benchmarks stays readable in one sitting."""
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("src/deid", "recognizers", "pipelines", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, long
