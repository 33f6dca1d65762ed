"""OrganizationRecognizer: facilities and organizations by kind word or context."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "organization.py")


def found(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.entity_type) for r in REC.analyze(text, [], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Transferred from Calvert Hospital today.", [("Calvert Hospital", "FACILITY")]),
        ("TRANSFER FROM CALVERT HOSPITAL.", [("CALVERT HOSPITAL", "FACILITY")]),
        ("Seen at St. Mary's Medical Center.", [("St. Mary's Medical Center", "FACILITY")]),
        ("Daughter attends Jefferson Elementary School.", [("Jefferson Elementary School", "ORGANIZATION")]),
        ("She works at Costco on weekends.", [("Costco", "ORGANIZATION")]),
        ("He was hired by Acme Corp. last year.", [("Acme Corp", "ORGANIZATION")]),
        # Company suffixes of other countries.
        ("She works for Halvorsen Druck GmbH in town.", [("Halvorsen Druck GmbH", "ORGANIZATION")]),
        ("He joined Brightwater Shipping plc last year.", [("Brightwater Shipping plc", "ORGANIZATION")]),
        ("Letter from Nordvik Shipping AG.", [("Nordvik Shipping AG", "ORGANIZATION")]),
        ("Sold to Pereira Textiles S.A. in 2019", [("Pereira Textiles S.A", "ORGANIZATION")]),
        ("He flies for Nordlys Airways now.", [("Nordlys Airways", "ORGANIZATION")]),
        ("laid off by Quillon Therapeutics in May", [("Quillon Therapeutics", "ORGANIZATION")]),
        ("She codes at Bramblewood Analytics.", [("Bramblewood Analytics", "ORGANIZATION")]),
        ("Member of Grace Baptist Church.", [("Grace Baptist Church", "ORGANIZATION")]),
        ("THEY WANT ME TO GO TO MERCY GENERAL HOSPITAL FOR A STUDY", [("MERCY GENERAL HOSPITAL", "FACILITY")]),
        ("note from blue sky behavioral health today", [("blue sky behavioral health", "FACILITY")]),
        ("Left Moon Family Therapy last year.", [("Moon Family Therapy", "FACILITY")]),
        ("HE CONTINUES TO WORK PART-TIME AT TRADER JOE'S AND REPORTS", [("TRADER JOE'S", "ORGANIZATION")]),
        ("client requested a letter for best buy regarding medical leave", [("best buy", "ORGANIZATION")]),
        ("I have my interview at CVS on August 24th", [("CVS", "ORGANIZATION")]),
        ("MY KID'S SCHOOL, BRIGHT MIDDLE SCHOOL, KEEPS CALLING", [("BRIGHT MIDDLE SCHOOL", "ORGANIZATION")]),
        ("PROGRESS NOTE\nSUNRISE PSYCHOLOGICAL SERVICES\n44090 JARED MILLS", [("SUNRISE PSYCHOLOGICAL SERVICES", "FACILITY")]),
        ("driving them to appointments at hodge children's hospital.", [("hodge children's hospital", "FACILITY")]),
        ("THERAPY NOTE\nBLUE SKY MENTAL HEALTH CLINIC\n", [("BLUE SKY MENTAL HEALTH CLINIC", "FACILITY")]),
        ("63 YO MALE TRANSFERED FROM MEMORIAL HOSPITAL W SEVERE CMP", [("MEMORIAL HOSPITAL", "FACILITY")]),
        ("UNEMPLOYED. HUSBAND CEO OF IBM.  SMOKER", [("IBM", "ORGANIZATION")]),
        # A saint after a place preposition, in any case, or as an initial.
        ("D/C TPN. TO GO TO ST. MARY ON TUESDAY PER CASE WORKER", [("ST. MARY", "FACILITY")]),
        # Company abbreviations in capitals, outside clinical shorthand.
        ("HE RETIRED FROM MARROWFIELD INC. LAST YEAR", [("MARROWFIELD INC", "ORGANIZATION")]),
        ("THE BILL CAME FROM KESSLER PAINTING LLC", [("KESSLER PAINTING LLC", "ORGANIZATION")]),
        ("the bill came from kessler painting inc", [("kessler painting inc", "ORGANIZATION")]),
        ("pt wishes to return to st mary's after weaning", [("st mary's", "FACILITY")]),
        ("Social: Had a bed @ St A. but will need to be rescreened", [("St A", "FACILITY")]),
        ("Pt went to St. Agnes for rehab.", [("St. Agnes", "FACILITY")]),
    ],
)
def test_named_facilities_and_organizations(text: str, expected: list) -> None:
    """A name before a kind word, or a capitalized name after a work/school phrase, is found."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Transferred to the hospital for evaluation.",
        "PT TO GO TO REHAB WHEN STABLE.",
        "She goes to school and church on Sundays.",
        "Discussed with the clinic staff.",
        "works at home",
        "REFERRED TO THE CANCER CENTER",  # one ordinary word is no name
        "started on bactrim IV for GNR from culture",
        "need for heart transplant\n\ngi--abd firm",
        "CONTINUE TO WORK WITH FAMILY AS TO GOALS",
        "difficult to position in bed r/t restlessness",
        "TRANSIENT INCREASE FOR COUPLE OF HOURS AT TIME OF DOSE INCREASE.",
        "meeting w/ social work for emotional support due to stress",
        "works at home on weekends",
        "PT ALSO RECEIVED GENERAL ANESTHESIA.",
        "HE WORKS AS OWNER OF THE HOUSE",
        "ABDOMINAL INTERACTION DURING WORK OF BREATHING.",
        "contact social worker concerning rehab placement",
        "Continue family therapy weekly.",
        "PAIN WITH CHANGES IN ST. ELEVATIONS NOTED ON EKG",
        "CV: HR 88 SR, BP 110/60, CVP 12, CO 4.2, CI 2.1, SVR 1100, MAP 70 ON LEVO, ZOSYN INC UOP, K 4.1",
        "Swan placed. Thermodilution CO 4.2, CI 2.1.",
        "Doing well, ate lunch, gave the Remeron inc dose tonight.",
        "pain with changes in st. elevations noted on ekg", "Pt in ST w/ PVC's",
        "was o2 dep at prev rehab site",
        "Pt AG 12, Na 140, Co 2",  # a suffix needs a name before it
        "PT GIVEN AG AND KG DOSE",
        "TOLERATING SOLID FOODS",
        "Reviewed lab software today",
    ],
)
def test_generic_places_are_not_names(text: str) -> None:
    """A kind word without a proper name before it is not an identifier."""
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name", "entity"),
    [
        ("She works as a cashier at Halvorsen and hates the hours.", "Halvorsen", "ORGANIZATION"),
        ("Her job at Brandt is stressful.", "Brandt", "ORGANIZATION"),
        ("She shops at Pellham Pharmacy on Fridays.", "Pellham Pharmacy", "ORGANIZATION"),
        ("He picks up groceries at Kessler Market.", "Kessler Market", "ORGANIZATION"),
        ("Signed,\nBrookfield Family Counseling | 12 Main St", "Brookfield", "FACILITY"),
        ("Jane Roe, LCSW\nMilltown Counseling Associates | Tel 555-201-3344", "Milltown Counseling Associates", "ORGANIZATION"),
        # Negative: a person after "works for" / "with" or after a word for a person stays a person.
        ("She works for Dana Whitfield as a nanny.", "Dana Whitfield", "PERSON"),
        ("He works with Tom Ruvalo on weekends.", "Tom Ruvalo", "PERSON"),
        ("Her boss yelled at Dana Whitfield again.", "Dana Whitfield", "PERSON"),
    ],
)
def test_places_of_work_and_shopping_are_organizations_in_the_output(text: str, name: str, entity: str) -> None:
    """End to end: an employer, shop or practice named where a person's name could be is not a person."""
    import deid

    spans = deid.Redactor("consultation", key="k").redact(text).spans
    assert [f.entity_type for f in spans if text[f.start : f.end] == name] == [entity]


@pytest.mark.parametrize("text", ["We discussed family counseling options.", "Referred to Family Counseling at the center."])
def test_counseling_without_a_name_is_no_facility(text: str) -> None:
    """A counseling kind with no name before it names nothing."""
    assert [f for f in found(text) if f[1] == "FACILITY"] == []


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_ordinary_words_name_a_company_in_prose(case) -> None:
    """In prose written all in capitals or lower case, two ordinary words before a kind word
    are its name; verb forms and kind words before it are not."""
    text = case("The move was hard on him, and he still misses his old friends from Blue Canyon Solutions.")
    assert found(text) == [(case("Blue Canyon Solutions"), "ORGANIZATION")]
    text = case("He keeps putting off getting bank statements together for the tax return this year.")
    assert found(text) == []


def test_ordinary_words_before_a_kind_in_shorthand_are_no_name() -> None:
    """In an ICU note's shorthand the same shape is a service, not a company."""
    text = "PT SEEN BY MEDICAL SOCIAL SERVICES TODAY. NEURO: A+OX3, MAE. CV: SR 80S, SBP 110S. RESP: LS CLEAR."
    assert found(text) == []
