"""Street addresses: a house number, street name words, a street type, and an optional unit."""

import re

from deid.recognizer_kit import RegexRecognizer

_SUFFIX = (
    r"(?i:st(?:reet)?|r(?:oa)?d|ave(?:nue)?|blvd|boulevard|dr(?:ive)?|l(?:a)?n(?:e)?|c(?:our)?t|way|"
    r"pl(?:ace)?|ter(?:race)?|cir(?:cle)?|pkwy|parkway|hwy|highway|trl|trail|sq(?:uare)?|loop|row|aly|alley)"
)
_UNIT = r"(?:,?\s+(?i:apt|apartment|unit|suite|ste|#)\.?\s*#?\s*[A-Z0-9-]+)?"


class StreetAddressRecognizer(RegexRecognizer):
    """STREET_ADDRESS such as "4120 Alder Ridge Rd, Apt 5" or "12 N. Main Street"."""

    # Street words must be capitalized (or ALL CAPS): "50 mg. Seen by Dr. Lee" is not an address.
    FLAGS = re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "StreetAddressRecognizer"
    PATTERNS = [
        (
            rf"\b(?P<value>\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z'-]*\.?\s+){{1,4}}{_SUFFIX}\b\.?{_UNIT})",
            0.85,
        ),
        (rf"\b(?P<value>(?i:P\.?\s?O\.?\s+box)\s+\d+)", 0.85),
    ]
