"""SpeakerNameRecognizer: speakers of transcripts and of quotations, not section labels."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "speaker_name.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, [], None)]


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
def test_speakers_of_a_transcript(case) -> None:
    """A label that opens two or more turns of a transcript, shaped like a name, in any case."""
    text = case("Therapist: How was the week?\nTeodora: Hard.\nTherapist: Tell me more.\nTeodora: I slept badly.")
    assert found(text) == [case("Teodora")] * 2


@pytest.mark.parametrize("case", [str, str.upper, str.lower])
def test_speaker_of_a_quotation(case) -> None:
    """One label before a quotation is a speaker's, even outside a transcript."""
    text = case('Ondrej: "Where were you last night?"')
    assert found(text) == [case("Ondrej")]


@pytest.mark.parametrize(
    "text",
    [
        'Note: "pt states she is fine"',
        'PLAN: "GO HOME TOMORROW"',
        "Teodora: said she slept badly.",  # one label, no quotation, no transcript
        "Plan: rest.\nPlan: fluids.\nPlan: recheck in am.",  # a section label, however often
    ],
)
def test_labels_that_are_no_speakers(text: str) -> None:
    assert found(text) == []
