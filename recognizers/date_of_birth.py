"""Dates of birth, by their label ("DOB: 04/02/1988", "date of birth 4/2/88", "born on March 3, 1990")."""

from deid.kit.base import RegexRecognizer

_DATE = (
    r"(?:\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[\s-][A-Za-z]{3,9}[\s-]\d{2,4})"
)


class DateOfBirthRecognizer(RegexRecognizer):
    """DOB: the date that follows a birth label (scored above plain dates so it wins the overlap)."""

    ENTITY = "DOB"
    NAME = "DateOfBirthRecognizer"
    PATTERNS = [(rf"(?=[DdBb])\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:#-]?\s*(?P<value>{_DATE})", 0.95)]
