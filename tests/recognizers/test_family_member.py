"""Tests for recognizers/family_member.py: names of relatives and personal contacts."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

REL = "RELATIVE"


@pytest.fixture(scope="module")
def recognizer(load_plugin):
    """The family-member plug-in, loaded by path and built without arguments."""
    (only,) = load_plugin("family_member.py")
    return only


POSITIVES = [
    ("Pt came with her husband Tom today.", [(REL, "Tom")]),
    ("his wife, Maria Lopez, attended.", [(REL, "Maria Lopez")]),
    ("Tom (husband) was present.", [(REL, "Tom")]),
    ("TOM (HUSBAND) PRESENT", [(REL, "TOM")]),
    ("SOCIAL:DAUGHTER-KRISSY---301 944-5032 & GRAND DAUGHTER-LUCI---301", [(REL, "KRISSY"), (REL, "LUCI")]),
    ("Family: Son, Ed, was updated by MD today.", [(REL, "Ed")]),
    ("Ann Smith (pt's mother) called.", [(REL, "Ann Smith")]),
    ("pt's sister Ann visits weekly.", [(REL, "Ann")]),
    ("pt's dtr Ann brought her in.", [(REL, "Ann")]),
    ("Emergency contact: mother, Ann Smith.", [(REL, "Ann Smith")]),
    ("Lives with son Eli (7).", [(REL, "Eli")]),
    # Surname particles open a name ("van", "de la", Irish "o" for Ó), in any case.
    ("Her son van Dyke called.", [(REL, "van Dyke")]),
    ("social: pt's son o laighin called twice overnight", [(REL, "o laighin")]),
    ("wife de la Cruz at bedside", [(REL, "de la Cruz")]),
    # The walk back from a relation takes particles and initials too (one walker with clinicians).
    ("Ines de la Vega (mother) called today.", [(REL, "Ines de la Vega")]),
    ("Her sister Ann M. Okoro visited.", [(REL, "Ann M. Okoro")]),
    ("Conflict with his ex, Maria.", [(REL, "Maria")]),
    ("Argued with her boyfriend Jake.", [(REL, "Jake")]),
    ("client's partner Sam joined.", [(REL, "Sam")]),
    ("brother-in-law Mike helps out.", [(REL, "Mike")]),
    ("His mother in law Ann moved in.", [(REL, "Ann")]),
    ("roommate Chris is supportive.", [(REL, "Chris")]),
    ("Spends time with friend Dana.", [(REL, "Dana")]),
    ("grandmother Rose raised her.", [(REL, "Rose")]),
    ("step-father Bill left in 2019.", [(REL, "Bill")]),
    ("Her ex-wife Kim has custody.", [(REL, "Kim")]),
    ("her fiancé Luis proposed.", [(REL, "Luis")]),
    ("her fiance Luis proposed.", [(REL, "Luis")]),
    ("Has a daughter named Grace.", [(REL, "Grace")]),
    ("Ann, her mother, called.", [(REL, "Ann")]),
    ("Spoke with pt's wife Linda by phone.", [(REL, "Linda")]),
    ("MOTHER ANN SMITH AT BEDSIDE", [(REL, "ANN SMITH")]),
    ("Pt says her husband tom works nights.", [(REL, "tom")]),
    ("her son Will turned 9.", [(REL, "Will")]),
    ("Her mother May visits.", [(REL, "May")]),
    ("Lives with her SO Mike.", [(REL, "Mike")]),
    ("significant other Pat attended", [(REL, "Pat")]),
    ("Her husband's name is Tom.", [(REL, "Tom")]),
    ("HER HUSBAND'S NAME IS TOM.", [(REL, "TOM")]),  # a possessive in capitals
    ("his mother, Mrs. Ann Smith, called", [(REL, "Ann Smith")]),
    ("his wife Maria's car broke down", [(REL, "Maria")]),
    ("AA sponsor Rick calls daily.", [(REL, "Rick")]),
    ("Neighbor Mr. Jones checks in.", [(REL, "Jones")]),
    ("coworker J. Smith reported it.", [(REL, "J. Smith")]),
    ("Her sister Mary-Kate O'Brien visited.", [(REL, "Mary-Kate O'Brien")]),
    ("Mother: Ann Smith", [(REL, "Ann Smith")]),
    ("Spouse Name: Tom Smith", [(REL, "Tom Smith")]),
    ("Guardian: Ann Smith", [(REL, "Ann Smith")]),
    ("HER HUSBAND TOM SAID SO", [(REL, "TOM")]),
    ("her ex boyfriend Ricky called", [(REL, "Ricky")]),
    ("boyfriend Jake's mother Linda", [(REL, "Jake"), (REL, "Linda")]),
    ("Children: Eli and Ann", [(REL, "Eli"), (REL, "Ann")]),
    (
        "children Eli, Sam and Grace live with her.",
        [(REL, "Eli"), (REL, "Sam"), (REL, "Grace")],
    ),
    (
        "Lives with husband Tom and daughter Ann.",
        [(REL, "Tom"), (REL, "Ann")],
    ),
]

NEGATIVES = [
    "FAMILY NEPHEW CALLED MESSAGE LEFT TO CALL UNIT.",
    "going out with friends and-and party",  # a stutter is no name
    "I wish my kids were-were still around",
    "SOCIAL: HUSBAND NOTIFIED OF REINTUBATION",
    "Came with her husband.",
    "Her husband is supportive.",
    "His mother is supportive.",
    "Her mother said she was worried.",
    "Has a son and daughter.",
    "Wife was not present.",
    "The family met with the team.",
    "Lives with son (7).",
    "Celebrated Mother's Day with family.",
    "Describes uncle as a father figure.",
    "Joined a friend group at church.",
    "Her husband's job is stressful.",
    "MOTHER IS AT BEDSIDE",
    "HUSBAND WILL VISIT TOMORROW",
    "Visited the sister city.",
    "Her son will be 7 in May.",
    "Saw her mother May 3.",
    "Her son ADHD eval is pending.",
    "Family hx: Mother, Father, Sister with depression.",
    "Lives with mother and stepfather.",
    "Went to Disneyland, her mother said.",
    "Her mother Monday called.",
    "HER MOTHER HOPES TO ATTEND",
    "his wife of 20 years",
    "so she left early",
    "Her husband drinks daily.",
    "Her son English teacher is kind.",
    "His wife Spanish speaking only.",
    "Met a friend Facebook group.",
    "Pt's Mother Present",
    "Mother Reports Improvement",
    "Mother deceased, father in prison.",
    "Relationship to patient: Mother",
    "Mom Jan 5 visit",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_names_next_to_relation_words(recognizer, found, text, expected):
    """The name (only) of a relative or contact next to a relation word is RELATIVE."""
    assert found(recognizer, text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_relation_words_without_names(recognizer, found, text):
    """Relation words followed by ordinary words, possessives or numbers yield nothing."""
    assert found(recognizer, text) == []


@pytest.mark.parametrize(
    "text",
    ["Her husband Tom came.", "TOM (HUSBAND)", "Ann, her mother, called.", "husband tom came"],
)
def test_scores_are_high(recognizer, analyze, text):
    """A relation word is strong evidence: every finding scores between 0.85 and 0.95."""
    (result,) = analyze(recognizer, text)
    assert 0.85 <= result.score <= 0.95


def test_results_carry_recognizer_name_and_id(recognizer, analyze):
    """Each result names the recognizer and its instance id, as Presidio's own results do."""
    (result,) = analyze(recognizer, "her husband Tom")
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == (
        "FamilyMemberRecognizer"
    )
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == (
        recognizer.id
    )


def test_plugin_defines_one_recognizer_for_relative(recognizer):
    """The file defines one no-argument English recognizer for RELATIVE."""
    assert recognizer.name == "FamilyMemberRecognizer"
    assert recognizer.supported_entities == [REL]
    assert recognizer.supported_language == "en"


def test_other_entities_requested_yield_nothing(recognizer, nlp_engine):
    """Asked only for another entity, the recognizer returns nothing."""
    text = "her husband Tom"
    assert recognizer.analyze(text, ["PHONE_NUMBER"], nlp_engine.process_text(text, "en")) == []


def test_works_without_nlp_artifacts(recognizer):
    """Without NLP output the recognizer still finds names from its word lists alone."""
    text = "Spoke with pt's wife Linda and her brother Sam."
    results = sorted(recognizer.analyze(text, [REL], None), key=lambda r: r.start)
    assert [text[r.start : r.end] for r in results] == ["Linda", "Sam"]
