"""spaCy NER is used where it works (mixed case) and filtered where it does not."""

from __future__ import annotations

from deid.detect.ner import ner_windows


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


def test_a_name_no_lexicon_knows_is_found_in_mixed_case(detector) -> None:
    """Two unlisted capitalized words opening a sentence are one PERSON (shape evidence, or NER on its window)."""
    text = "Session went well. Xiaoqing Zhuvanetti waited in the lobby."
    found = spans(detector, text)
    assert any(s[:2] == ("Xiaoqing Zhuvanetti", "PERSON") for s in found), found


def test_ner_reads_lower_case_notes_with_their_case_restored() -> None:
    """A lower-case note is truecased before NER's windows are chosen; clinical shorthand is not."""
    from deid.kit.casing import truecase

    talk = "we talked about her week. she went with xiaoqing zhuvanetti to the market on the weekend."
    assert ner_windows(talk, []) == []
    assert ner_windows(truecase(talk), []) != []


def test_ner_windows_skip_caps_covered_and_ordinary_words() -> None:
    """NER runs only around uncovered proper words of mixed-case text, within their line."""
    text = "Discussed Sertraline and CBT today.\nLater Xiaoqing Zhuvanetti called about Boston plans."
    windows = ner_windows(text, [])
    assert len(windows) == 1
    start, end = windows[0]
    assert text.index("Later") <= start and end <= len(text)
    assert "Xiaoqing" in text[start:end] and "\n" not in text[start:end]
    # Covered by other recognizers: nothing left for NER.
    covered = [(text.index("Xiaoqing"), text.index(" called")), (text.index("Boston"), text.index(" plans"))]
    assert ner_windows(text, covered) == []
    assert ner_windows(text.upper(), []) == []  # ALL CAPS: NER is not trusted
    assert ner_windows("Wean as tolerated. Ortho will follow. Plan: continue.", []) == []


def test_ner_windows_are_whole_words_and_merge() -> None:
    """Long lines are cut at spaces around the word; nearby words share one window."""
    filler = "Then the client talked about work. " * 10
    text = f"{filler}with Xiaoqing Zhuvanetti and Marisol Quintanilla-Roe {filler}"
    windows = ner_windows(text, [])
    assert len(windows) == 1
    start, end = windows[0]
    assert 0 < start and end < len(text)
    assert text[start - 1] == " " and text[end] == " "
    assert "Xiaoqing Zhuvanetti and Marisol Quintanilla-Roe" in text[start:end]


def test_town_names_that_are_words_need_a_mid_sentence_capital() -> None:
    """Okay, Deal and Harbor are towns; NER looks only where the capital is not a sentence start or label."""
    assert ner_windows("Okay, so I went.\nCounselor: Tell me more. Deal with it.", []) == []
    text = "Pt went to Harbor on 3/6 with pain."
    (window,) = ner_windows(text, [])
    assert "Harbor" in text[window[0] : window[1]]
