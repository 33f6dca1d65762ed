"""WebAddressRecognizer: URLs without the false hits of terse notes."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "url.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["URL"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://dana.example.org/blog?id=3.", ["https://dana.example.org/blog?id=3"]),
        ("her site www.danawhitfield.net", ["www.danawhitfield.net"]),
        ("posted on danaw.com/photos today", ["danaw.com/photos"]),
        ("ftp://files.example.edu/x", ["ftp://files.example.edu/x"]),
        ("watch her channel at danacooks.tv tonight", ["danacooks.tv"]),
        ("he sells on target.com now", ["target.com"]),
    ],
)
def test_urls(text: str, expected: list[str]) -> None:
    """Addresses with a scheme, www. or a generic top-level domain are found, without trailing punctuation."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pt.no change", "re.SOB at rest", "cont.PRN", "dana@example.com", "F41.1 and 3.5 mg",
        "resp rate 14 to 20.tv 300 cc", "5 of pressure support.tv 150cc",
    ],
)
def test_not_urls(text: str) -> None:
    """Run-together words, e-mail addresses, codes and numbers are not URLs."""
    assert found(text) == []
