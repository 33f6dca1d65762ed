"""PersonNameRecognizer: Census names filtered by word frequency, in any case."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "person_name.py")


def names(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["PERSON"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Client Dana Whitfield reports poor sleep.", ["Dana Whitfield"]),
        ("SEEN BY ROBERT V. DEGIORGIO, RRT", ["ROBERT V. DEGIORGIO"]),
        ("spoke with john and mary reyes today", ["john", "mary reyes"]),
        ("Her boss Mark Hall yelled at her.", ["Mark Hall"]),
        ("PT SEEN BY J SMITH AT BEDSIDE", ["J SMITH"]),
        ("Called Maria Gonzalez back.", ["Maria Gonzalez"]),
        ("PATIENT CALVERT ARRIVED", ["CALVERT"]),
        ("Mr. Whitfield was calm.", ["Whitfield"]),
        ("ELEANOR AT BEDSIDE", ["ELEANOR"]),
        ("Client Quillfeather Obrenovska reports poor sleep.", ["Quillfeather Obrenovska"]),
        ("Maria Obrenovska called twice.", ["Maria Obrenovska"]),
        ("Mr. Small and I talked.", ["Small"]),
        ("HUSBAND HAS GOOD UNDERSTANDING, MRS BRUCER FAIR", ["BRUCER"]),
        ("Hi Mark, good to see you.", ["Mark"]),
        ("W. MAROTTA AWARE OF K 3.2", ["W. MAROTTA"]),
        ("MR. EDWIN PRZYBYLO IS AN 83 YR OLD MALE", ["EDWIN PRZYBYLO"]),
        ("CASE MANAGEMENT CONTACTS KAREN ANN YANULIS", ["KAREN ANN YANULIS"]),
        ("Night shift.\nmr nicholson had a quiet night. Plan: Continue.", ["nicholson"]),
        ("JOHN NPO AFTER MIDNIGHT", ["JOHN"]),  # a given name does not pull in an abbreviation
        # Given names that are also words, said to someone or reporting: "Dawn", "Mark", "Melody".
        ("THERAPIST: GOOD MORNING, DAWN. AND YOUR DATE OF BIRTH?", ["DAWN"]),
        ("counselor: hey patty, good to see you.", ["patty"]),
        ("So, Mark, what feels most important today?", ["Mark"]),
        ("Hi Will, good to see you.", ["Will"]),
        ("Melody shared that her fiance was admitted.", ["Melody"]),
        ("Repeat act 140. Reported to D. Phyl. Coags ok.", ["D. Phyl"]),
        ("MR. EDWIN PRZYBYLO is an 83 yr old male who presented", ["EDWIN PRZYBYLO"]),
        # Initials in lower case, apostrophe names, an initial glued to a hyphen.
        ("items in wallet. nsg (d. renna and j. o'brien) verified amt", ["d. renna", "j. o'brien"]),
        ("GIVEN CARAFATE-W. MAROTTA AWARE-WILL START PROTONIX", ["W. MAROTTA"]),
        ("Pt's neighbor Sean O'Brien visited.", ["Sean O'Brien"]),
        # A word no list knows, joined by "and" to a name; a split surname; an initial after an honorific.
        ("pt has 2 children who act as his health care proxys. suzette and ank", ["suzette", "ank"]),
        ("CCU Transfer Note:    Mr. Bweighou se is a 70y/o male with CAD", ["Bweighou se"]),
        ("NOT INVOLVED DIRECTLY WITH MS S. CARE. DAVID IS SPEAKING TO HIS WIFE", ["S", "DAVID"]),
        ("Pt's friend Mark visited. Wendy called twice.", ["Mark", "Wendy"]),
        ("They moved me to nights, I told Wendy and I'm just not sleeping", ["Wendy"]),
        # A lower-case line in a mixed-case note is read as lower case.
        ("MR. EDWIN PRZYBYLO is an 83 yr old male.\nsocial: 2 children act as his health care proxys. suzette and her brother", ["EDWIN PRZYBYLO", "suzette"]),
    ],
)
def test_finds_names_in_any_case(text: str, expected: list[str]) -> None:
    """Names from the lexicon are found in mixed, upper and lower case, with initials joined."""
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Foley draining clear yellow urine.",
        "FOLEY DRAINING, NS BOLUS GIVEN, PACER IN PLACE",
        "Will follow up. Hope to improve. May return in June.",
        "Mark the calendar; grace period applies.",
        "CV: NSR. GU: foley. NEURO: A&O x3.",
        "Spanish speaking, English as second language.",
        "Pt on levo and fent gtts, wean as tolerated.",
        "Grace",  # an ambiguous word alone is not enough
        "the patient is in good spirits",
        "NEURO: PT SEDATED ON ATIVAN",
        "risk assessment: si/hi denied, no plan",
        "PT TOLERATED WELL, TEAM AWARE",
        "So, hope, what do you mean?",  # lower case in a mixed-case note
        "A: MS changes ?etiology. Monitor for changes in MS. Aspiration precautions.",
        "ECHO showed 25% EF w/ 3-4+MR. Given total 6u PRBC",
        "PT IS ALLERGIC TO MS AND ATIVAN",
        "ABG w/ inc PaCO2 and SpO2 of 93%. r-ra sats 98%; pt sao2 at 96%",
        "SUCTIONED FOR FRANK BLOODY SECRETIONS. NO FRANK BLEEDING NOTED.",
        "He appears comfortable on current settings.",
        "Okay, will do. Good morning, everyone.",
        "Well, grace period applies. So, summer plans?",
        "a. fib with rvr. s. aureus in sputum, x. ray pending",
        "Social: Son called, condition updated. Sister visited in a.m.",
        "MS: A. O. X3, follows commands",
    ],
)
def test_clinical_and_common_words_are_not_names(text: str) -> None:
    """Words, clinical terms, eponymous devices, months and languages are not names."""
    assert names(text) == []


def test_sentence_end_does_not_join_names() -> None:
    """A period joins an initial to a name, never two sentences."""
    assert names("She goes to meetings with Dana. It's been good.") == ["Dana"]


def test_mixed_case_needs_capitals() -> None:
    """In a mixed-case note a lower-case word is never a lexicon name."""
    assert names("The note says david said hello to Maria.") == ["Maria"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Client: I just don't feel like it, Mark. Okay.", ["Mark"]),
        ("Therapist: Dawn, what would that look like?", ["Dawn"]),
        ("Thanks, Dawn.", ["Dawn"]),
        ("Okay Ben.", ["Ben"]),
        ("THERAPIST: SO, MARK, WHAT DO YOU THINK?", ["MARK"]),
        ("I'd say my name is Mark and I work here.", ["Mark"]),
        ("my name is kwabena and i need help", ["kwabena"]),
        ("MY NAME IS HOPE.", ["HOPE"]),
        ("Client: Hi, I'm Dawn. Nice to meet you.", ["Dawn"]),
        ("Hello, this is Rose from the front desk.", ["Rose"]),
        ("Dawn speaking.", ["Dawn"]),
        ("He goes by Chip at school.", ["Chip"]),
        ("Her cousin, aka Sunny, called.", ["Sunny"]),
        ("I'll be talking to Bill about it.", ["Bill"]),
        ("see my note on ms. quarendt, below", ["quarendt"]),  # after "ms." a word no dictionary knows
        ("Mr O Harcain received his meds.", ["O Harcain"]),  # an initial or particle after the honorific
        ("MRS. VAN DYKSTRAAT CALLED", ["VAN DYKSTRAAT"]),
    ],
)
def test_talk_cues_make_word_names_names(text: str, expected: list[str]) -> None:
    """Given names that are also words are names when said to someone, introduced or nicknamed."""
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Therapist: This is hard, isn't it?",
        "I'm fine, thanks. I'm Sorry.",
        "PLAN: WILL CONTINUE, MAY NEED MORE",
        "Born in June, 2001.",
        "It goes by quickly.",
        "my name is not on the list",
        "It's hope, really.",
        "I talked to Mom. I need to talk to someone.",
        "Summer, fall and winter are hard.",
        "FIB INTACT, NO STOOL OVERNIGHT. MIN. RESIDUALS WHILE TF ON.",
        "cardiac--hr 100 pat, no ectopy",
        "Social- Son, updated by the team.",
        "Client: Man, I've been fighting that for years.",
        "Client: Honey, I said no. Will, maybe.",
        "CHANGES IN MS. ASPIRATION PRECAUTIONS",
        "Therapist: Okay. So-so, that helped?",  # a stutter
        "MS. A LOT OF SECRETIONS",
        "mild mr. increased since am.",
    ],
)
def test_talk_cues_leave_words_alone(text: str) -> None:
    """Pronouns, ordinary words, months and relation words in the same slots stay words."""
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Without capitals, a middle initial and a surname that is also a word, where the name ends.
        ("i'm rosalind e rivers, from out of town", ["rosalind e rivers"]),
        ("her grandmother was called margaret burns.", ["margaret burns"]),
        ("A WOMAN NAMED DOROTHY GREEN", ["DOROTHY GREEN"]),
        ("a man named tsvetan knocked.", ["tsvetan"]),
    ],
)
def test_names_run_on_without_capitals(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("margaret burns the toast daily", ["margaret"]),  # a word in the sentence, not at a pause
        ("she moved to margaret house.", ["margaret"]),  # a building, not a surname
        ("DOROTHY HOUSE.", ["DOROTHY"]),
        ("spoke with margaret a lot", ["margaret"]),  # "a" is no initial
    ],
)
def test_word_surnames_stop_where_they_read_as_words(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_vocatives_without_capitals_only_in_a_transcript() -> None:
    """Between pauses a given name is said to someone in a transcript's turn, in any case; in
    a note's list of findings the same slot holds words."""
    talk = "THERAPIST: WHAT ELSE?\nCLIENT: TO BE HONEST, DAWN, I DON'T KNOW.\nTHERAPIST: OKAY.\nCLIENT: YEAH."
    assert names(talk) == ["DAWN"]
    assert names(talk.lower()) == ["dawn"]
    assert names("SKIN: INTACT, DAWN, NO BREAKDOWN.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask to page Dragoslav at home", ["Dragoslav"]),
        ("case manager spoke with thandeka today", ["thandeka"]),  # no capitals: a word no dictionary knows
        ("WILL CONSULT WITH OYELARAN RE SKIN CARE", ["OYELARAN"]),
        ("page 2 of 3", []),
        ("spoke with ortho re plan", []),
        ("SPOKE WITH NSG SUPERVISOR", []),
        ("per protocol, paged cardiology fellow", []),
        ("spoke with lisinopril clinic", []),  # a drug stem
    ],
)
def test_contact_verbs_name_unknown_words(text: str, expected: list[str]) -> None:
    """After a contact verb ("page", "spoke with", "consult with") a listed name, or in any case a
    word that no dictionary knows, is a person; jargon, drugs and numbers are not."""
    assert names(text) == expected
