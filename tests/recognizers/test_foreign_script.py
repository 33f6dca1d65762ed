"""ForeignScriptRecognizer: names and places written in a script without letter case."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "foreign_script.py")


def found(text: str) -> list[str]:
    results = REC.analyze(text, ["PERSON"], None)
    assert all(r.entity_type == "PERSON" and r.score == 0.6 for r in results)
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her mother محمد called", ["محمد"]),
        ("her mother محمد علی called", ["محمد علی"]),  # one name, two words
        ("brother דוד visited", ["דוד"]),
        ("friend 王小明, from 北京.", ["王小明", "北京"]),
        ("cousin किशोर arrived", ["किशोर"]),  # vowel signs are part of the word
        ("neighbor สมชาย said", ["สมชาย"]),
        ("uncle 김민준 (Korea)", ["김민준"]),
        ("she wrote ヤマダ\ttoday", ["ヤマダ"]),
    ],
)
def test_uncased_script_runs(text: str, expected: list[str]) -> None:
    """A run of uncased letters, with single spaces between its words, is one PERSON."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Client Dana Whitfield was seen.",
        "Client José Hernández, Sørensen, Renée",  # cased scripts are judged by the name rules
        "Дмитрий and Ελένη",
        "5 µg at 37°C, ½ tab, x² \u2192 ok",
        "scores ٣٤٥ and ۱۲",  # Arabic-Indic digits are numbers, not names
        "mood \U0001f642 and \u2122 and \u00a9",
        "\u3002\u3001 \u0301",  # CJK punctuation, a lone combining accent
        "withdrawn \u05d2\u20ac\u201c quite",  # mojibake: one Hebrew letter among symbols
        "her mother \u0645 called",  # one letter is no name
    ],
)
def test_no_finding_without_uncased_letters(text: str) -> None:
    """Latin, Greek and Cyrillic letters, digits, symbols, emoji and punctuation are not flagged."""
    assert found(text) == []
