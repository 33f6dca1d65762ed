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
        ("PMH: CAD, AVR 8/88, DDD PACER", ["8/88"]),
        ("S/P MI 1992; LCX PTCA", ["1992"]),
        ("s/p cabg '95 and mi 84'", ["'95", "84'"]),
        ("LAST DOSE IN MARCH OF 1993.", ["MARCH OF 1993"]),
        ("PICC PLACED IN R AC 11/17", ["11/17"]),
        ("ROI signed 2/4", ["2/4"]),
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
        "gave 1500 cc and 2000 mg",
        "PMH MI 92, CABG 95",  # bare two-digit numbers stay numbers
    ],
)
def test_not_dates(text: str) -> None:
    """Fractions, vent settings, pain scores, blood pressure, impossible dates, months alone, times."""
    assert dates(text) == []
