"""Payment card numbers after a card label, in any grouping and of any issuer, checked by Luhn.

Presidio's CreditCardRecognizer knows the issuers' prefixes of its day; a labelled number needs
only the checksum ("card 2223 0031 2200 3222", a 2-series Mastercard; 12-digit Maestro cards).
"""

import re

from deid.kit.base import RegexRecognizer

# 12 to 19 digits, in groups separated by single spaces or dashes.
_NUMBER = r"(?P<value>\d(?:[ -]?\d){11,18})(?![\d-]|[ ]\d)"


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum of payment card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


class CardNumberRecognizer(RegexRecognizer):
    """ACCOUNT_ID: a Luhn-valid number of 12-19 digits after "card", "credit card", "cc", "visa" ..."""

    ENTITY = "ACCOUNT_ID"
    NAME = "CardNumberRecognizer"
    PATTERNS = [
        (
            r"(?=[^\W\d_])\b(?:card|credit\s+card|debit\s+card|cc|visa|mastercard|amex|maestro|discover)"
            r"(?:\s+(?:no\.?|number|num|#))?\s*[:#]?\s*(?:is\s+|ending\s+in\s+)?" + _NUMBER,
            0.9,
            r"(?=[CcVvAaMmDd])(?i:card|cc|visa|amex|maestro|discover)",
        ),
    ]

    def validate(self, value: str) -> bool:
        """Luhn-valid, not all one digit."""
        digits = re.sub(r"\D", "", value)
        return len(set(digits)) > 1 and luhn_valid(digits)
