"""SocialHandleRecognizer: "@" handles and labelled user names, not e-mails, times or clinical "@"."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(REC,) = load_python(recognizers_dir() / "social_handle.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["ACCOUNT_ID"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she follows him as @tomas_k91 now", ["@tomas_k91"]),
        ("DM'd @Lenka on Friday", ["@Lenka"]),
        ("IG: petra.v04", ["petra.v04"]),
        ("IG: @petraV", ["@petraV"]),
        ("my snap is jorge.r_22.", ["jorge.r_22"]),
        ("his instagram handle kris_b", ["kris_b"]),
        ("TikTok - dance4ever_mo", ["dance4ever_mo"]),
    ],
)
def test_handles(text: str, expected: list[str]) -> None:
    """An "@" before a user name, or a platform label before a name shaped like a handle, is an account."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "email lenka@example.com",
        "give 2mg @10am",
        "started @100cc/hr, @0800 check",
        "sat 92% @RA, d/w @MD",
        "sleeping @home, @bedside",
        "weaned @ 5pm",
        "my snap is hilarious",
        "her account 12345",
        "twitter.",
        "drew arm up x1.pearl",  # "x" is times in notes, not the platform
        "IGmaria_1",
    ],
)
def test_not_handles(text: str) -> None:
    """E-mail addresses, times, rates, clinical "@" shorthand and ordinary words after a label are no handles."""
    assert found(text) == []
