"""InternationalPhoneRecognizer: phones in international notation, and national formats after a label."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "international_phone.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["PHONE_NUMBER"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her sister in London: +44 20 7946 0958.", ["+44 20 7946 0958"]),
        ("fax +33 1 42 68 53 00 or +41 (0)71 526 99 04", ["+33 1 42 68 53 00", "+41 (0)71 526 99 04"]),
        ("call 0049 30 1234567 ext 12 after six", ["0049 30 1234567 ext 12"]),
        ("Mobile: 030 1234567", ["030 1234567"]),
        ("Phone: | 61-72-93-15 |", ["61-72-93-15"]),
        ("She was not answering at 077 3311 2290 today", ["077 3311 2290"]),
        ("Contact\nPhone:\n0476 12 34 56\nE-mail:", ["0476 12 34 56"]),
        ("mobile:\n  612 83 441", ["612 83 441"]),
    ],
)
def test_phones_outside_us_formats(text: str, expected: list[str]) -> None:
    """A '+' (or 00) makes any grouped 7-15 digits a phone; without it a phone label must precede."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BP 100-120/40's, HR 80-90, no VEA 3 4 5 6 7",  # blood pressures and counts
        "called MD at 10:30, number of voids 3",
        "Phone call on 12/03/2024 about the bill",  # a date after a label
        "home O2 2 L, work 9 hours 5 days a week",
        "+5 edema, K +4.1",  # too few digits
        "Phone\n12 visits, 3 calls",  # a label without a colon does not reach the next line
        "Called:\n\n2 3 4",  # nor past a blank line
    ],
)
def test_no_phone_in_vitals_dates_or_counts(text: str) -> None:
    """Vitals, dates, times and counts are no phones, even near a phone word."""
    assert found(text) == []
