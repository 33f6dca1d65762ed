"""Recognizer plug-ins: a Python or YAML file dropped in a folder is loaded; a broken one names its file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import deid
from deid import ConfigError, RecognizerLoadError
from deid.detect.config import load_engine_config
from deid.detect.engine import Detector
from deid.paths import recognizers_dir
from deid.detect.plugins import load_folder

PY_PLUGIN = '''
from presidio_analyzer import Pattern, PatternRecognizer


class BadgeRecognizer(PatternRecognizer):
    """Staff badge numbers such as BDG-12345."""

    def __init__(self):
        super().__init__(
            supported_entity="ACCOUNT_ID",
            name="BadgeRecognizer",
            patterns=[Pattern("badge", r"\\bBDG-\\d{5}\\b", 0.9)],
        )
'''

YAML_PLUGIN = """
recognizers:
  - name: PetNameRecognizer
    supported_language: en
    supported_entity: PERSON
    deny_list: [Biscuit, Waffles]
    deny_list_score: 0.9
"""


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_bundled_recognizers_load_through_the_plugin_mechanism() -> None:
    """Our own recognizers are plug-ins in recognizers/: phones, relatives, clinicians among them."""
    plugins = load_folder(recognizers_dir())
    entities = {e for p in plugins for e in p.recognizer.supported_entities}
    assert {"PHONE_NUMBER", "FAX", "RELATIVE", "CLINICIAN", "ZIP", "EMAIL_ADDRESS"} <= entities
    assert all(p.source.parent == recognizers_dir() for p in plugins)


def test_python_and_yaml_plugins_from_env_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files dropped in a folder named by $DEID_RECOGNIZERS are used with no other change."""
    write(tmp_path / "plugins", "badge.py", PY_PLUGIN)
    write(tmp_path / "plugins", "pets.yaml", YAML_PLUGIN)
    monkeypatch.setenv("DEID_RECOGNIZERS", str(tmp_path / "plugins"))
    detector = Detector(load_engine_config())
    sources = {r.name: detector.source_of(r) for r in detector.recognizers}
    assert sources["BadgeRecognizer"].endswith("badge.py")
    assert sources["PetNameRecognizer"].endswith("pets.yaml")
    result = deid.Redactor("research", detector=detector).redact("Badge BDG-48213; her dog Waffles barked.")
    assert "BDG-48213" not in result.text and "Waffles" not in result.text
    assert {s.recognizer for s in result.spans} >= {"BadgeRecognizer", "PetNameRecognizer"}


def test_plugin_folder_from_engine_config(tmp_path: Path) -> None:
    """An engine config can list extra folders, relative to the config file."""
    write(tmp_path / "extra", "badge.py", PY_PLUGIN)
    config = write(tmp_path, "engine.yaml", "recognizer_folders: [extra]\ninclude_bundled_recognizers: false\n")
    detector = Detector(load_engine_config(config))
    names = {r.name for r in detector.recognizers}
    assert "BadgeRecognizer" in names and "FamilyMemberRecognizer" not in names


CONTEXT_PLUGIN = """
recognizers:
  - name: LockerRecognizer
    supported_language: en
    supported_entity: ACCOUNT_ID
    patterns:
      - {name: locker, regex: "\\\\bLK\\\\d{4}\\\\b", score: 0.3}
    context: [locker]
"""


def test_plugin_context_words_raise_the_score(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Presidio's context step still runs: a weak pattern next to its context word scores higher
    than the same pattern alone (Presidio's lemma enhancer, which deid calls itself)."""
    write(tmp_path / "plugins", "locker.yaml", CONTEXT_PLUGIN)
    monkeypatch.setenv("DEID_RECOGNIZERS", str(tmp_path / "plugins"))
    detector = Detector(load_engine_config())

    def score(text: str) -> float:
        return max(f.score for f in detector.detect(text) if f.recognizer == "LockerRecognizer")

    assert score("Her lockers: LK4821 at the gym.") > score("Code LK4821 at the gym.") == 0.3


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("syntax.py", "def broken(:\n", "failed to import: SyntaxError"),
        ("needs_args.py", PY_PLUGIN.replace("def __init__(self):", "def __init__(self, x):"), "constructor without arguments"),
        ("no_list.yaml", "name: x\n", "top-level 'recognizers:' list"),
        ("deny.yaml", YAML_PLUGIN.replace("    deny_list_score: 0.9\n", ""), "explicit 'deny_list_score'"),
        ("rprefix.yaml", 'recognizers:\n  - name: R\n    supported_entity: MRN\n    patterns:\n      - {name: p, regex: "r\\"\\\\d+\\"", score: 0.5}\n', "drop the r prefix"),
        ("badregex.yaml", 'recognizers:\n  - name: R\n    supported_entity: MRN\n    patterns:\n      - {name: p, regex: "(unclosed", score: 0.5}\n', "regex is invalid"),
        ("unknown_key.yaml", "recognizers:\n  - name: R\n    supported_entity: MRN\n    deny_list: [x]\n    deny_list_score: 1\n    colour: red\n", "unknown key(s) colour"),
        ("bad.yaml", "recognizers: [\n", "cannot read"),
    ],
)
def test_broken_plugin_names_its_file(tmp_path: Path, name: str, body: str, message: str) -> None:
    """A plug-in that cannot load raises an error naming the file and what is wrong."""
    write(tmp_path, name, body)
    with pytest.raises(RecognizerLoadError) as info:
        load_folder(tmp_path)
    assert name in str(info.value) and message in str(info.value)


def test_readme_worked_example_loads(tmp_path: Path) -> None:
    """The "Add a recognizer" example in the README works as a dropped-in file."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add a recognizer", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    write(tmp_path, "badge_number.py", code)
    (plugin,) = load_folder(tmp_path)
    assert plugin.recognizer.name == "BadgeNumberRecognizer"
    assert [(r.start, r.end) for r in plugin.recognizer.analyze("badge BDG-48213", ["ACCOUNT_ID"])] == [(6, 15)]


def test_helper_files_are_skipped(tmp_path: Path) -> None:
    """Files starting with an underscore are helpers, not plug-ins."""
    write(tmp_path, "_shared.py", "raise RuntimeError('must not be imported')\n")
    assert load_folder(tmp_path) == []


def test_missing_folder_and_duplicate_names_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing plug-in folder, or two recognizers with one name, fail at load time."""
    with pytest.raises(RecognizerLoadError, match="not found"):
        load_folder(tmp_path / "nope")
    write(tmp_path / "a", "badge.py", PY_PLUGIN)
    write(tmp_path / "b", "badge.py", PY_PLUGIN)
    monkeypatch.setenv("DEID_RECOGNIZERS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    with pytest.raises(ConfigError, match="duplicated: BadgeRecognizer"):
        Detector(load_engine_config())
