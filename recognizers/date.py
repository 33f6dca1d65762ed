"""Dates in the forms clinical notes use: 3/14, 03/14/2025, 2025-03-14, Mar 14th, 14-MAR-2025, March 2025."""

from deid.dates import parse_date
from deid.recognizer_kit import RegexRecognizer

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ORD = r"(?:st|nd|rd|th)?"


class ClinicalDateRecognizer(RegexRecognizer):
    """DATE; each match must parse as a real calendar date (no month 13, no 120/80 blood pressure)."""

    ENTITY = "DATE"
    NAME = "ClinicalDateRecognizer"
    PATTERNS = [
        (r"(?<![\d/.-])(?P<value>\d{4}-\d{1,2}-\d{1,2})(?![\d/-])", 0.9),
        (r"(?<![\d/.-])(?P<value>\d{1,2}([/-])\d{1,2}\2(?:\d{4}|\d{2}))(?![\d/-])", 0.9),
        # Month/day without a year is weaker evidence (fractions, ratios).
        (r"(?<![\d/.:-])(?P<value>\d{1,2}/\d{1,2})(?![\d/:]|\.\d)", 0.6),
        (rf"\b(?P<value>{_MON}\s*\d{{1,2}}{_ORD}(?:,?\s*\d{{4}})?)(?![\d:])", 0.85),
        (rf"\b(?P<value>\d{{1,2}}{_ORD}(?:[- ]){_MON}(?:(?:[- ]|,\s*)(?:\d{{4}}|\d{{2}}))?)\b", 0.85),
        (rf"\b(?P<value>{_MON}[\s,-]+\d{{4}})\b", 0.8),
    ]

    def validate(self, value: str) -> bool:
        """Accept only real calendar dates."""
        return parse_date(value) is not None
