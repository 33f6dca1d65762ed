"""Social security numbers without a label: 3-2-4 digits split by spaces, dashes or dots
("536 22 1234"), checked as the SSA issues them.

Presidio's UsSsnRecognizer finds the same shape; this one replaces it (configs/engine.yaml) to add
what it lets through: area numbers 900-999 (never issued as SSNs; ITINs live there), a number
inside a longer run of digit groups ("1 536 22 1234 5"), and a number right after a phone label
(a foreign phone grouped 3-2-4). A labelled SSN is LabeledSsnRecognizer's (record_number.py).
"""

import re

from deid.kit.base import RegexRecognizer
from deid.kit.patterns import compile_fast

# Presidio's published sample numbers, never a person's.
_SAMPLES = frozenset({"123456789", "987654320", "078051120"})
_PHONE_BEFORE = compile_fast(
    r"\b(?:phone|tel|telephone|cell|mobile|mob|fax|call(?:ed|ing)?|text|dial|pager|beeper|ext)\b[^\n\d]{0,16}$",
    re.IGNORECASE,
)


class UnlabeledSsnRecognizer(RegexRecognizer):
    """US_SSN: a 3-2-4 number with one kind of separator, a valid area, group and serial."""

    ENTITY = "US_SSN"
    NAME = "UnlabeledSsnRecognizer"
    PATTERNS = [
        (r"(?<![\w+])(?<![\d][ .-])(?P<value>\d{3}([ .-])\d{2}\2\d{4})(?![\w]|[ .-]\d)", 0.5, r"\d{3}[ .-]\d{2}[ .-]\d{4}"),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """Area not 000, 666 or 9xx, group not 00, serial not 0000, not one digit repeated or a sample;
        and no phone label just before."""
        digits = re.sub(r"\D", "", text[start:end])
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
            return False
        if len(set(digits)) == 1 or digits in _SAMPLES:
            return False
        return _PHONE_BEFORE.search(text, max(0, start - 24), start) is None
