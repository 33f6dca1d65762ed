"""IpAddressRecognizer: addresses, not the dotted tails of blood gases."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

# Loaded the way the engine loads plug-ins: by file path, no-argument constructor.
(REC,) = load_python(recognizers_dir() / "ip_address.py")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["IP_ADDRESS"], None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("logged in from 192.168.14.7 at noon", ["192.168.14.7"]),
        ("IP: 10.0.0.254.", ["10.0.0.254"]),
        ("portal access from 2001:db8::8a2e:370:7334 flagged", ["2001:db8::8a2e:370:7334"]),
        # Every form passes the quick look that lets a note skip Presidio's patterns.
        ("full form 2001:0db8:85a3:0000:0000:8a2e:0370:7334 seen", ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
        ("link-local fe80::1ff:fe23:4567:890a seen", ["fe80::1ff:fe23:4567:890a"]),
        ("mapped ::ffff:192.0.2.128 seen", ["::ffff:192.0.2.128"]),
    ],
)
def test_addresses(text: str, expected: list[str]) -> None:
    """IPv4 and IPv6 addresses are found, without trailing punctuation."""
    assert found(text) == expected


@pytest.mark.parametrize("text", ["most recent abg: 80/48/7.45.34.7. he continued", "ABG 7.35/66/55/1.2.3.4/22", "v 1.2.3.4.5"])
def test_not_addresses(text: str) -> None:
    """Dotted numbers inside slash-separated or longer runs are not addresses."""
    assert found(text) == []
