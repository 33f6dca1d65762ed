"""Roles across a note: a later mention of a name takes the role its context gave it elsewhere."""

from __future__ import annotations

import pytest

import deid
from deid.findings import Finding
from deid.decide.roles import carry_roles


def _find(text: str, word: str, entity: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Finding(start, start + len(word), entity, 0.8, "r")


@pytest.mark.parametrize(
    ("text", "role_name", "role", "mention", "expected"),
    [
        ("Her husband Tomas left. Tomas apologized.", "Tomas", "RELATIVE", "Tomas", "RELATIVE"),
        ("Seen by Dr. Irena Valdt. Irena Valdt reviewed.", "Irena Valdt", "CLINICIAN", "Irena Valdt", "CLINICIAN"),
        ("Client: Orla Benning. Orla Benning's mood was low.", "Orla Benning", "PATIENT", "Orla Benning's", "PATIENT"),
        # The client's and clinicians' roles (kept by some policies) carry only to the whole name.
        ("Client: Orla Benning. Orla's mood was low.", "Orla Benning", "PATIENT", "Orla's", "PERSON"),
        ("Seen by Dr. Mark Lee. Her friend Mark called.", "Mark Lee", "CLINICIAN", "Mark", "PERSON"),
        ("Her son Kip Marlow called; Kip Marlow is ten.", "Kip Marlow", "RELATIVE", "Kip Marlow", "RELATIVE"),
        # Negative: a different name keeps its unknown role.
        ("Her husband Tomas left. Pavel apologized.", "Tomas", "RELATIVE", "Pavel", "PERSON"),
        # Negative: one shared word among others is not the same person.
        ("Her husband Tomas left. Tomas Quell came.", "Tomas", "RELATIVE", "Tomas Quell", "PERSON"),
    ],
)
def test_person_takes_the_role_of_the_same_name(text, role_name, role, mention, expected) -> None:
    """A PERSON whose name words all belong to a name of one role takes that role; other names do not."""
    source = _find(text, role_name, role)
    start = text.rindex(mention)  # the later mention
    target = Finding(start, start + len(mention), "PERSON", 0.7, "r")
    out = carry_roles(text, [source, target])
    assert out[1].entity_type == expected


def test_a_word_shared_by_two_roles_decides_nothing() -> None:
    """A surname shared by the client and a relative leaves the bare surname PERSON (fail safe)."""
    text = "Client: Ann Ruvalo. Her husband Tom Ruvalo came. Ruvalo said no."
    findings = [_find(text, "Ann Ruvalo", "PATIENT"), _find(text, "Tom Ruvalo", "RELATIVE"),
                _find(text, "Ruvalo", "PERSON", 2)]
    assert carry_roles(text, findings)[2].entity_type == "PERSON"


def test_both_words_pick_the_one_role_they_share() -> None:
    """A full name whose given name is a relative's and surname shared with the client is the relative."""
    text = "Client: Ann Ruvalo. Her husband Tom Ruvalo came. Tom Ruvalo said no."
    findings = [_find(text, "Ann Ruvalo", "PATIENT"), _find(text, "Tom Ruvalo", "RELATIVE"),
                _find(text, "Tom Ruvalo", "PERSON", 1)]
    assert carry_roles(text, findings)[2].entity_type == "RELATIVE"


def test_other_entities_are_left_alone() -> None:
    """Only PERSON findings change role; places and relatives keep their type."""
    text = "Her husband Tomas lives in Tomas."
    findings = [_find(text, "Tomas", "RELATIVE"), _find(text, "Tomas", "CITY", 1)]
    assert [f.entity_type for f in carry_roles(text, findings)] == ["RELATIVE", "CITY"]


def test_redactor_reports_the_relative_role_at_a_later_mention() -> None:
    """End to end: the later bare mention of a husband is a RELATIVE in the redactor's spans."""
    text = "She said her husband Tom was angry on Friday. Later Tom apologized to her."
    result = deid.Redactor("research").redact(text)
    toms = [f.entity_type for f in result.spans if text[f.start : f.end] == "Tom"]
    assert toms == ["RELATIVE", "RELATIVE"]
