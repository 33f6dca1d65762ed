"""Tests for recognizers/clinician.py: clinicians' names by title, role, credential or signature."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

CLIN = "CLINICIAN"


@pytest.fixture(scope="module")
def recognizer(load_plugin):
    """The clinician plug-in, loaded by path and built without arguments."""
    (only,) = load_plugin("clinician.py")
    return only


POSITIVES = [
    ("Discussed with Dr. Lee.", [(CLIN, "Lee")]),
    ("Discussed with Dr Lee.", [(CLIN, "Lee")]),
    ("DISCUSSED WITH DR. LEE", [(CLIN, "LEE")]),
    ("TUBE PLACED PER DR. WHITE'S ORDER.", [(CLIN, "WHITE")]),  # a possessive in capitals
    ("Seen by Dr. Jane Lee for meds.", [(CLIN, "Jane Lee")]),
    ("Seen by Dr. de la Vega for follow up.", [(CLIN, "de la Vega")]),  # two particles
    ("Seen by Dr. Ann M. Okoro today.", [(CLIN, "Ann M. Okoro")]),  # an initial is one word of three
    ("J. Park, LCSW", [(CLIN, "J. Park")]),
    ("Jane Park, LCSW", [(CLIN, "Jane Park")]),
    ("Jane Park LMFT", [(CLIN, "Jane Park")]),
    ("Sam Ortiz, PhD", [(CLIN, "Sam Ortiz")]),
    ("Ortiz, MD", [(CLIN, "Ortiz")]),
    ("Ann Lee, Ph.D.", [(CLIN, "Ann Lee")]),
    ("Ann Lee, M.D.", [(CLIN, "Ann Lee")]),
    ("Jane Park, MA, LPC", [(CLIN, "Jane Park")]),
    ("Jane Park MA", [(CLIN, "Jane Park")]),
    ("Kim, PMHNP-BC", [(CLIN, "Kim")]),
    ("Ann Lee, OTR/L", [(CLIN, "Ann Lee")]),
    ("Met with NP Kim.", [(CLIN, "Kim")]),
    ("Nurse Practitioner Alice Wong", [(CLIN, "Alice Wong")]),
    ("Pt was seen by Tom Baker.", [(CLIN, "Tom Baker")]),
    ("signed: Maria Gomez, LPC", [(CLIN, "Maria Gomez")]),
    ("Electronically signed by Ann Lee, PsyD", [(CLIN, "Ann Lee")]),
    ("ELECTRONICALLY SIGNED BY ANN LEE, PSYD", [(CLIN, "ANN LEE")]),
    ("JANE PARK, LCSW", [(CLIN, "JANE PARK")]),
    ("SEEN BY TOM BAKER", [(CLIN, "TOM BAKER")]),
    ("Her therapist Ann Lee is on leave.", [(CLIN, "Ann Lee")]),
    ("Her psychiatrist Dr. Roy adjusted meds.", [(CLIN, "Roy")]),
    ("Pt referred to Dr. Mark Hill.", [(CLIN, "Mark Hill")]),
    ("RN Kelly took vitals.", [(CLIN, "Kelly")]),
    ("dr. lee said to continue.", [(CLIN, "lee")]),
    ("DR. PARK", [(CLIN, "PARK")]),
    ("Drs. Lee and Park", [(CLIN, "Lee"), (CLIN, "Park")]),
    ("Called Dr. Lee's office.", [(CLIN, "Lee")]),
    ("Provider: Ann Lee", [(CLIN, "Ann Lee")]),
    ("Counselor: JIM BEAM", [(CLIN, "JIM BEAM")]),
    ("psychiatric NP Kim", [(CLIN, "Kim")]),
    ("case manager Bob will follow up", [(CLIN, "Bob")]),
    ("social worker Amy Chen", [(CLIN, "Amy Chen")]),
    ("Pt saw Dr. Brown on 3/4.", [(CLIN, "Brown")]),
    ("Dr. J. Park reviewed.", [(CLIN, "J. Park")]),
    ("Smith, MD", [(CLIN, "Smith")]),
    ("Jane M. Park, PhD", [(CLIN, "Jane M. Park")]),
    ("Jane Park, LCSW-C", [(CLIN, "Jane Park")]),
    ("Ann Lee RN", [(CLIN, "Ann Lee")]),
    ("THERAPIST: JANE PARK", [(CLIN, "JANE PARK")]),
    ("Dr. O'Brien", [(CLIN, "O'Brien")]),
    ("Dr. Smith-Jones", [(CLIN, "Smith-Jones")]),
    ("Attending: Dr. Lee", [(CLIN, "Lee")]),
    ("Family therapist Ann Lee", [(CLIN, "Ann Lee")]),
    (
        "Co-signed by Sam Ortiz, PhD; supervised by Jane Park, LCSW",
        [(CLIN, "Sam Ortiz"), (CLIN, "Jane Park")],
    ),
    # Surnames that are also words, made names by a title or an initial.
    ("Will send treatment summary to Dr. Good with consent.", [(CLIN, "Good")]),
    ("LIKE DR. GOOD SAID.", [(CLIN, "GOOD")]),
    ("-- D. Ray, APCC", [(CLIN, "D. Ray")]),
    ("Therapist: N. Brady, LMHC", [(CLIN, "N. Brady")]),
    ("Orders signed on chart by Dr. Art White. Will stop", [(CLIN, "Art White")]),
    ("spoke at length w/ dr rizzo, dr small today", [(CLIN, "rizzo"), (CLIN, "small")]),
    ("PLAN IS TO GIVE SECOND UNIT.\nMURIELE WILLIAM RN \n\n", [(CLIN, "MURIELE WILLIAM")]),
    # A signature in lower case, with a lower-case credential, and with a misspelt one.
    ("all is well at this time. q. lander rrt", [(CLIN, "q. lander")]),
    ("clinician: v. doyle, lcsw [recording started]", [(CLIN, "v. doyle")]),
    ("support was given by chaplain & pat rixford licws, contact made", [(CLIN, "pat rixford")]),
    ("Ann Lee, LCWS", [(CLIN, "Ann Lee")]),
    # Double-barrelled surnames and surname particles.
    ("Stord-Painter MD plans to attempt talc", [(CLIN, "Stord-Painter")]),
    ("Dr. o rourke and Dr. Stronczek in room", [(CLIN, "o rourke"), (CLIN, "Stronczek")]),
    ("Seen by Dr. van Dyke today.", [(CLIN, "van Dyke")]),
    ("Ann de la Cruz, LCSW", [(CLIN, "Ann de la Cruz")]),
]

NEGATIVES = [
    "Dr.",
    "That sounds like a step for you as your doctor. Why don't we revisit it?",  # a sentence ends
    "MD",
    "RN to check vitals.",
    "The PA said it is fine.",
    "She is in a PhD program.",
    "Applied to a Columbia PhD program.",
    "dr appt tomorrow",
    "Has NP visit next week.",
    "Missed Dr. appointment.",
    "Missed Dr. Appointment today.",
    "Will call Dr. Office.",
    "The doctor said to rest.",
    "HOUSE STAFF AWARE. U/O DROP OFF SLIGHTLY,PT MENTATING,DENIES C/O",
    "Seen by Transplant surgeon.",
    "STOOL CULTURES SENT. OVERALL, PT APPROX 1400 IN",
    "MS symptoms are worse.",
    "Patient has MS.",
    "Moved from the MA state system.",
    "Lives in Baltimore, MD 21201.",
    "Lives in Boston, MA.",
    "123 Main St, Baltimore, MD",
    "She wants to DO it herself.",
    "Was seen by her PCP.",
    "The doctor said to rest.",
    "HOUSE STAFF AWARE. U/O DROP OFF SLIGHTLY,PT MENTATING,DENIES C/O",
    "Seen by Transplant surgeon.",
    "STOOL CULTURES SENT. OVERALL, PT APPROX 1400 IN",
    "Her therapist Monday was cancelled.",
    "Her therapist is on leave.",
    "Seen by psychiatry.",
    "LCSW",
    "Pending MD review.",
    "Patient is an RN at Scripps.",
    "She works as an NP.",
    "Called the Nurse Line.",
    "Reviewed by Utilization Review.",
    "Signed by Client.",
    "Therapist Notes",
    "Dr's note received.",
    # Lower-case words before a lower-case credential are not signatures.
    "the lcsw will call tomorrow",
    "weekly lcsw visits continue",
    "needs rrt eval in the am",
    # A hyphenated word before an ambiguous credential is not a name.
    "Pre-Op MD visit tomorrow",
    "The X-Ray MD said so.",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_clinician_names(recognizer, found, text, expected):
    """The name (only) next to a title, role, credential or signature cue is CLINICIAN."""
    assert found(recognizer, text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_titles_and_credentials_without_names(recognizer, found, text):
    """Titles, credentials and abbreviations with no name next to them yield nothing."""
    assert found(recognizer, text) == []


@pytest.mark.parametrize(
    "text", ["Dr. Lee", "Jane Park, LCSW", "Ortiz, MD", "therapist Ann Lee", "dr. lee said"]
)
def test_scores_are_high(recognizer, analyze, text):
    """A title or credential is strong evidence: every finding scores between 0.85 and 0.95."""
    (result,) = analyze(recognizer, text)
    assert 0.85 <= result.score <= 0.95


def test_results_carry_recognizer_name_and_id(recognizer, analyze):
    """Each result names the recognizer and its instance id, as Presidio's own results do."""
    (result,) = analyze(recognizer, "Dr. Lee")
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == (
        "ClinicianRecognizer"
    )
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == (
        recognizer.id
    )


def test_plugin_defines_one_recognizer_for_clinician(recognizer):
    """The file defines one no-argument English recognizer for CLINICIAN."""
    assert recognizer.name == "ClinicianRecognizer"
    assert recognizer.supported_entities == [CLIN]
    assert recognizer.supported_language == "en"


def test_other_entities_requested_yield_nothing(recognizer, nlp_engine):
    """Asked only for another entity, the recognizer returns nothing."""
    text = "Dr. Lee"
    assert recognizer.analyze(text, ["RELATIVE"], nlp_engine.process_text(text, "en")) == []


def test_works_without_nlp_artifacts(recognizer):
    """Without NLP output the recognizer still finds names from its word lists alone."""
    text = "Seen by Dr. Lee; signed Jane Park, LCSW."
    results = sorted(recognizer.analyze(text, [CLIN], None), key=lambda r: r.start)
    assert [text[r.start : r.end] for r in results] == ["Lee", "Jane Park"]
