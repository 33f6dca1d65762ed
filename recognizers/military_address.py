"""U.S. military and diplomatic mail addresses (USPS Publication 28): "PSC 1234, Box 56, APO AE 09204",
"Unit 2050 Box 4190, DPO AP 96522", "USS Nimitz, FPO AP 96620"."""

import re

from deid.kit.addresses import WORD
from deid.kit.base import RegexRecognizer

_BREAK = r"(?:[ \t]*,?[ \t]*\n?[ \t]*)"
_POST = r"(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}(?:-\d{4})?"


class MilitaryAddressRecognizer(RegexRecognizer):
    """STREET_ADDRESS: a PSC, CMR or unit box, or a ship, over an APO/FPO/DPO line with its ZIP."""

    FLAGS = re.IGNORECASE | re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "MilitaryAddressRecognizer"
    PATTERNS = [
        (rf"\b(?P<value>(?:PSC|CMR|Unit)[ \t]+\d{{1,5}},?[ \t]+Box[ \t]+\d{{1,5}}{_BREAK}{_POST})\b", 0.9, r"[AFD]PO\b"),
        (rf"\b(?P<value>(?:USNS|USS|USCGC|USNV|USNA)[ \t]+{WORD}(?:[ \t]+{WORD}){{0,2}}{_BREAK}{_POST})\b", 0.9, r"FPO\b"),
        # The post line alone: the three office codes and three "states" occur together in nothing else.
        (rf"\b(?P<value>{_POST})\b", 0.85, r"[AFD]PO\b"),
    ]
