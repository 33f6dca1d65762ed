"""ZipCodeRecognizer (zip_code.yaml): ZIP codes after a state or a label, other postal codes after a label."""

from __future__ import annotations

import pytest

from deid.paths import recognizers_dir
from deid.detect.plugins import load_yaml

(REC,) = load_yaml(recognizers_dir() / "zip_code.yaml")


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in REC.analyze(text, ["ZIP"], None) if r.score > 0.3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("San Diego, CA 92101-1234", ["92101-1234"]),
        ("zip code is 92101", ["92101"]),
        ("my zip code is 880", ["880"]),
        ("postcode: 4021, Linz", ["4021"]),
        ("postal code 340 12", ["340 12"]),
        ("zip code is 04538-132", ["04538-132"]),
        ("postcode SW1A 1AA", ["SW1A 1AA"]),
        ("postal code: K1A 0B1", ["K1A 0B1"]),
    ],
)
def test_postal_codes(text: str, expected: list[str]) -> None:
    """A US ZIP after a state or label, and other countries' postal codes after a label, are found."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    ["zip code unknown", "zip 12", "zip code is 1234567", "postal code: 12-3456-7890", "lives at 880 Elm"],
)
def test_not_postal_codes(text: str) -> None:
    """Too short, too long or unlabelled numbers are no postal codes."""
    assert found(text) == []
