"""Each policy action, applied to single findings."""

from __future__ import annotations

import pytest

from deid.transform import OperatorContext, operator_for
from deid.transform.shift_date import shift_days
from deid.decide.policy import Generalize, Keep, Mask, Pseudonymize, Remove, ShiftDate

KEY = b"test-key-1"


def run(action_rule, entity: str, text: str, key: bytes | None = KEY, patient: str | None = "p1") -> str:
    return operator_for(action_rule.action).apply(text, OperatorContext(entity, action_rule, key, patient))


def test_remove_writes_the_entity_tag() -> None:
    """remove replaces the value with [ENTITY], or a custom replacement."""
    assert run(Remove(), "RELATIVE", "Tom") == "[RELATIVE]"
    assert run(Remove(replacement="<{entity}>"), "CITY", "Escondido") == "<CITY>"


@pytest.mark.parametrize(
    ("text", "keep_last", "expected"),
    [("619-549-0329", 0, "************"), ("619-549-0329", 4, "********0329"), ("Ann Lee", 0, "*** ***"), ("12", 5, "12")],
)
def test_mask_keeps_length_spaces_and_tail(text: str, keep_last: int, expected: str) -> None:
    """mask overwrites every non-space character except the last keep_last."""
    assert run(Mask(keep_last=keep_last), "PHONE_NUMBER", text) == expected


def test_keep_returns_the_value() -> None:
    """keep leaves the value unchanged."""
    assert run(Keep(), "PATIENT", "Dana Whitfield") == "Dana Whitfield"


def test_pseudonymize_is_consistent_within_a_key() -> None:
    """The same name gets the same surrogate, alone or inside a full name, in any case."""
    full = run(Pseudonymize(), "RELATIVE", "Tom Reyes")
    first = run(Pseudonymize(), "PERSON", "Tom")
    upper = run(Pseudonymize(), "PATIENT", "TOM REYES")
    assert full.split()[0] == first
    assert upper == full.upper()
    assert "Tom" not in full and "Reyes" not in full
    assert full == run(Pseudonymize(), "RELATIVE", "Tom Reyes")


def test_pseudonymize_differs_between_keys() -> None:
    """A different key gives different surrogates."""
    names = ["Tom Reyes", "Ann Smith", "Maria Lopez", "Eli Park"]
    a = [run(Pseudonymize(), "PERSON", n, key=b"key-a") for n in names]
    b = [run(Pseudonymize(), "PERSON", n, key=b"key-b") for n in names]
    assert a != b


def test_pseudonymize_ids_preserve_format() -> None:
    """IDs keep their shape (digits stay digits, separators stay), emails and URLs become safe look-alikes."""
    mrn = run(Pseudonymize(), "MRN", "MRN-00731942")
    assert len(mrn) == len("MRN-00731942") and mrn[3] == "-" and mrn[4:].isdigit()
    assert mrn != "MRN-00731942"
    assert run(Pseudonymize(), "EMAIL_ADDRESS", "dana@example.com").endswith("@example.com")
    assert run(Pseudonymize(), "URL", "www.dana.me").startswith("https://example.org/")


def test_shift_date_keeps_format_and_intervals_per_patient() -> None:
    """All dates of one patient move by the same offset; the written format is kept."""
    rule = ShiftDate(max_days=30)
    days = shift_days(KEY, "p1", 30)
    assert days != 0 and -30 <= days <= 30
    a, b = run(rule, "DATE", "03/14/2025"), run(rule, "DATE", "03/21/2025")
    from datetime import datetime

    da, db = (datetime.strptime(x, "%m/%d/%Y") for x in (a, b))
    assert (db - da).days == 7
    assert (da - datetime(2025, 3, 14)).days == days
    assert run(rule, "DATE", "14-MAR-2025").count("-") == 2
    assert run(rule, "DATE", "14-MAR-2025").split("-")[1].isupper()


def test_shift_date_differs_between_patients_and_keys() -> None:
    """Offsets depend on patient and key."""
    offsets = {shift_days(KEY, f"p{i}", 365) for i in range(20)}
    assert len(offsets) > 10
    assert shift_days(b"other", "p1", 365) != shift_days(KEY, "p1", 365)


def test_shift_date_removes_what_it_cannot_parse() -> None:
    """A date it cannot read is removed, never left as it was."""
    assert run(ShiftDate(), "DATE", "the day after Easter") == "[DATE]"


@pytest.mark.parametrize(
    ("entity", "text", "expected"),
    [
        ("DATE", "03/14/2025", "2025"),
        ("DATE", "Mar 14th, 2025", "2025"),
        ("DOB", "4/2/88", "1988"),
        ("DATE", "3/14", "[DATE]"),  # no year: nothing may stay
        ("AGE_OVER_89", "93", "90+"),
        ("AGE_OVER_89", "ninety-one", "90+"),
        ("ZIP", "92117", "921"),
        ("ZIP", "92117-4410", "921"),
        ("ZIP", "03601", "000"),  # a restricted 3-digit area
        ("ZIP", "921", "[ZIP]"),
    ],
)
def test_generalize_follows_safe_harbor(entity: str, text: str, expected: str) -> None:
    """generalize keeps only the year of a date, turns ages over 89 into 90+, cuts ZIPs to 3 digits."""
    assert run(Generalize(), entity, text) == expected
