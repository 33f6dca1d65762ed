"""PlaceNameRecognizer: proper names after place prepositions in mixed-case text."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "place_name.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["LOCATION"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We used to go to Sunrise Mall every summer.", ["Sunrise Mall"]),
        ("I might move back to Allentown. My cousin has a room.", ["Allentown"]),
        ("Everything going on at Home Depot lately.", ["Home Depot"]),
        ("Functional impairment at work (Starbucks) persists.", ["Starbucks"]),
        ("We walked near Northside Pier on Sunday.", ["Northside Pier"]),
        ("She works at Trader Joe's now.", ["Trader Joe's"]),
        ("Client reports walking at Mount Little three times a week.", ["Mount Little"]),
        # Capitals and lower case: a travel phrase before an unknown word, a town or a place-kind name.
        ("CLIENT: I MIGHT MOVE BACK TO WILLIAMSFORT. MY COUSIN HAS A ROOM.", ["WILLIAMSFORT"]),
        ("therapist: how was the visit to johnsfield?", ["johnsfield"]),
        ("client states the move from boulder has left him without friends", ["boulder"]),
        ("WE USED TO GO TO MARKS TRAIL EVERY SUMMER WHEN I WAS A KID.", ["MARKS TRAIL"]),
        ("pt reports panic attack while driving near northside beach since last session", ["northside beach"]),
        # A town in capitals inside a mixed-case sentence, as addresses write it.
        ("Her brother flew to TROMSOE on Monday.", ["TROMSOE"]),
        ("I am in VELDHOVEN, at a meeting", ["VELDHOVEN"]),
    ],
)
def test_named_places(text: str, expected: list[str]) -> None:
    """Title Case places, or one unknown word in capitals, after to/at/near/from are found."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "referred to Dr. Lee",
        "started in March",
        "talked to Maria about it",
        "switched to Zoloft",
        "moved to California",
        "pacemaker in R IJ",
        "rhythm changed to A-fib",
        "CT to Left Pleural",
        "she goes to the mall",
        "TRANSFERRED TO SUNRISE MALL",  # capitals prove nothing
        "went to Target",  # an ordinary word alone
        "i want to go to bed earlier; near tears at times",
        "WE WENT TO THE BEACH AND THEN TO MY MOM'S",
        "pt moved to icu, will go to sleep",
        "plan to go to church on sunday",
        "Pt transferred to PACU at 10.",  # an acronym too short to be a town
        "Started in COVID times",  # capitals before a noun modify it
        "Report to HIPAA office",
        "back to BASELINE today",  # a word in capitals
        "rated in SEVERE range",
    ],
)
def test_not_places(text: str) -> None:
    """Titles, months, people, drugs, states, abbreviations, lower case and ALL CAPS are not places here."""
    assert found(text) == []
