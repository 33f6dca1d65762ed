"""IP addresses, as Presidio finds them, but not inside longer runs of numbers.

Blood gases are written as slash-separated runs ("80/48/7.45.34.7"), whose dotted tail looks
like an IPv4 address; an address stands apart from the numbers around it.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import IpRecognizer

from deid.kit.patterns import compile_fast

# What every IPv4 or IPv6 address contains ("10.0.0", "fe80::", "2001:db8:"): a note without it
# skips Presidio's patterns (the IPv6 one is long and tried at every position).
_CUE = compile_fast(r"\d\.\d{1,3}\.\d|::|[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
# A digit, a slash or a dot-and-digit right before or after: part of a longer run.
_RUN_BEFORE = compile_fast(r"(?:[\d/]|\d\.)$")
_RUN_AFTER = compile_fast(r"[/]\d|\.\d")


class IpAddressRecognizer(IpRecognizer):
    """IP_ADDRESS."""

    def __init__(self) -> None:
        super().__init__(name="IpAddressRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Presidio's IPv4 and IPv6 patterns; matches glued to a slash or number run are dropped."""
        if _CUE.search(text) is None:
            return []
        return [
            r
            for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
            if not _RUN_BEFORE.search(text, max(0, r.start - 2), r.start) and not _RUN_AFTER.match(text, r.end)
        ]
