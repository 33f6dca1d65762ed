"""Street addresses: a house number, street name words, a street type, and an optional unit."""

import re

from deid.casing import MIXED, case_regime
from deid.clinical_terms import is_clinical_term
from deid.recognizer_kit import RegexRecognizer

_SUFFIX = (
    r"(?i:st(?:reet)?|r(?:oa)?d|ave(?:nue)?|blvd|boulevard|dr(?:ive)?|l(?:a)?n(?:e)?|c(?:our)?t|way|"
    r"pl(?:ace)?|ter(?:race)?|cir(?:cle)?|pkwy|parkway|hwy|highway|trl|trail|sq(?:uare)?|loop|row|aly|alley|"
    # More USPS Publication 28 street suffixes (public domain).
    r"bend|bluffs?|brooks?|bypass|byp|canyon|cape|causeway|cliffs?|commons?|corners?|cove|creek|crescent|"
    r"crest|crossing|xing|dale|estates?|expressway|expy|extension|ext|falls|ferry|fields?|flats?|ford|"
    r"forest|forks?|freeway|fwy|gardens?|gateway|glen|greens?|grove|harbor|haven|heights|hts|hills?|"
    r"hollow|isle|junction|jct|keys?|knolls?|lakes?|landing|lndg|manor|meadows?|mews|mills?|mission|"
    r"motorway|mount|mountain|orchard|oval|pass|path|pike|pines?|plains?|plaza|plz|points?|ports?|"
    r"prairie|ranch|rapids|rdg|ridge|river|run|shoals?|shores?|springs?|spur|station|stream|summit|"
    r"trace|track|turnpike|tpke|valley|vly|view|vw|village|vlg|vista|walk|wells?|wy)"
)
_UNIT = r"(?:,?\s+(?i:apt|apartment|unit|suite|ste|#)\.?\s*#?\s*[A-Z0-9-]+)?"


_WORDS = re.compile(r"[A-Za-z]+")
# "3 WAY FOLEY IN PLACE", "50 BY DR": a street name has none of these.
_FUNCTION_WORDS = frozenset(
    "in on at by to of for with and or not the a an per given is was were be been has had see".split()
)


class StreetAddressRecognizer(RegexRecognizer):
    """STREET_ADDRESS such as "4120 Alder Ridge Rd, Apt 5" or "12 N. Main Street"."""

    # Street words must be capitalized (or ALL CAPS): "50 mg. Seen by Dr. Lee" is not an address.
    FLAGS = re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "StreetAddressRecognizer"
    PATTERNS = [
        (
            rf"\b(?P<value>\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:(?:[A-Z][A-Za-z'-]*|\d+(?i:st|nd|rd|th))\.?\s+){{1,4}}{_SUFFIX}\b\.?{_UNIT})",
            0.85,
        ),
        (r"\b(?P<value>(?i:P\.?\s?O\.?\s+box)\s+\d+)", 0.85),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """In an ALL-CAPS note capitals prove nothing: no function word or clinical term in the street name."""
        if case_regime(text) == MIXED:
            return True
        words = _WORDS.findall(text, start, end)[:-1]  # the street type itself is allowed
        return not any(w.lower() in _FUNCTION_WORDS or is_clinical_term(w) for w in words)
