"""ForeignStreetRecognizer, MilitaryAddressRecognizer, StreetCornerRecognizer: addresses in other
orders and forms, on invented text; not prose, doses or routes of a clinical note."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python
from deid.kit.base import RegexRecognizer

(FOREIGN,) = load_python(recognizers_dir() / "foreign_street.py")
(MILITARY,) = load_python(recognizers_dir() / "military_address.py")
(CORNER,) = load_python(recognizers_dir() / "street_corner.py")


def found(recognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["STREET_ADDRESS"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She lives at Rue de la Paix 29, Paris", ["Rue de la Paix 29, Paris"]),
        ("Write to 29 rue de la Paix", ["29 rue de la Paix"]),
        ("Send it to ul. Długa 12", ["ul. Długa 12"]),
        ("Hauptstraße 5", ["Hauptstraße 5"]),
        ("Kerkstraat 12", ["Kerkstraat 12"]),
        ("Calle Mayor 10", ["Calle Mayor 10"]),
        ("Via Roma 3", ["Via Roma 3"]),
        ("Olsens gate 14", ["Olsens gate 14"]),
        ("Petőfi u. 7.", ["Petőfi u. 7."]),
        ("9 Avenue des Lilas Apt. 3", ["9 Avenue des Lilas Apt. 3"]),
        ("2201 Lindenweg 8\n Apt. 4\n Kortdorp\n Belgium 3012", ["2201 Lindenweg 8\n Apt. 4\n Kortdorp\n Belgium 3012"]),
        # No street type: only when an address is being given, or before its unit and town lines.
        ("his address: 4412 Mostecká 17", ["4412 Mostecká 17"]),
        ("4412 Mostecká 17\n Apt. 2\n Olomouc", ["4412 Mostecká 17\n Apt. 2\n Olomouc"]),
        ("lives at 88 kivimäe 4, tartu", ["88 kivimäe 4, tartu"]),
        # Without capitals the street starts after the function words before it.
        ("THE STATION IS ON VILLACHER STRASSE 89", ["VILLACHER STRASSE 89"]),
        ("the station is on villacher strasse 89", ["villacher strasse 89"]),
    ],
)
def test_foreign_streets(text: str, expected: list[str]) -> None:
    """A street type before or after the name (or an address cue), a house number, then the town."""
    assert found(FOREIGN, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4412 Mostecká 17",
        "sent via Fedex 2 days ago",
        "neuro: a+o x 3 via daughter, speaking",
        "Aggregate 5 times a day",
        "given via PEG 30 ml",
        "VIA NG TUBE 2",
        "Given 2 Lasix 40 mg",
        "HR 80 BP 120/80 Temp 37",
        "the plan 12 is fine",
        "Boarding at Gate 5 now",  # a street type and a number, no street name
    ],
)
def test_not_foreign_streets(text: str) -> None:
    """Routes, doses, vitals and English words before a number are not streets."""
    assert found(FOREIGN, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PSC 1234, Box 5678\nAPO AE 09123", ["PSC 1234, Box 5678\nAPO AE 09123"]),
        ("Unit 2050 Box 4190, DPO AP 96522.", ["Unit 2050 Box 4190, DPO AP 96522"]),
        ("USS Kestrel\nFPO AP 96601", ["USS Kestrel\nFPO AP 96601"]),
        ("cmr 402 box 11 apo aa 34001", ["cmr 402 box 11 apo aa 34001"]),
        ("APO A-I level 120", []),
        ("PSC 12 noted", []),
    ],
)
def test_military_addresses(text: str, expected: list[str]) -> None:
    """PSC, CMR and unit boxes and ships over an APO/FPO/DPO line; apolipoproteins are not."""
    assert found(MILITARY, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at the corner of 12 Oak Street and Birch Lane.", ["the corner of 12 Oak Street and Birch Lane."]),
        ("the corner of Strandvej 9 and Holm Bypass", ["the corner of Strandvej 9 and Holm Bypass"]),
        ("intersection of Main St and Fifth Avenue", ["intersection of Main St and Fifth Avenue"]),
        ("in the corner of the room and the bed rail", []),
        ("in the corner of the room and Main Street", []),
        # Without capitals: streets with no function word or clinical term.
        ("the corner of 12 oak street and birch lane", ["the corner of 12 oak street and birch lane"]),
        ("AT THE CORNER OF STRANDVEJ 9 AND HOLM BYPASS", ["THE CORNER OF STRANDVEJ 9 AND HOLM BYPASS"]),
        ("sat in the corner of the room and the hall way", []),
        ("IN THE CORNER OF THE ROOM AND THE BED WAY", []),
    ],
)
def test_street_corners(text: str, expected: list[str]) -> None:
    """Two streets after "corner of" (capitalized in mixed case); a room's corner is not an address."""
    assert found(CORNER, text) == expected


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Thank you. We will investigate and meet again.", False),  # "you." and "investigate" are no street types
        ("She moved to Hauptstraße 5.", True),
        ("Write to 29 rue de la Paix.", True),
        ("Petőfi u. 7.", True),
        ("Vive en C/ Mayor 10.", True),
        ("c/o pain, c/w plan", False),
    ],
)
def test_typed_patterns_only_with_a_street_type(text: str, typed: bool) -> None:
    every = RegexRecognizer.patterns_for(FOREIGN, text)
    assert (len(FOREIGN.patterns_for(text)) == len(every)) is typed
