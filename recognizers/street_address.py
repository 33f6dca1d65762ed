"""Street addresses: a house number, street name words, a street type, and an optional unit."""

import re

from deid.kit.addresses import FUNCTION_WORDS as _FUNCTION_WORDS
from deid.kit.addresses import UNIT, address_end
from deid.kit.base import RegexRecognizer
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_never_a_name
from deid.kit.name_shape import plain_prose
from deid.kit.names import STRONG, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.places import STREET_SUFFIX as _SUFFIX
from deid.kit.places import STREET_UNIT as _UNIT

_WORDS = compile_fast(r"[A-Za-z]+")
_CLASSIC_SUFFIX = compile_fast(
    r"st|street|rd|road|ave|avenue|blvd|boulevard|dr|drive|ln|lane|ct|court|pl|place|ter|terrace|"
    r"cir|circle|pkwy|parkway|hwy|highway|way",
    re.IGNORECASE,
)
_FIRST_WORD = compile_fast(r"(?<!\w)[A-Za-z]+")
_UNIT_FIRST = compile_fast(rf"(?:{UNIT},?\s+)?")
_UNIT_START = compile_fast(r",?\s+(?:(?:apt|apartment|unit|suite|ste)\b|#)", re.IGNORECASE)


def _suffix_end(text: str, start: int, end: int) -> int:
    """Where the street part ends (before ", Apt 5")."""
    unit = _UNIT_START.search(text, start, end)
    return unit.start() if unit else end
# A unit written first ("Flat 3, 12 Baker Street") and a number before the house number (a
# building or postcode: "9931 14 Iliou Street").
_BEFORE = rf"(?:{UNIT},?[ \t]+)?(?:\d{{1,6}}[ \t]+)?"


class StreetAddressRecognizer(RegexRecognizer):
    """STREET_ADDRESS such as "4120 Alder Ridge Rd, Apt 5" or "12 N. Main Street"."""

    # Street words must be capitalized (or ALL CAPS): "50 mg. Seen by Dr. Lee" is not an address.
    FLAGS = re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "StreetAddressRecognizer"
    PATTERNS = [
        (
            rf"(?=[\w#])\b(?P<value>{_BEFORE}\d{{1,6}}[A-Z]?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:(?:[A-Z][A-Za-z'-]*|\d+(?i:st|nd|rd|th))\.?[ \t]+){{1,4}}{_SUFFIX}\b\.?{_UNIT})",
            0.85,
        ),
        (r"(?=[^\W\d_])\b(?P<value>(?i:P\.?\s?O\.?\s+box)\s+\d+)", 0.85),
        # Lower-case notes: the same shape with lower-case words (accepted only there).
        (
            rf"(?=[\w#])\b(?P<value>{_BEFORE}\d{{1,6}}[a-z]?[ \t]+(?:[nsew]\.?[ \t]+)?(?:(?:[a-z][a-z'-]*|\d+(?:st|nd|rd|th))\.?[ \t]+){{1,4}}{_SUFFIX}\b\.?{_UNIT})",
            0.8,
        ),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """In mixed case the street words are capitalized; in ALL-CAPS or lower-case notes they must
        not be function words or clinical terms ("3 WAY FOLEY IN PLACE", "50 BY DR")."""
        if regime_at(text, start) == MIXED:
            first = _FIRST_WORD.search(text, _UNIT_FIRST.match(text, start, end).end(), end)
            return first is not None and not first.group()[0].islower()  # the lower-case pattern is not for mixed case
        words = _WORDS.findall(text, _UNIT_FIRST.match(text, start, end).end(), _suffix_end(text, start, end))
        if not words:
            return False
        *words, suffix = words
        if any(w.lower() in _FUNCTION_WORDS or is_never_a_name(w) for w in words):
            return False
        # In prose a house number before street words and a street type is an address in any
        # case; in clinical shorthand (or a line too short to tell) it may be "6 BEAT RUN".
        if plain_prose(text):
            return bool(words)
        # "6 BEAT RUN", "4 LARGE THICK LIQ GREEN": with a street type that is also a word, one
        # street word must be a clear name ("April Lakes", "Whitfield Crossing").
        return _CLASSIC_SUFFIX.fullmatch(suffix) is not None or any(name_strength(w) == STRONG for w in words)

    def extend(self, text: str, start: int, end: int) -> int:
        """Run on over the units, town, state, ZIP and country that follow."""
        return address_end(text, end)[0]
