"""UnlabeledSsnRecognizer: 3-2-4 numbers without a label, checked as the SSA issues them."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "ssn.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["US_SSN"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Client gave 536 22 1234 for the form.", ["536 22 1234"]),
        ("on the intake sheet: 536-22-1234", ["536-22-1234"]),
        ("written as 536.22.1234 by hand", ["536.22.1234"]),
        ("ref 412-71-0093, then", ["412-71-0093"]),
    ],
)
def test_ssns(text: str, expected: list[str]) -> None:
    """Three, two and four digits with one kind of separator and valid groups are an SSN."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "536 22-1234",  # mixed separators
        "936 22 1234",  # area 9xx
        "666 22 1234",
        "000 22 1234",
        "536 00 1234",
        "536 22 0000",
        "555 55 5555",  # one digit repeated
        "123 45 6789",  # a published sample
        "1 536 22 1234",  # inside a longer run of digit groups
        "536 22 1234 5",
        "536 22 12345",
        "call 536 22 1234",  # a phone grouped 3-2-4
        "mobile: 536 22 1234",
        "+33 536 22 1234",
    ],
)
def test_not_ssns(text: str) -> None:
    """Unissued groups, mixed separators, longer digit runs and phone-like contexts are no SSN."""
    assert found(text) == []
