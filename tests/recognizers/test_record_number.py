"""DriversLicenseRecognizer: licence, state ID and plate numbers after their label, never without one."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

REC = next(r for r in load_python(recognizers_dir() / "record_number.py") if r.name == "DriversLicenseRecognizer")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["ACCOUNT_ID"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her DL is D1234567", ["D1234567"]),
        ("DL# S530-4601-2241 on file", ["S530-4601-2241"]),
        ("Driver's License: 123 456 789 expires 2027", ["123 456 789"]),
        ("drivers license no. WDLABCD456DG", ["WDLABCD456DG"]),
        ("driving licence MORGA753116SM9IJ", ["MORGA753116SM9IJ"]),
        ("CDL: A12345678", ["A12345678"]),
        ("D.L. 98765432 (state of issue unknown)", ["98765432"]),
        ("license plate 7ABC123", ["7ABC123"]),
        ("lic # A1234, renewed", ["A1234"]),
        ("showed her state ID card 123456789", ["123456789"]),
    ],
)
def test_licence_numbers(text: str, expected: list[str]) -> None:
    """An ID of 5-16 letters and digits with a digit is found right after a licence label."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "D1234567 was the code",  # no label
        "license 2019-2024",
        "license 03-14-2025",
        "Glucose 110 mg/dL 12345",
        "his license was suspended 2 yrs ago",
        "license expired last spring",
        "lic 12 and 14",
        "platelets 150000",
        "DL 1234",  # too short
        "DL# 12345678901234567890",  # too long
    ],
)
def test_not_licence_numbers(text: str) -> None:
    """No label, units, dates, short or overlong numbers and ordinary words are no licence numbers."""
    assert found(text) == []
