"""StreetAddressRecognizer: street lines in every case, not clinical phrases that look like them."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "street_address.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["STREET_ADDRESS"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She lives at 4120 Alder Ridge Rd, Apt 5, San Diego", ["4120 Alder Ridge Rd, Apt 5, San Diego"]),
        ("Clinic at 16535 5th Street, Lowell", ["16535 5th Street, Lowell"]),
        ("LIVES AT 12 N. MAIN STREET UNIT 4B TODAY", ["12 N. MAIN STREET UNIT 4B"]),
        ("my new address is 1358 mission court, in torrance.", ["1358 mission court"]),
        ("Addr: 81237 Bass Rapids Suite 456, Eugene", ["81237 Bass Rapids Suite 456, Eugene"]),
        ("PO Box 1234", ["PO Box 1234"]),
        # A street word starting with a unit word ("stephens" / "ste") is no unit.
        ("bend associates\n21291 stephens loop apt. 384, williamston", ["21291 stephens loop apt. 384, williamston"]),
        # The unit, town, state, ZIP and country that follow, on the line or on their own lines.
        ("Flat 3, 12 Baker Street", ["Flat 3, 12 Baker Street"]),
        ("Mail: 4410 Orchard Lane\n Suite 12\n Fairview, OR 97024\nThanks", ["4410 Orchard Lane\n Suite 12\n Fairview"]),
        # A U.S. state is no identifier: the address stops before it (its ZIP is found on its own).
        ("at 77 Lindqvist Road, Vantaa, Finland 01510 last week", ["77 Lindqvist Road, Vantaa, Finland 01510"]),
        ("> 3 Harbour Street\n> Apt. 4\n> NORTHWICK\n> Scotland", ["3 Harbour Street\n> Apt. 4\n> NORTHWICK\n> Scotland"]),
        # A building number or postcode before the house number.
        ("Office: 5521 18 Calder Street", ["5521 18 Calder Street"]),
        ("address: 18221 hillcrest st, ste 268 south marcus", ["18221 hillcrest st, ste 268"]),
    ],
)
def test_street_lines(text: str, expected: list[str]) -> None:
    """House number, street words, street type and unit, in mixed, upper and lower case."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sertraline 50 mg. Seen by Dr. Lee",
        "GU: 3 WAY FOLEY IN PLACE",
        "8 TRACH IN PLACE",
        "RATE DECREASED TO 50 BY DR MASCI",
        "DOPA FOR MAP>60 AS WELL AS IVF",
        "ONE 8 BEAT RUN OF VT",
        "4 LARGE THICK LIQ GREEN STOOLS",
        "WBC 8.7\nGU-voiding well",
    ],
)
def test_not_streets(text: str) -> None:
    """Doses, devices, rhythms and lines of a note are not street addresses."""
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lives at 12 Main St, where she moved in May.", ["12 Main St"]),
        ("12 MAIN ST, AND HOME.", ["12 MAIN ST"]),
        ("Home: 40 Elm Street\nPlan: call tomorrow", ["40 Elm Street"]),
        ("Home: 40 Elm Street\nBP 120/80", ["40 Elm Street"]),
    ],
)
def test_address_stops(text: str, expected: list[str]) -> None:
    """The address stops before prose, labels and vitals on the next line."""
    assert found(text) == expected




@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_prose_streets_in_any_case(case) -> None:
    """In prose written all in capitals or lower case, a street type that is also a word
    ("Crossing", "Gardens") with street words no list knows is still an address."""
    text = case("Please send the signed forms to our new office at 5120 Quorvan Crossing before the end of the month.")
    assert found(text) == [case("5120 Quorvan Crossing")]
    text = case("We moved last spring and the mail now goes to 77 Elsk Gardens, so please update the records.")
    assert found(text) == [case("77 Elsk Gardens")]


def test_shorthand_keeps_the_strict_test() -> None:
    """The same shape in an ICU note's shorthand is a rhythm, not a street."""
    text = "NEURO: A+OX3. CV: SR 80S, ONE 8 BEAT RUN OF VT, K 3.9 REPLETED. RESP: LS CLEAR, SATS 98% ON 2L NC."
    assert found(text) == []
