"""Phone numbers outside U.S. formats: international notation anywhere ("+44 20 7946 0958",
"+41 (0)71 526 99 04", "0044 20 ..."), and national formats of any country right after a phone
label or a calling phrase ("Mobile: 0341 8387176", "messages to 079 0442 1744"), or below a
label that ends its line with a colon.

A digit run alone is too often a lab value, a dose or a time in clinical notes, so without a "+"
(or "00") the label is the evidence. Either way the number has 7 to 15 digits (E.164 allows 15),
in groups, with an optional extension.
"""

import re

from deid.kit.base import RegexRecognizer

# Digit groups joined by single spaces, dots or hyphens (a slash makes a blood pressure); an area code may sit in
# brackets, a trunk zero as "(0)".
_GROUPS = r"(?:\(0\)[ .-]?)?\(?\d{1,5}\)?(?:[ .-]?(?:\(0\)[ .-]?)?\(?\d{1,5}\)?){1,6}"
_EXTENSION = r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?"
_LABEL = (
    r"(?:phone|tel(?:ephone)?|mobile|cell(?:phone)?|mob|desk|office|work|home|fax|whatsapp|"
    r"(?:phone|tel|contact)\s+no\.?|number|call(?:ing)?|text(?:ing)?|reach(?:ed)?|dial(?:ed)?|answering|messages)"
)


class InternationalPhoneRecognizer(RegexRecognizer):
    """PHONE_NUMBER in international notation, or in any national format after a phone label."""

    ENTITY = "PHONE_NUMBER"
    NAME = "InternationalPhoneRecognizer"
    PATTERNS = [
        (rf"(?<![\w+])(?P<value>(?:\+|00)[1-9]\d{{0,3}}[ .-]?{_GROUPS}{_EXTENSION})(?![\w/])", 0.8, r"\+|\b00"),
        # "Mobile: 0341 8387176", "phone: | 60-56-85-91", "not answering at 078 ...", "messages to ..."
        # A form's label may stand on its own line above the value: "Phone:\n0487 98 11 92".
        (rf"(?=[^\W\d_])\b{_LABEL}\b(?:[^\n\d]{{0,20}}?|[ \t]*:[ \t]*\n[ \t]*)(?<![\w.])(?P<value>{_GROUPS}{_EXTENSION})(?![\w/]|\.\d)", 0.6),
    ]

    def validate(self, value: str) -> bool:
        """7 to 15 digits before any extension, in at least two groups, not a date or a time."""
        number = re.split(r"(?i)\s*(?:x|ext)", value)[0]
        digits = sum(c.isdigit() for c in number)
        groups = re.findall(r"\d+", number)
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", number.strip()):
            return False  # 12/03/2024
        return 7 <= digits <= 15 and (len(groups) >= 2 or number.startswith(("+", "00")) or digits >= 9)
