"""ClinicalDateRecognizer: every clinical date form, no ratios, settings or scores."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.plugins import load_python

(REC,) = load_python(recognizers_dir() / "date.py")


def dates(text: str) -> list[str]:
    return sorted(text[r.start : r.end] for r in REC.analyze(text, ["DATE"], None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen 03/14/2025 and 3/21/25", ["03/14/2025", "3/21/25"]),
        ("7/22 FOUND BY HUSBAND ON FLOOR", ["7/22"]),
        ("admitted 2025-03-14", ["2025-03-14"]),
        ("since Mar 14th", ["Mar 14th"]),
        ("on March 14, 2025 at noon", ["March 14, 2025"]),
        ("ADMIT 14-MAR-2025", ["14-MAR-2025"]),
        ("moved in March 2025", ["March 2025"]),
        ("TRANS TO GH 7/23 .DOPAMINE WEANED", ["7/23"]),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    """Numeric and month-name dates are found as whole expressions."""
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "CRACKLES 1/2 UP BILATERALLY",
        "rales 1/3 up",
        "PSV increased to 10/5 overnight",
        "on CPAP 5/5 at 40%",
        "c/o 3/10 back pain",
        "pain rated 7/10",
        "BP 120/80",
        "13/45/2020",
        "started in March",
        "at 10:30 today",
        "1/2 NS at 100 cc/hr",
    ],
)
def test_not_dates(text: str) -> None:
    """Fractions, vent settings, pain scores, blood pressure, impossible dates, months alone, times."""
    assert dates(text) == []
