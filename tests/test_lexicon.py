"""deid.kit.lexicon: the common words that are never names come from spaCy's tables, not hand lists."""

from __future__ import annotations

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from deid.kit.lexicon import COMMON_WORDS, FUNCTION_WORDS, is_note_word, lemma_table


def test_function_words_are_spacys_stop_words_and_what_notes_add() -> None:
    assert {w.lower() for w in STOP_WORDS} <= FUNCTION_WORDS
    assert {"didn't", "yesterday", "okay", "mrs", "etc"} <= FUNCTION_WORDS


@pytest.mark.parametrize("form", ["calls", "called", "calling", "went", "gone", "took", "says", "cried", "worried"])
def test_verb_forms_come_from_spacys_lemma_table(form: str) -> None:
    """Regular and irregular forms of the verbs notes use are words, never names."""
    assert form in COMMON_WORDS and is_note_word(form.upper())


def test_lemma_table_maps_forms_to_lemmas() -> None:
    table = lemma_table()
    assert table["went"] == "go" and table["calling"] == "call"
    assert lemma_table("xx") == {}  # a language without a table


def test_names_stay_names() -> None:
    """Neither list swallows a common given name or surname written as a name."""
    for name in ("maria", "okafor", "reyes", "chen"):
        assert name not in COMMON_WORDS
