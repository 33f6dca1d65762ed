"""Street corners: "the corner of 5th Avenue and Pine Street", "corner of Rue Cler 4 and Oak Lane"."""

import re

from deid.kit.addresses import FUNCTION_WORDS, WORD
from deid.kit.base import RegexRecognizer
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.places import STREET_SUFFIX

# One street: up to six words and numbers, and the second one ends in a street type.
_FIRST = rf"(?:(?:{WORD}|\d{{1,6}})\.?[ \t]+){{0,5}}(?:{WORD}|\d{{1,6}})\.?"
_SECOND = rf"(?:{WORD}[ \t]+){{1,3}}{STREET_SUFFIX}\b\.?(?:[ \t]+(?i:st|street)\b\.?)?"


class StreetCornerRecognizer(RegexRecognizer):
    """STREET_ADDRESS: two streets after "corner of", "intersection of" or "junction of"."""

    FLAGS = re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "StreetCornerRecognizer"
    PATTERNS = [
        (
            rf"(?=[TtCcIiJj])(?P<value>\b(?i:the[ \t]+)?(?i:corner|intersection|junction)[ \t]+(?i:of)[ \t]+{_FIRST}"
            rf"[ \t]+(?i:and|&)[ \t]+{_SECOND})",
            0.8,
            r"(?=[CcIiJj])(?i:(?:corner|intersection|junction)\s+of)",
        ),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """Street names are capitalized in mixed case: "the corner of the room and the Bed Way" is no
        address. Without capitals, neither street holds a function word or a clinical term ("the
        corner of the room and the bed")."""
        after_of = re.split(r"(?i)\bof\b", text[start:end], maxsplit=1)[1]
        streets = re.split(r"(?i)[ \t](?:and|&)[ \t]", after_of, maxsplit=1)
        if regime_at(text, start) == MIXED:
            return all(any(w[0].isupper() or w[0].isdigit() for w in part.split()) for part in streets)
        words = [w.rstrip(".") for part in streets for w in part.split()]
        return not any(w.lower() in FUNCTION_WORDS or is_clinical_term(w) for w in words)
