"""ClinicalDateRecognizer: every clinical date form, no ratios, settings or scores."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "date.py")


def dates(text: str) -> list[str]:
    return sorted(text[r.start : r.end] for r in REC.analyze(text, ["DATE"], None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen 03/14/2025 and 3/21/25", ["03/14/2025", "3/21/25"]),
        ("7/22 FOUND BY HUSBAND ON FLOOR", ["7/22"]),
        ("admitted 2025-03-14", ["2025-03-14"]),
        # A timestamp: the time of day belongs to a date with its year.
        ("When: 1971-09-07 22:49:16 | Where: the club", ["1971-09-07 22:49:16"]),
        ("logged 2025-03-14T22:49Z", ["2025-03-14T22:49Z"]),
        ("seen 03/14/2025 10:30, stable", ["03/14/2025 10:30"]),
        ("On 3/14 10:30 pt ambulated", ["3/14"]),
        ("In 2019 12:30 was the meeting", ["2019"]),
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
        ("PMH: CABG 81, Redo CABG 84, MVR,MI 92,HTN", ["81", "84", "92"]),
        ("PMHX: CVA 2004, hernia, MI 1992. no etoh", ["1992", "2004"]),
        ("RENAL CELL CA 1977,S/P R NEPHRECTOMY", ["1977"]),
        ("LITHIUM TOXICITY-9/2/92.", ["9/2/92"]),
        ("PRESENT HX:8/30 DECREASED MENTAL STATUS", ["8/30"]),
        ("MVA 12/07: right tibia fx", ["12/07"]),
        ("cultures drawn on the 11th. One set", ["11th"]),
        ("knows it is 2020, not sure of month", ["2020"]),
        ("s/p CVA 74' and MI in 2001", ["2001", "74'"]),
        ("Sputum drawn on 5/5 grew GNR", ["5/5"]),
        ("Hemodialysis 8/9 or 8/10, HCT 30 POST 3/3 TX", ["3/3", "8/10", "8/9"]),
        # Run-together, range and hyphen forms, and a listed past year.
        ("HAD TREATMENTS 10/03/10/04 AND DUE FOR XRT", ["10/03/10/04"]),
        ("11/21.93  neuro: pt alert", ["11/21.93"]),
        ("nursing progress note     1->2 nov, 96   1900 - 0700", ["1->2 nov, 96"]),
        ("He returned to OR on 7-8 for coiling.", ["7-8"]),
        ("PMHX CVA in 94 and 00 affected (R) side.", ["00", "94"]),
        # Dotted dates, month or day first, and days written as words.
        ("seen 03.14.2025 and 2025.03.14", ["03.14.2025", "2025.03.14"]),
        ("intake on 14.03.2025.", ["14.03.2025"]),
        ("follow-up 3.14.25 at the clinic", ["3.14.25"]),
        ("moved out 25/12/2024", ["25/12/2024"]),
        ("her birthday is March fourteenth, 2025", ["2025", "March fourteenth"]),
        ("since the twenty-first of May", ["twenty-first of May"]),
        ("by April the third", ["April the third"]),
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
        "Seen for MI 92, CABG 95",  # bare two-digit numbers outside a past history stay numbers
        "PMH: MI. HR 92, RR 24, temp 98.6",
        "moved to the 5th floor, 2nd dose given",
        "3-1/2 tabs at 10:30/11",
        "FAMILY PRESENT TILL APPROX 2030.",
        "Pt remained at 5/5, 40% till 4PM; on CPAP .4%, 5/18. cpap 5/15 ips",
        "CP 4/10, then #4/10; c/o 5/10 pain; developed severe 10/10 angina",
        "HR 70'S +3/6 SEM; bp 120-140'2/70's; HOB 30'; Hr 70-80' nsr",
        "AFTER APPROX. 11/2HR, INCREASE RATE; DUMPED 2000+.",
        "back from KUB ~ 1930. both negative; ptt due 2030.",
        "on 2-3 L nc overnight, then from 7-8 pm on room air",
        "OVERBREATHING VENT BY 2-6,ABG-99/37/7.36",
        "ABLE TO WEAN NEO TO OFF BY 10-10:30 PM.",
        "BP 120/80/10/20; settings 10/5/10/5",
        "ph 7.35/66.55",
        # Dotted numbers that are no dates: blood gas, versions, addresses, temperatures.
        "ABG 7.35.40 on 2L", "app version 2.1.20", "v1.2.10", "0.5.1", "ip 10.1.2.3", "temp 37.5.36",
        "we may second that motion", "they march first, then rest", "the first of the month",
    ],
)
def test_not_dates(text: str) -> None:
    """Fractions, vent settings, pain scores, blood pressure, impossible dates, months alone, times."""
    assert dates(text) == []
