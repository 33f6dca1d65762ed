"""LabeledNameRecognizer: names after a person label, and the client introduced by age."""

from __future__ import annotations

import pytest

import deid
from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "labeled_name.py")


def found(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.entity_type) for r in REC.analyze(text, [], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Client: Hope Brewer\nDate: 3/4/2020", [("Hope Brewer", "PATIENT")]),
        ("Client: April Burns, DOB 1/2/1990", [("April Burns", "PATIENT")]),
        ("Patient name: Will Rose\n", [("Will Rose", "PATIENT")]),
        ("Client's name: Jan de Vries", [("Jan de Vries", "PATIENT")]),
        ("CLIENT: HOPE BREWER\nDOB: 1/1/1990", [("HOPE BREWER", "PATIENT")]),
        ("Date: 1/2/2021 | Client: Hope Brewer | Session 4", [("Hope Brewer", "PATIENT")]),
        ("Client: Dawn\nDOB: 1/1/1990", [("Dawn", "PATIENT")]),
        ("Name: Ivan P. Sokolov", [("Ivan P. Sokolov", "PERSON")]),
        ("Name:    Tomas K Varga", [("Tomas K Varga", "PERSON")]),
        ("Emergency contact: Rosa Delgado (sister) 555-1212", [("Rosa Delgado", "RELATIVE")]),
        ("Guardian: Mae Olsen", [("Mae Olsen", "RELATIVE")]),
        ("Presenting problem: Dawn is a 57-year-old woman who reports grief.", [("Dawn", "PATIENT")]),
        ("Kwame, a 34 year old teacher, came in.", [("Kwame", "PATIENT")]),
        # Without capitals the word filters decide alone.
        ("name:    tomas j varga\naddress: 12 oak st", [("tomas j varga", "PERSON")]),
        ("guardian: rosa delgado", [("rosa delgado", "RELATIVE")]),
        ("kwame, a 34 year old teacher, came in.", [("kwame", "PATIENT")]),
    ],
)
def test_names_after_labels_and_before_ages(text: str, expected: list[tuple[str, str]]) -> None:
    """A labelled field or an age introduction names a person, with the label's role."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Client: Yeah, I know.\nTherapist: Okay.\nClient: Sure, Hope so.",  # speaker turns
        "Patient: Alert and oriented.",
        "Patient: May need labs.",
        "Client: Will return next week.",
        "Pt: Sleeping comfortably",
        "Her son Tom is a 12-year-old boy.",  # a relative, found by its relation word
        "The client is a 57-year-old man. She is a 40-year-old woman.",
        "Client is a 57 yo male",
        "Medication name: Zoloft",
        "patient: alert and oriented.",
        "pt: sleeping comfortably",
        "the client is a 57-year-old man. she is a 40-year-old woman.",
        "PATIENT: ALERT AND ORIENTED.",
    ],
)
def test_no_name_without_a_field_or_introduction(text: str) -> None:
    """Speaker turns, clinical phrases, pronouns and role words after the same cues name no one."""
    assert found(text) == []


def test_labelled_client_is_kept_by_the_insurer_and_repeats_take_the_role() -> None:
    """End to end: the labelled client is PATIENT (kept for a claim), and so is a later mention of the
    whole name; a surname alone stays PERSON (removed even by the insurer: the fail-safe side)."""
    text = "Client: Hope Brewer\nSession 3. Brewer reported better sleep; Hope Brewer plans to walk daily."
    spans = deid.Redactor("research").redact(text).spans
    kinds = [(text[f.start : f.end], f.entity_type) for f in spans if "Brewer" in text[f.start : f.end]]
    assert kinds == [("Hope Brewer", "PATIENT"), ("Brewer", "PERSON"), ("Hope Brewer", "PATIENT")]
