"""CardNumberRecognizer: labelled, Luhn-valid card numbers of any issuer and grouping (invented numbers)."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "card_number.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["ACCOUNT_ID"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card number 4111 1111 1111 1111 is lost", ["4111 1111 1111 1111"]),
        ("Please block my card 2223003122003222", ["2223003122003222"]),
        ("card # 5018-0000-0009 was declined", ["5018-0000-0009"]),
        ("CC: 6011000990139424.", ["6011000990139424"]),
        # Not Luhn-valid, one repeated digit, or not a card number at all.
        ("card 1234567890123 here", []),
        ("Visa 1111111111111111", []),
        ("cc 500 ml given", []),
        ("4111 1111 1111 1111 without a label", []),
    ],
)
def test_card_numbers(text: str, expected: list[str]) -> None:
    """After a card label, 12-19 digits in any grouping that pass the Luhn check."""
    assert found(text) == expected
