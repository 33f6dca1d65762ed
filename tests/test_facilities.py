"""A facility's name is the identifier; its generic kind ("Hospital", "Rehab") stays in the text."""

from __future__ import annotations

import pytest

from deid.kit.facilities import name_end


@pytest.mark.parametrize(
    ("facility", "name"),
    [
        ("Calvert Hospital", "Calvert"),
        ("CALVERT HOSP.", "CALVERT"),
        ("Baltimore rehab hospital", "Baltimore"),
        ("kessler-adventist rehab facility", "kessler-adventist"),
        ("St. Mary's ER", "St. Mary's"),
        ("Lurie Children's Hospital", "Lurie"),
        ("Harbor View Counseling Center", "Harbor View"),
        ("Gonzalez Pavilion inpatient unit", "Gonzalez Pavilion"),
        # Kinds that name: they stay.
        ("Memorial Hospital", "Memorial"),
        ("Mesa VA Medical Center", "Mesa VA"),
        ("MERCY GENERAL", "MERCY GENERAL"),
        # Too broad to tell a kind from a name: left whole.
        ("Amarillo Islamic Center", "Amarillo Islamic Center"),
        ("Oak Street Practice", "Oak Street Practice"),
        # Nothing but a kind: no name at all.
        ("hosp", ""),
        ("family therapy", ""),
    ],
)
def test_name_end(facility: str, name: str) -> None:
    """name_end cuts one trailing generic kind, and leaves names and broad kinds alone."""
    assert facility[: name_end(facility, 0, len(facility))] == name


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Pt transferred from Calvert Hospital today.", "Pt transferred from [FACILITY] Hospital today."),
        ("PT ADMIT FROM UNION HOSP. FOR UNSTABLE ANGINA", "PT ADMIT FROM [FACILITY] HOSP. FOR UNSTABLE ANGINA"),
        ("Client will go to Mesa VA Medical Center if SI emerges.", "Client will go to [FACILITY] Medical Center if SI emerges."),
        ("Continue family therapy weekly.", "Continue family therapy weekly."),
    ],
)
def test_redaction_keeps_the_kind(make_redactor, text: str, redacted: str) -> None:
    """Redaction replaces the facility's name and keeps its kind; a bare kind is not redacted."""
    assert make_redactor("research").redact(text).text == redacted


@pytest.mark.parametrize(
    ("facility", "name"),
    [("Brookfield Family Counseling", "Brookfield"), ("Milltown Counseling Associates", "Milltown Counseling Associates")],
)
def test_counseling_practices_keep_the_town_as_the_name(facility: str, name: str) -> None:
    """A town before a family counseling kind is the practice's name; "Associates" is part of a name, no kind."""
    assert facility[: name_end(facility, 0, len(facility))].strip() == name
