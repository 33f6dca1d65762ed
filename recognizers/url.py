"""Web addresses: with a scheme or www., or a host name under a common top-level domain.

Presidio's UrlRecognizer accepts any "word.word" with a country-code TLD, which terse notes are
full of ("pt.no", "re.SOB"). Here a bare host needs a generic TLD and a label of 2+ characters,
and a run-on sentence is no host: "rate 14 to 20.tv 300" (a number before the TLD) or "pressure
support.tv 150" (an ordinary word before a TLD that is also an abbreviation).
"""

import re

from deid.kit.base import RegexRecognizer
from deid.kit.names import is_common_word
from deid.kit.patterns import compile_fast

_TLD = r"(?:com|org|net|edu|gov|mil|int|info|biz|io|co|us|me|health|app|ai|dev|online|site|xyz|ly|tv)"
# Top-level domains that are not also words or clinical abbreviations.
_PLAIN_TLDS = frozenset({"com", "org", "net", "edu", "gov", "mil", "info", "biz", "online", "site", "xyz"})
_PATH = r"(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?"
_BARE_HOST = compile_fast(r"(?P<label>[a-z0-9-]+)\.(?P<tld>[a-z]+)(?:/|$)", re.IGNORECASE)


class WebAddressRecognizer(RegexRecognizer):
    """URL."""

    ENTITY = "URL"
    NAME = "WebAddressRecognizer"
    PATTERNS = [
        (r"(?=[HhFf])(?P<value>\b(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", 0.95),
        (rf"(?=[Ww])(?P<value>\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{_PATH})", 0.9),
        (rf"(?=\w)(?<![@\w.-])(?P<value>[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.{_TLD}\b{_PATH})(?![@\w])", 0.7),
    ]

    def validate(self, value: str) -> bool:
        """A bare host's last label names something: letters, and no ordinary word before a TLD
        that is also an abbreviation."""
        if "://" in value or value.lower().startswith("www."):
            return True
        host = _BARE_HOST.search(value.split("/", 1)[0] + "/")
        if host is None:
            return True
        label, tld = host.group("label"), host.group("tld").lower()
        if not any(c.isalpha() for c in label):
            return False
        return tld in _PLAIN_TLDS or not is_common_word(label)
