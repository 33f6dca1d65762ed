"""The wheel carries the plug-in folder and the configs, and an installed deid finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once, offline (no build isolation: hatchling is a dev dependency)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True, capture_output=True, timeout=300,
    )
    return next(out.glob("deid-*.whl"))


def test_wheel_bundles_recognizers_configs_and_licence(wheel: Path) -> None:
    """Every recognizer file, policy and the engine config are inside the wheel, with the licence."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for file in (ROOT / "recognizers").iterdir():
        if file.suffix in (".py", ".yaml"):
            assert f"deid/_bundled/recognizers/{file.name}" in names
    for file in (ROOT / "configs" / "policies").glob("*.yaml"):
        assert f"deid/_bundled/configs/policies/{file.name}" in names
    assert "deid/_bundled/configs/engine.yaml" in names
    assert "deid/_bundled/configs/vocabulary/clinical.yaml" in names
    # Package data beside the modules: the pages' templates and the generator's word banks.
    package = ROOT / "src" / "deid"
    for folder, pattern in (("report/templates", "*.*"), ("synthetic", "*.yaml"), ("data", "*.*")):
        for file in (package / folder).glob(pattern):
            assert f"deid/{folder}/{file.name}" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_installed_wheel_finds_its_bundled_folders(wheel: Path, tmp_path: Path) -> None:
    """Unpacked away from the checkout, deid resolves policies and plug-ins inside the package."""
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = (
        "import deid.paths as p, deid;"
        "print(p.recognizers_dir()); print(p.policies_dir()); print(sorted(deid.available_policies()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    ).stdout.splitlines()
    assert out[0] == str(tmp_path / "site" / "deid" / "_bundled" / "recognizers")
    assert out[1].startswith(str(tmp_path / "site"))
    assert "insurer" in out[2] and "research" in out[2]


def test_installed_wheel_serves_the_deployments_of_its_prefect_yaml(wheel: Path, tmp_path: Path) -> None:
    """serve.py inside the wheel finds the bundled prefect.yaml (where the deployments are defined once)."""
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    pipelines = tmp_path / "site" / "deid" / "_bundled" / "pipelines"
    code = (
        "import importlib.util as u; "
        f"spec = u.spec_from_file_location('serve', {str(pipelines / 'serve.py')!r}); "
        "serve = u.module_from_spec(spec); spec.loader.exec_module(serve); "
        "print(sorted(d.name for d in serve.deployments()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=300,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin", "PREFECT_HOME": str(tmp_path / "home")},
    ).stdout.splitlines()
    assert out[-1] == "['insurer', 'research']"
