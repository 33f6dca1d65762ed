"""spaCy NER is used where it works (mixed case) and filtered where it does not."""

from __future__ import annotations


def spans(detector, text: str) -> list[tuple[str, str, str]]:
    return sorted((text[f.start : f.end], f.entity_type, f.recognizer) for f in detector.detect(text))


def test_all_caps_notes_get_no_ner_but_keep_lexicon_names(detector) -> None:
    """In an ALL-CAPS note NER is off, and a lexicon name with the same span is not lost with it."""
    found = spans(detector, "QUIET NIGHT FOR PT.     ROBERT V. DEGIORGIO, RRT  ")
    assert ("ROBERT V. DEGIORGIO", "PERSON", "PersonNameRecognizer") in found
    assert not [f for f in found if f[2] == "SpacyRecognizer"]


def test_ner_in_mixed_case_drops_clinical_words(detector) -> None:
    """Sentence-initial clinical words that NER calls people are dropped; real names stay."""
    found = spans(detector, "Wean as tolerated. Ortho will follow. Sputum sent. Maria Gonzalez visited.")
    names = {text for text, entity, _ in found if entity == "PERSON"}
    assert "Maria Gonzalez" in names
    assert not names & {"Wean", "Ortho", "Sputum"}


def test_ner_spans_stop_at_line_breaks(detector) -> None:
    """An NER entity never runs across a line break."""
    text = "Clinician: Dr. Priya Raman, PsyD\n\nS: Client reports stress."
    assert all("\n" not in text[f.start : f.end] for f in detector.detect(text))
