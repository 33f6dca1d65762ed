"""Tests for recognizers/phone.py: US phone and fax numbers with extensions."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

PHONE = "PHONE_NUMBER"
FAX = "FAX"


@pytest.fixture(scope="module")
def recognizer(load_plugin):
    """The phone plug-in, loaded by path and built without arguments."""
    (only,) = load_plugin("phone.py")
    return only


POSITIVES = [
    ("Call 619-549-0329 today.", [(PHONE, "619-549-0329")]),
    ("619-549-0329", [(PHONE, "619-549-0329")]),
    ("office 619-549-0329 ext 0", [(PHONE, "619-549-0329 ext 0")]),
    ("619-549-0329 x1234", [(PHONE, "619-549-0329 x1234")]),
    ("619-549-0329 X 1234", [(PHONE, "619-549-0329 X 1234")]),
    ("Office: 619-549-0329, ext. 12.", [(PHONE, "619-549-0329, ext. 12")]),
    ("Tel. 619-549-0329x12", [(PHONE, "619-549-0329x12")]),
    ("619-549-0329 extension 4411", [(PHONE, "619-549-0329 extension 4411")]),
    ("(619) 549-0329", [(PHONE, "(619) 549-0329")]),
    ("(619)549-0329", [(PHONE, "(619)549-0329")]),
    ("619.549.0329", [(PHONE, "619.549.0329")]),
    ("619 549 0329", [(PHONE, "619 549 0329")]),
    ("619/549-0329", [(PHONE, "619/549-0329")]),
    ("+1 619 549 0329", [(PHONE, "+1 619 549 0329")]),
    ("+1-619-549-0329", [(PHONE, "+1-619-549-0329")]),
    ("1-619-549-0329", [(PHONE, "1-619-549-0329")]),
    ("Mobile: +1 (619) 549-0329", [(PHONE, "+1 (619) 549-0329")]),
    ("619\u2011549\u20110329", [(PHONE, "619\u2011549\u20110329")]),
    ("cell 6195490329", [(PHONE, "6195490329")]),
    ("Pt's phone number is 6195490329.", [(PHONE, "6195490329")]),
    ("call 549-0329", [(PHONE, "549-0329")]),
    ("Home phone: 549-0329", [(PHONE, "549-0329")]),
    ("Call front desk at ext. 12", [(PHONE, "ext. 12")]),
    ("PHONE: 619-549-0329 EXT 22", [(PHONE, "619-549-0329 EXT 22")]),
    ("CALL 619 549 0329", [(PHONE, "619 549 0329")]),
    ("(c) 858-555-0100", [(PHONE, "858-555-0100")]),
    ("Fax: 619-549-0330", [(FAX, "619-549-0330")]),
    ("FAX 619.549.0330", [(FAX, "619.549.0330")]),
    ("Facsimile (619) 549-0330", [(FAX, "(619) 549-0330")]),
    ("F: (619) 549-0330", [(FAX, "(619) 549-0330")]),
    ("fax#: 6195490330", [(FAX, "6195490330")]),
    ("please fax records to 549-0330", [(FAX, "549-0330")]),
    ("619-549-0330 (fax)", [(FAX, "619-549-0330")]),
    (
        "Phone: 619-549-0329 Fax: 619-549-0330",
        [(PHONE, "619-549-0329"), (FAX, "619-549-0330")],
    ),
    (
        "fax 619-549-0330, phone 619-549-0329",
        [(FAX, "619-549-0330"), (PHONE, "619-549-0329")],
    ),
    (
        "cell: 619-549-0329 or home: (858) 555-0100",
        [(PHONE, "619-549-0329"), (PHONE, "(858) 555-0100")],
    ),
    (
        "MRN 12345678. Mother's cell 619-549-0329.",
        [(PHONE, "619-549-0329")],
    ),
    ("Fax:\n619-549-0329", [(PHONE, "619-549-0329")]),
    # Footers and signatures: a bare number after a separator, or ending a line of words.
    ("Hillside Family Counseling | 5035550147", [(PHONE, "5035550147")]),
    ("Hillside Counseling - 5035550147\nSuite 4", [(PHONE, "5035550147")]),
    ("Dana Kim, LCSW, 5035550147", [(PHONE, "5035550147")]),
    ("Dana Kim LCSW 5035550147.\nThank you", [(PHONE, "5035550147")]),
    # Digits kept, grouping lost: alone in parentheses or after a phone label.
    ("social: pt's son ,dave, (240444-1243) was in ew", [(PHONE, "240444-1243")]),
    ("son and grandson visited today.(301 273 45166) both met w/ sw", [(PHONE, "301 273 45166")]),
    ("call son at 301 273 45166 later", [(PHONE, "301 273 45166")]),
]

NEGATIVES = [
    "Seen on 03/14/2025.",
    "Seen on 3/14/25 and 2025-03-14.",
    "Session 10:30-11:20.",
    "CPT 90837, 90834 and 90791.",
    "Dx F41.1, F32.1 and Z63.0.",
    "sertraline 50 mg daily",
    "PHQ-9 of 14, GAD-7 of 12",
    "SSN 123-45-6789",
    "ZIP 92101",
    "San Diego, CA 92101-1234",
    "MRN 12345678",
    "MRN 1234567890",
    "NPI 1234567893",
    "Account # 549-0329",
    "BP 120/80, HR 72, RR 16, T 37.5, SpO2 98%",
    "Weight 180.5 lbs, height 5'10\"",
    "6195490329",
    "549-0329",
    "cell 1234567890",
    "range 100-200 mg",
    "Score 27/30 on the MoCA.",
    "Reference 2025-0314-12.",
    "Invoice 1234-567-8901",
    "ABG 7.35 then 240444-1243 on the flowsheet",
    "301 273 45166",
    "tv 400 (500 600 7000 cc) ok",
    "intake 619 549 0329 ml over the shift",
    "Hillside Counseling | 0035550147",  # no NANP area code
    "Dana Kim LCSW 5035550147 was the code",  # not the end of its line
    "total intake 5035550147 cc",
    "MRN: 5035550147",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_phone_and_fax_numbers(recognizer, found, text, expected):
    """Every common US format is found, with its extension, as PHONE_NUMBER or FAX."""
    assert found(recognizer, text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_numbers_that_are_not_phones(recognizer, found, text):
    """Dates, times, codes, doses, scores, SSNs, ZIPs, IDs and vitals are not phone numbers."""
    assert found(recognizer, text) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("619-549-0329", 0.7, 0.85),
        ("(619) 549-0329", 0.7, 0.9),
        ("call 619-549-0329", 0.86, 0.95),
        ("cell 6195490329", 0.75, 0.95),
        ("call 549-0329", 0.6, 0.8),
        ("123-456-7890", 0.3, 0.6),
    ],
)
def test_scores_follow_shape_and_context(recognizer, analyze, text, low, high):
    """A well-formed number scores ~0.75, context raises it, an impossible area code lowers it."""
    (result,) = analyze(recognizer, text)
    assert low <= result.score <= high


def test_context_word_raises_score(recognizer, analyze):
    """The same number scores higher after a phone word than alone."""
    (bare,) = analyze(recognizer, "619-549-0329")
    (labelled,) = analyze(recognizer, "phone 619-549-0329")
    assert labelled.score > bare.score


def test_results_carry_recognizer_name_and_id(recognizer, analyze):
    """Each result names the recognizer and its instance id, as Presidio's own results do."""
    (result,) = analyze(recognizer, "Call 619-549-0329.")
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == (
        "DeidPhoneRecognizer"
    )
    assert result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == (
        recognizer.id
    )


def test_plugin_defines_one_recognizer_with_our_entities(recognizer):
    """The file defines one no-argument recognizer for PHONE_NUMBER and FAX in English."""
    assert recognizer.name == "DeidPhoneRecognizer"
    assert sorted(recognizer.supported_entities) == [FAX, PHONE]
    assert recognizer.supported_language == "en"


def test_only_requested_entities_are_returned(recognizer, nlp_engine):
    """Asking for PHONE_NUMBER alone drops fax numbers, and the other way round."""
    text = "Phone: 619-549-0329 Fax: 619-549-0330"
    artifacts = nlp_engine.process_text(text, "en")
    phones = recognizer.analyze(text, [PHONE], artifacts)
    faxes = recognizer.analyze(text, [FAX], artifacts)
    assert [text[r.start : r.end] for r in phones] == ["619-549-0329"]
    assert [text[r.start : r.end] for r in faxes] == ["619-549-0330"]


def test_works_without_nlp_artifacts(recognizer):
    """The recognizer needs no NLP output: it runs on the text alone."""
    text = "Call (619) 549-0329 x12."
    results = recognizer.analyze(text, [PHONE], None)
    assert [text[r.start : r.end] for r in results] == ["(619) 549-0329 x12"]
