"""E-mail addresses written out to dodge spam filters or read aloud: "maria at gmail dot com",
"maria [at] gmail [dot] com", "maria(at)gmail.com", "j.lee AT outlook DOT org".

Evidence is an "at" in brackets, or a spoken "dot" before the top-level domain; a plain
"X at Y.com" needs a webmail host, since "works at amazon.com" is a workplace. The domain must
end in a public suffix (tldextract's bundled snapshot, offline, as in email_address.py).
"""

import re

from spacy.lang.en.stop_words import STOP_WORDS

from deid.kit.base import RegexRecognizer, split_domain
from deid.kit.patterns import compile_fast

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_AT_BRACKETED = r"\s*[\[(<{]\s*at\s*[\])>}]\s*"
_DOT_SPOKEN = r"(?:\s*[\[(<{]\s*dot\s*[\])>}]\s*|\s+dot\s+)"
_DOT = rf"(?:{_DOT_SPOKEN}|\.)"
# Free webmail hosts, written by hand from general knowledge: a person's address, not a workplace's site.
_WEBMAIL = r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|proton(?:mail)?|pm|gmx|mail|zoho|yandex|comcast|verizon|att|sbcglobal)"
_SPOKEN_PART = compile_fast(_DOT_SPOKEN, re.IGNORECASE)
_AT_PART = compile_fast(rf"{_AT_BRACKETED}|\s+at\s+", re.IGNORECASE)


class SpelledOutEmailRecognizer(RegexRecognizer):
    """EMAIL_ADDRESS written with words or brackets for "@" and "."."""

    ENTITY = "EMAIL_ADDRESS"
    NAME = "SpelledOutEmailRecognizer"
    PATTERNS = [
        # "maria [at] gmail [dot] com", "maria(at)gmail.com"
        (rf"(?=\w)(?<![\w.@-])(?P<value>{_LOCAL}{_AT_BRACKETED}{_LABEL}(?:{_DOT}{_LABEL})+)\b", 0.85, r"(?i:[\[(<{]\s*at\s*[\])>}])"),
        # "maria at gmail dot com", "j.lee AT outlook DOT org"
        (rf"(?=\w)(?<![\w.@-])(?P<value>{_LOCAL}\s+at\s+{_LABEL}(?:{_DOT}{_LABEL})*{_DOT_SPOKEN}{_LABEL})\b", 0.8, r"(?=[Dd])(?i:\bdot\b)"),
        # "maria at gmail.com": a webmail host
        (rf"(?=\w)(?<![\w.@-])(?P<value>{_LOCAL}\s+at\s+{_WEBMAIL}(?:\.{_LABEL})+)\b", 0.75, r"(?i:\bat\s+\w+\.)"),
    ]

    def validate(self, value: str) -> bool:
        """The domain, with its words read back as dots, ends in a public suffix; neither the
        name nor the host is a function word or a number ("look at the dot com", "met at 5 dot com")."""
        local, rest = _AT_PART.split(value, maxsplit=1)
        domain = _SPOKEN_PART.sub(".", rest)
        host = domain.split(".", 1)[0]
        if local.lower() in STOP_WORDS or host.lower() in STOP_WORDS or not any(c.isalpha() for c in host):
            return False
        parts = split_domain(domain)
        return parts.suffix != "" and parts.domain != ""
