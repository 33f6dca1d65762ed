"""CityRecognizer (gazetteer + context, ZIP after state) and the context rules for ages over 89."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(CITY,) = load_python(recognizers_dir() / "city.py")
(AGE,) = load_python(recognizers_dir() / "age_over_89.py")


def found(rec, text: str) -> list[tuple[str, str]]:
    return sorted((text[r.start : r.end], r.entity_type) for r in rec.analyze(text, [], None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her sister lives in Escondido.", [("Escondido", "CITY")]),
        ("4120 Alder Ridge Rd, San Diego, CA 92117", [("92117", "ZIP"), ("San Diego", "CITY")]),
        ("SISTER FROM WORCESTER CALLED", [("WORCESTER", "CITY")]),
        ("Addr: 6770 Sunset Blvd Wilsonfield, MA 06063", [("06063", "ZIP"), ("Wilsonfield", "CITY")]),
        ("1 Main St, Memphis, Oregon 93654", [("93654", "ZIP"), ("Memphis", "CITY")]),
        # The town after a street line, known to the gazetteer or not, in every case.
        ("moved to 9506 Hillcrest Ct #71, Riverside and reports", [("Riverside", "CITY")]),
        ("my new address is 5264 3rd dr, in harrisonchester.", [("harrisonchester", "CITY")]),
        ("86981 HOWARD LOCKS, BLACKWELLBURGH, MA 80276", [("80276", "ZIP"), ("BLACKWELLBURGH", "CITY")]),
        ("18485 hillcrest street, mcculloughville, wi 70928", [("mcculloughville", "CITY")]),
        # Several states on one line; a state on the next line after the comma.
        ("She moved from Tucson, AZ to Austin, Texas last May.", [("Austin", "CITY"), ("Tucson", "CITY")]),
        ("Lives alone in Springfield,\nIL 62704 since 2019", [("62704", "ZIP"), ("Springfield", "CITY")]),
        # A town after a person's name and "of".
        ("family members including daughter Grace of Reisterstown visited", [("Reisterstown", "CITY")]),
    ],
)
def test_cities(text: str, expected: list) -> None:
    """Gazetteer towns with place context, and any town before a state and ZIP."""
    assert found(CITY, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "lives in California", "GU: VOIDING QS CLEAR AMBER URINE. ID: T 98.8", "BOLUS GIVEN WITH IMPROVEMENT IN BP",
        "went to the bathroom", "gave 2 tabs by mouth, and then rested",
        "4 LEAD EKG WAY, AND THEN",
        "up to 16 and he has tolerated this well, tolerated chest very well.",
        "Pain of Reisterstown origin", "full range of motion",
    ],
)
def test_not_cities(text: str) -> None:
    """States, and words before abbreviations that are also words (ID, IN), are not cities."""
    assert found(CITY, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her grandmother, 93 yo, moved in.", ["93"]),
        ("a ninety-one year old woman", ["ninety-one"]),
        ("My grandma is 91 and she still drives.", ["91"]),
        ("caring for his grandfather Benjamin (102).", ["102"]),
        ("AGE: 95", ["95"]),
    ],
)
def test_ages_over_89(text: str, expected: list[str]) -> None:
    """Ages over 89 by age word, label or a person before 'is'/'turned'; the number only."""
    assert [t for t, _ in found(AGE, text)] == expected


@pytest.mark.parametrize("text", ["HR was 95 and regular", "sats 92 on RA", "34 yo female", "she is 95% better", "room (102)"])
def test_not_ages(text: str) -> None:
    """Vitals, percentages, ages under 90 and numbers without a person are not ages over 89."""
    assert found(AGE, text) == []


(PAGER,) = load_python(recognizers_dir() / "pager.py")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Pager: #54321  Time", ["54321"]), ("Pager 83554.", ["83554"]), ("PG 33445", ["33445"]), ("beeper number 55037 for", ["55037"]), ("x4410 for questions", [])],
)
def test_pager_numbers_after_their_label(text: str, expected: list[str]) -> None:
    """Pager and beeper numbers are phone numbers only right after their label."""
    assert [t for t, _ in found(PAGER, text)] == expected
