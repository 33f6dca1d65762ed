"""A found name is found again wherever its note repeats it, but ordinary words never spread."""

from __future__ import annotations

from deid.findings import Finding
from deid.detect.repeats import RECOGNIZER, repeated


def test_later_mentions_without_context_are_found(detector) -> None:
    """A unit named once after "transfer to" is found again in another case, without context."""
    text = "Will transfer to Quartermain 2 tonight. Belongings for quartermain bagged, pt aware."
    spread = [f for f in detector.detect(text) if f.recognizer == RECOGNIZER]
    assert [(text[f.start : f.end], f.entity_type) for f in spread] == [("quartermain", "FACILITY")]


def test_each_word_spreads_with_its_type() -> None:
    """Each distinctive word of a name is looked up on its own; found spans are not repeated."""
    text = "Her son Dave Przybylo visited. przybylo called later; Dave again."
    son = Finding(8, 21, "RELATIVE", 0.85, "FamilyMemberRecognizer")
    assert [(text[f.start : f.end], f.entity_type, f.score) for f in repeated(text, [son])] == [
        ("przybylo", "RELATIVE", 0.5),
        ("Dave", "RELATIVE", 0.5),
    ]


def test_ordinary_words_short_words_and_weak_findings_do_not_spread() -> None:
    """Names that are words (Will), short names (Ed), weak findings and NER spans stay where they were found."""
    text = "Her brother Will visited; will call. Son Ed Vasquez came. ed. Vasquez; Kowalczyk, kowalczyk."
    findings = [
        Finding(12, 16, "RELATIVE", 0.85, "FamilyMemberRecognizer"),  # Will
        Finding(41, 43, "RELATIVE", 0.85, "FamilyMemberRecognizer"),  # Ed
        Finding(44, 51, "RELATIVE", 0.4, "FamilyMemberRecognizer"),  # Vasquez, too weak
        Finding(71, 80, "PERSON", 0.85, "SpacyRecognizer"),  # Kowalczyk, from NER
    ]
    assert [text[f.start : f.end] for f in findings] == ["Will", "Ed", "Vasquez", "Kowalczyk"]
    assert repeated(text, findings) == []


def test_a_whole_name_of_ordinary_words_is_found_again(detector) -> None:
    """A labelled name whose words are ordinary ("Hope Brewer") is found again as a whole, but its words alone are not."""
    text = "Client: Hope Brewer\nToday Hope  Brewer said she has hope; the brewer down the street helps."
    spread = [(text[f.start : f.end], f.entity_type) for f in detector.detect(text) if f.recognizer == RECOGNIZER]
    assert spread == [("Hope  Brewer", "PATIENT")]
