"""Row-known identifiers are found wherever they appear."""

from __future__ import annotations

import math

import pytest

from deid.decide.known import find_known


def found(text: str, known: dict) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.entity_type) for f in find_known(text, known)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Whitfield attended.", ["Dana Whitfield"]),
        ("DANA WHITFIELD attended.", ["DANA WHITFIELD"]),
        ("dana arrived late; whitfield family present", ["dana", "whitfield"]),
        ("Whitfield, Dana", ["Whitfield", "Dana"]),
        ("Ms. Whitfield reports", ["Whitfield"]),
        ("Danaher and Whitfields", []),  # no partial words
    ],
)
def test_client_name_in_any_case_and_part(text: str, expected: list[str]) -> None:
    """The client's full name, first or last name alone, in any case, as whole words only."""
    hits = found(text, {"PATIENT": "Dana Whitfield"})
    assert sorted(h for h, _ in hits) == sorted(expected)
    assert {t for _, t in hits} <= {"PATIENT"}


@pytest.mark.parametrize(
    "text", ["cell 619-555-0147", "cell (619) 555-0147", "cell 619.555.0147", "cell 619 555 0147"]
)
def test_phone_in_any_format(text: str) -> None:
    """A known phone number is found however it is punctuated."""
    assert [h for h, _ in found(text, {"PHONE_NUMBER": "619-555-0147"})] == [text[5:]]


@pytest.mark.parametrize(
    "text", ["DOB 04/02/1988", "DOB 4/2/88", "DOB 1988-04-02", "DOB April 2, 1988", "DOB Apr. 2nd 1988", "DOB 02-APR-1988"]
)
def test_dob_in_any_format(text: str) -> None:
    """A known date of birth is found in the usual written forms."""
    assert [h for h, _ in found(text, {"DOB": "1988-04-02"})] == [text[4:]]


def test_ids_ignore_punctuation_and_need_whole_tokens() -> None:
    """An MRN matches with other punctuation but not inside a longer number."""
    assert found("MRN 0073-1942", {"MRN": "00731942"}) == [("0073-1942", "MRN")]
    assert found("ref 1007319420", {"MRN": "00731942"}) == []


def test_missing_and_short_values_are_skipped() -> None:
    """None, NaN, empty and too-short values find nothing and do not raise."""
    assert find_known("a b c", {"PATIENT": None, "MRN": math.nan, "PHONE_NUMBER": "", "ACCOUNT_ID": "7"}) == []


def test_unknown_entity_type_is_an_error() -> None:
    """A known-identifier type outside the vocabulary is rejected with the allowed list."""
    with pytest.raises(ValueError, match="unknown entity type 'NAME'.*PATIENT"):
        find_known("x", {"NAME": "Dana"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call +1 619 555 0147 now", "+1 619 555 0147"),
        ("call 1-619-555-0147 now", "1-619-555-0147"),
        ("call 16195550147 now", "16195550147"),
        ("call +1 (619) 555-0147 now", "+1 (619) 555-0147"),
    ],
)
def test_phone_with_its_country_code(text: str, expected: str) -> None:
    """The +1 country code and the parenthesis belong to the number."""
    assert [h for h, _ in found(text, {"PHONE_NUMBER": "(619) 555-0147"})] == [expected]


def test_ids_need_separators_between_their_characters() -> None:
    """Spaces, dashes, dots, slashes, parentheses, '#' and ':' may split an ID; other marks or words may not."""
    assert found("MRN: 0073 / 1942.", {"MRN": "00731942"}) == [("0073 / 1942", "MRN")]
    assert found("MRN 0073,1942 and 0073 x 1942", {"MRN": "00731942"}) == []
    assert found("MRN A-77/31", {"MRN": "a7731"}) == [("A-77/31", "MRN")]


def test_dates_with_two_digit_years_and_ordinals_but_not_other_dates() -> None:
    text = "born 2/4/88, seen 4 February 1988 and Feb 4th, '88; not 2/4/89 or 12/4/88 or 2/14/88"
    assert [h for h, _ in found(text, {"DOB": "1988-02-04"})] == ["2/4/88", "4 February 1988", "Feb 4th, '88"]


def test_names_with_letters_that_lower_to_two() -> None:
    """'İ' lowers to two characters; the offsets of everything after it still hold."""
    text = "İpek called; Yılmaz and YILMAZ came."
    assert [h for h, _ in found(text, {"PATIENT": "İpek Yılmaz"})] == ["İpek", "Yılmaz", "YILMAZ"]


def test_a_piece_of_a_known_value_outside_every_finding_is_left_in_the_text() -> None:
    """The last four digits or a name word written outside every span count; covered ones, dates, ordinary
    words, credentials and digits inside a longer number do not."""
    from deid.decide.known import left_in_text

    text = "Member XJH448120977 called; it ends in 0977. Ms. Hope Quennell came."
    member = (7, 19)
    assert left_in_text(text, "XJH448120977", "MEMBER_ID", [member])
    assert not left_in_text(text, "XJH448120977", "MEMBER_ID", [member, (39, 43)])
    assert left_in_text(text, "Hope Quennell", "PATIENT", [member])
    assert not left_in_text(text, "Hope Quennell", "PATIENT", [member, (54, 62)])  # "Hope" is an ordinary word
    assert not left_in_text("Seen in 2025 and 1988.", "1988-04-02", "DOB", [])
    assert not left_in_text("Account 1209770 opened.", "XJH448120977", "MEMBER_ID", [])
    assert not left_in_text("Referred to an LCSW.", "Ann Lee, LCSW", "CLINICIAN", [])
