"""ProperNameRecognizer and deid.kit.name_shape: names of any culture by the shape of the word."""

from __future__ import annotations

import pytest

from deid.kit.name_shape import clinical_register, inside_sentence, is_proper_word
from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "proper_name.py")


def found(text: str) -> list[str]:
    results = REC.analyze(text, ["PERSON"], None)
    assert all(r.entity_type == "PERSON" for r in results)
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I went with Ngozi to the store.", ["Ngozi"]),
        ("Where did Wiremu go after that?", ["Wiremu"]),
        ("So, Tamsin, what would that look like?", ["Tamsin"]),
        ("She said Kwabena Mensah was added as a beneficiary.", ["Kwabena Mensah"]),
        ("Thanks for coming in, Bílková.", ["Bílková"]),  # letters beyond ASCII are letters
        ("We talked about Aoife's new job.", ["Aoife"]),  # the possessive stays outside
        ("She met McTavish and O'Rourke-Nwosu later.", ["McTavish", "O'Rourke-Nwosu"]),
        ("Sphiwe reports better sleep. Kwabena Mensah called.", ["Sphiwe", "Kwabena Mensah"]),  # opening, confirmed
        ("Client: Tamsin reports stress.", ["Tamsin"]),
        ("I WENT WITH NGOZI TO THE STORE TODAY AND IT WAS FINE.", ["NGOZI"]),  # case restored first
        ("i went with ngozi to the store today and it was fine.", ["ngozi"]),
    ],
)
def test_capitalized_unknown_words_inside_a_sentence_are_names(text: str, expected: list[str]) -> None:
    """A capitalized word that no dictionary knows, inside a mixed-case sentence, is a name."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ngozi in the morning, then lunch.",  # opens the sentence, nothing confirms it: capitals say nothing there
        "We talked on Monday about Christmas with her Mexican friends.",  # identify no one
        "They moved from Egypt to Ohio and then to France.",  # countries and states
        "She started Atenolol and Lisinopril last week.",  # drugs by their stems
        "So-so, and-and I'm not sure, I've seen it.",  # stutters and contractions
        "Her FiO2 and PRBCs were checked, and SpO2 stayed up.",  # abbreviations, codes
        "She reports tachycardia and Psoriasis flares.",  # words written lower case on the web
        "THE GOOD NEWS IS THE STOMATITIS AND THE HYPOTENSION ARE BETTER.",  # restored case: words by their endings
    ],
)
def test_no_name_without_the_shape(text: str) -> None:
    """Sentence openers, labels, ordinary proper nouns, drugs, abbreviations and uncased lines give no name."""
    assert found(text) == []


def test_telegraphic_clinical_notes_need_more_than_the_shape() -> None:
    """In ICU-style notes (dense with clinical terms) the shape alone flags nothing: NER must agree."""
    note = "Neuro: A&O x3, MAE. CV: HR 80s NSR, BP stable on Levophed with Ngozi at bedside. Resp: LS clear, sats 98% on 2L NC."
    assert clinical_register(note)
    assert found(note) == []
    assert not clinical_register("I went with Ngozi to the store and we talked about her week.")


@pytest.mark.parametrize(("word", "proper"), [("Thembile", True), ("Stord-Painter", True), ("Follow-up", False), ("Cx", False), ("Tuesday", False)])
def test_is_proper_word(word: str, proper: bool) -> None:
    """The word test alone: hyphenated names keep one unknown part; all-common compounds and vowelless abbreviations fail."""
    assert is_proper_word(word) is proper


def test_inside_sentence_looks_back_on_the_line_only() -> None:
    """A word is inside a sentence when a word or a comma precedes it on its line."""
    text = "Hello there.\nNgozi, come in. Then Ngozi sat."
    assert not inside_sentence(text, text.index("Ngozi"))
    assert inside_sentence(text, text.rindex("Ngozi"))
