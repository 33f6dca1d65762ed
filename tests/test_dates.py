"""Date parsing and format-preserving rewriting."""

from __future__ import annotations

import pytest

from deid.kit.dates import parse_date


@pytest.mark.parametrize(
    ("text", "ymd", "plus_20"),
    [
        ("3/14", (None, 3, 14), "4/3"),
        ("03/14/2025", (2025, 3, 14), "04/03/2025"),
        ("3-14-25", (2025, 3, 14), "4-3-25"),
        ("2025-03-14", (2025, 3, 14), "2025-04-03"),
        ("Mar 14th", (None, 3, 14), "Apr 3rd"),
        ("March 14, 2025", (2025, 3, 14), "April 3, 2025"),
        ("14-MAR-2025", (2025, 3, 14), "3-APR-2025"),
        ("14 March 2025", (2025, 3, 14), "3 April 2025"),
        ("Dec 25 2024", (2024, 12, 25), "Jan 14 2025"),
        ("March 2025", (2025, 3, None), "April 2025"),
        ("1992", (1992, None, None), "1992"),
        ("sept 3", (None, 9, 3), "sep 23"),
        ("Feb 29", (None, 2, 29), "Mar 20"),
        ("11/21.93", (1993, 11, 21), "12/11.93"),
        ("03.14.2025", (2025, 3, 14), "04.03.2025"),
        ("2025.03.14", (2025, 3, 14), "2025.04.03"),
        ("14.03.2025", (2025, 3, 14), "03.04.2025"),
        ("3.14.25", (2025, 3, 14), "4.3.25"),
        ("25/12/2024", (2024, 12, 25), "14/1/2025"),
        ("31-01-2023", (2023, 1, 31), "20-02-2023"),
        # Timestamps: the time of day stays as written.
        ("2025-03-14 22:49:16", (2025, 3, 14), "2025-04-03 22:49:16"),
        ("2025-03-14T22:49Z", (2025, 3, 14), "2025-04-03T22:49Z"),
        ("03/14/2025 10:30", (2025, 3, 14), "04/03/2025 10:30"),
        ("August 18, 2023 8:45 am", (2023, 8, 18), "September 7, 2023 8:45 am"),
    ],
)
def test_parse_and_shift(text: str, ymd: tuple, plus_20: str) -> None:
    """Common clinical date forms parse, and shift back into the same form."""
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == ymd
    assert parsed.shifted(20) == plus_20


@pytest.mark.parametrize("text", ["10:30", "the 14th", "13/45/2020", "20/10/40", "7.35.40", "0.5.1", "37.5.36", "PHQ-9", "F41.1", "90837", "last Tuesday"])
def test_non_dates_do_not_parse(text: str) -> None:
    """Times, impossible dates and codes are not dates."""
    assert parse_date(text) is None
