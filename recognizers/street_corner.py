"""Street corners: "the corner of 5th Avenue and Pine Street", "corner of Rue Cler 4 and Oak Lane"."""

import re

from deid.addresses import WORD
from deid.places import STREET_SUFFIX
from deid.recognizer_kit import RegexRecognizer

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
            rf"(?P<value>\b(?i:the[ \t]+)?(?i:corner|intersection|junction)[ \t]+(?i:of)[ \t]+{_FIRST}"
            rf"[ \t]+(?i:and|&)[ \t]+{_SECOND})",
            0.8,
            r"(?i:corner|intersection|junction)\s+of",
        ),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """Street names are capitalized: "the corner of the room and the bed" is no address."""
        after_of = re.split(r"(?i)\bof\b", text[start:end], maxsplit=1)[1]
        first, second = re.split(r"(?i)[ \t](?:and|&)[ \t]", after_of, maxsplit=1)
        return all(any(w[0].isupper() or w[0].isdigit() for w in part.split()) for part in (first, second))
