"""SpelledOutEmailRecognizer: e-mail addresses with "at" and "dot" written out or bracketed."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "email_spelled_out.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["EMAIL_ADDRESS"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to lenka at gmail dot com please", ["lenka at gmail dot com"]),
        ("lenka [at] gmail [dot] com", ["lenka [at] gmail [dot] com"]),
        ("lenka(at)gmail.com", ["lenka(at)gmail.com"]),
        ("j.novak AT outlook DOT org", ["j.novak AT outlook DOT org"]),
        ("reach tomas at yahoo.com", ["tomas at yahoo.com"]),
        ("dana.k at hillside-counseling dot co dot uk", ["dana.k at hillside-counseling dot co dot uk"]),
    ],
)
def test_spelled_out_emails(text: str, expected: list[str]) -> None:
    """A name, a bracketed or spoken "at", and a domain ending in a public suffix make an address."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "she works at amazon.com",
        "look at the dot com bubble",
        "we met at 5 dot com",
        "meet at noon dot",
        "stay at home.",
        "kris at yahoo dot",
        "lenka@gmail.com",  # a plain address is email_address.py's
    ],
)
def test_not_spelled_out_emails(text: str) -> None:
    """Workplaces' sites, function words, numbers and unfinished domains are no addresses."""
    assert found(text) == []
