"""Web addresses: with a scheme or www., or a host name under a common top-level domain.

Presidio's UrlRecognizer accepts any "word.word" with a country-code TLD, which terse notes are
full of ("pt.no", "re.SOB"). Here a bare host needs a generic TLD and a label of 2+ characters.
"""

from deid.recognizer_kit import RegexRecognizer

_TLD = r"(?:com|org|net|edu|gov|mil|int|info|biz|io|co|us|me|health|app|ai|dev|online|site|xyz|ly|tv)"
_PATH = r"(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?"


class WebAddressRecognizer(RegexRecognizer):
    """URL."""

    ENTITY = "URL"
    NAME = "WebAddressRecognizer"
    PATTERNS = [
        (r"(?P<value>\b(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])", 0.95),
        (rf"(?P<value>\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{_PATH})", 0.9),
        (rf"(?<![@\w.-])(?P<value>[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.{_TLD}\b{_PATH})(?![@\w])", 0.7),
    ]
