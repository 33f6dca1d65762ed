"""TransferDestinationRecognizer: facility names after transfer and admission phrases."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.plugins import load_python

(REC,) = load_python(recognizers_dir() / "transfer_destination.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["FACILITY"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REFERRED TO GH. ARRIVED IN TRANSFER", ["GH"]),
        ("PT THEN TRANSFERRED TO QUARTERMAIN 2 CP FREE", ["QUARTERMAIN 2"]),
        ("pt is followed at gh by dr healey", ["gh"]),
        ("transferred to Lally MICU.", ["Lally"]),
        ("ADMITTED TO KESSLER7 W/ CHF", ["KESSLER7"]),
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
    ],
)
def test_not_destinations(text: str) -> None:
    """Units, services, ordinary words, vent modes and states are not facility names."""
    assert found(text) == []
