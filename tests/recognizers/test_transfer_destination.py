"""TransferDestinationRecognizer: facility names after transfer and admission phrases."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "transfer_destination.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["FACILITY"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REFERRED TO GH. ARRIVED IN TRANSFER", ["GH"]),
        ("PT THEN TRANSFERRED TO QUARTERMAIN 2 CP FREE", ["QUARTERMAIN"]),
        ("pt is followed at gh by dr healey", ["gh"]),
        ("transferred to Lally MICU.", ["Lally"]),
        ("ADMITTED TO KESSLER7 W/ CHF", ["KESSLER"]),
        ("Plan: transfer to quartermain 2 today. Lasix given", ["quartermain"]),
        ("PLAN: ENC PO INTAKE. TRANSFER QUARTERMAIN 2.", ["QUARTERMAIN"]),
        ("Pain controlled. Pt went to Harbor on 3/6 c/o pain", ["Harbor"]),
        ("PT SENT TO ED AT GH. SOMNOLENT", ["GH"]),
        ("S/P IMI. Medflight to GH for emergent cath", ["GH"]),
        ("72 YR OLD MALE ADM FROM GH CATH LAB", ["GH"]),
        ("PT MAY BE W/U BY GBMC FOR TRANSPLANT @ GBMC", ["GBMC", "GBMC"]),
        # A building with its floor after a place word, no transfer verb needed.
        ("pt's belongings found from quartermain 5.  @ this time pt aware", ["quartermain"]),
        ('pt states "pain is under control"    plan: QUARTERMAIN 2 this am', ["QUARTERMAIN"]),
        ("PT WAS FOUND TO BE IN CHB ON QUARTERMAIN 2 WITH HR 50'S", ["QUARTERMAIN"]),
    ],
)
def test_destinations(text: str, expected: list[str]) -> None:
    """An unknown name after a transfer phrase is a facility, in any case."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "TRANSFERRED TO ICU",
        "transferred to the floor",
        "sent to OR",
        "transfer to rehab",
        "returned to her room",
        "PT RETURNED TO IMV",
        "followed by vascular surgery",
        "WENT BACK TO CALIFORNIA",
        "Transferred to the Hospital",
        "Pt went to Dialysis. Went to the Floor later",
        "went to bath, then to church with her mom",
        "Plan: transfer to floor when stable",
        "NPO after MN, to OR with TEE",
        "up to chair with PT, back to bed",
        "she was started on hepat 1 pm",
        "seen by Rich today, helped by each; BY BATH",
        "order to transfuse 2 additional units",
        "on levophed 2 mcg, on simv 5 overnight",
        "remained on psv 5/5, on cisatracurium 2.5",
    ],
)
def test_not_destinations(text: str) -> None:
    """Units, services, ordinary words, vent modes and states are not facility names."""
    assert found(text) == []
