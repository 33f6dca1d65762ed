"""Social media handles: "@maria_l87", "IG: maria.l87", "my snap is dana.k_22".

ACCOUNT_ID rather than URL: a handle names an account on a service (Safe Harbor's "any other
unique identifying number or code"), and it is written without the host that would make it a web
address; every policy removes ACCOUNT_ID as it does URL.

An "@" handle needs no label, but not the "@" of an e-mail address (a word character before it),
of a time or a rate ("@ 10am", "@0800", "@100cc/hr") or of a drug's concentration; a handle
without "@" needs a platform label and the shape of a user name (a digit, "_" or an inner ".").
"""

import re

from deid.kit.base import RegexRecognizer
from deid.kit.names import is_common_word
from deid.kit.patterns import compile_fast

_HANDLE = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
_PLATFORM = (
    r"(?:instagram|insta|IG|snapchat|snap|twitter|tiktok|tik\s+tok|facebook|fb|threads|reddit|discord|telegram|"
    r"twitch|youtube|handle|user\s*name|screen\s*name|gamer\s*tag)"
)
# A handle that is a time, an amount or a rate: "@10am", "@0800", "@100cc", "@2mg".
_NUMERIC = compile_fast(r"\d[\d.:]*(?:[a-z]{1,4}(?:/[a-z]{1,3})?)?", re.IGNORECASE)


class SocialHandleRecognizer(RegexRecognizer):
    """ACCOUNT_ID: a user name on a social platform."""

    ENTITY = "ACCOUNT_ID"
    NAME = "SocialHandleRecognizer"
    PATTERNS = [
        (rf"(?<![\w@.+-])(?P<value>@{_HANDLE})(?![\w@]|\.[A-Za-z])", 0.7, r"@\w"),
        # "IG: maria.l87", "my snap is dana.k_22", "instagram handle kris_b"
        (
            rf"(?=[^\W\d_])\b{_PLATFORM}(?:\s+(?:handle|name|account|id))?(?:\s*(?:is|:|-)\s*|\s+)(?P<value>@?{_HANDLE})(?![\w@])",
            0.6,
            r"(?=[IiSsTtFfRrDdYyHhUuGg])(?i:insta|\big\b|snap|twitter|tik|facebook|\bfb\b|threads|reddit|discord|telegram|twitch|youtube|handle|user|screen|gamer)",
        ),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """A handle has a letter and is no time or amount. A user name's digit, "_" or inner "."
        makes it one; else only an "@" before a word that is neither ordinary ("@home") nor in
        capitals ("@RA", "@MD": "at" in clinical shorthand)."""
        value = text[start:end]
        name = value.removeprefix("@")
        if not any(c.isalpha() for c in name) or _NUMERIC.fullmatch(name):
            return False
        if any(c.isdigit() or c in "_." for c in name):
            return True
        return value.startswith("@") and not name.isupper() and not is_common_word(name)
