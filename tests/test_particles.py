"""Surname particles before a found name join it, whatever recognizer found the name."""

from __future__ import annotations

import pytest

import deid
from deid.findings import Finding
from deid.kit.particles import with_particles


def _covered(text: str, start: int, end: int, entity: str = "PERSON") -> str:
    (f,) = with_particles(text, [Finding(start, end, entity, 0.9, "test")])
    return text[f.start : f.end]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Mr. van der Berg agreed", "Berg", "van der Berg"),
        ("Seen with Ana de la Cruz", "Cruz", "de la Cruz"),
        ("Mr Ó Harcáin received", "Harcáin", "Ó Harcáin"),
        ("son ó laighin called", "laighin", "ó laighin"),
        ("ABDULLAH BIN ZAYED", "ZAYED", "BIN ZAYED"),
        ("I went to see Maria", "Maria", "Maria"),  # "see" is no particle
        ("the label O-Berg", "Berg", "Berg"),  # joined by a hyphen, not a space
    ],
)
def test_particles_join_the_name_after_them(text: str, name: str, expected: str) -> None:
    start = text.index(name)
    assert _covered(text, start, start + len(name)) == expected


def test_only_names_take_particles() -> None:
    text = "Trip to El Paso"
    assert _covered(text, text.index("Paso"), len(text), "CITY") == "Paso"


def test_redaction_removes_the_particles() -> None:
    assert deid.redact("Mr Ó Harcáin received his meds.").text == "Mr [PERSON] received his meds."
