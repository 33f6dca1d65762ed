"""Record, member and account numbers after their label (MRN, member ID, claim #, acct ...)."""


from deid.kit.base import RegexRecognizer
from deid.kit.dates import parse_date
from deid.kit.patterns import compile_fast

# An identifier: 4+ characters of letters, digits and dashes, with at least 3 digits.
_ID = r"(?P<value>(?=(?:[A-Z-]*\d){3})[A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])\b"
_YEAR_RANGE = compile_fast(r"\d{4}\s*-\s*\d{2,4}")
_SEP = r"\s*(?:#|no\.?|number|num)?\s*[:#=]?\s*"


class MedicalRecordNumberRecognizer(RegexRecognizer):
    """MRN: medical record numbers after an MRN / record-number label."""

    ENTITY = "MRN"
    NAME = "MedicalRecordNumberRecognizer"
    PATTERNS = [(rf"(?=[^\W\d_])\b(?:MRN|MR|medical\s+record|chart|record){_SEP}{_ID}", 0.9)]


class MemberIdRecognizer(RegexRecognizer):
    """MEMBER_ID: health plan member, subscriber, policy and group numbers."""

    ENTITY = "MEMBER_ID"
    NAME = "MemberIdRecognizer"
    PATTERNS = [
        (rf"(?=[^\W\d_])\b(?:member|subscriber|policy|group|insurance|ins\.?|medicaid|medicare|beneficiary)(?:\s+id)?{_SEP}{_ID}", 0.9),
    ]


class AccountNumberRecognizer(RegexRecognizer):
    """ACCOUNT_ID: claim, account, case, authorization, reference and order numbers."""

    ENTITY = "ACCOUNT_ID"
    NAME = "AccountNumberRecognizer"
    PATTERNS = [(rf"(?=[^\W\d_])\b(?:claim|account|acct|case|auth(?:orization)?|invoice|ref|reference|confirmation|conf|order|ticket|tracking)(?:\s+id)?{_SEP}{_ID}", 0.85)]


class LabeledSsnRecognizer(RegexRecognizer):
    """US_SSN after an SSN label, whatever its digits (Presidio's rejects some test-like numbers)."""

    ENTITY = "US_SSN"
    NAME = "LabeledSsnRecognizer"
    PATTERNS = [(r"(?=[^\W\d_])\b(?:SSN|SS#|SS\s+no\.?|social\s+security(?:\s+(?:no\.?|number|#))?)\s*[:#]?\s*(?P<value>\d{3}[- ]?\d{2}[- ]?\d{4})\b", 0.95)]


# A licence or plate number: 5 to 16 letters and digits (16: the UK format) with a digit, joined by dashes, or digit
# groups split by single spaces ("123 456 789"); "*" occurs in Washington's format.
_LICENCE_ID = (
    r"(?P<value>(?=[A-Z*-]*\d)[A-Z0-9](?:[A-Z0-9*]|-(?=[A-Z0-9])|(?<=\d)[ ](?=\d{2,}\b)){4,22})(?![\w*-])"
)


class DriversLicenseRecognizer(RegexRecognizer):
    """ACCOUNT_ID (Presidio's US_DRIVER_LICENSE maps there too): a driver's licence, state ID or
    plate number after its label. Without a label, state formats collide with every code and count."""

    ENTITY = "ACCOUNT_ID"
    NAME = "DriversLicenseRecognizer"
    PATTERNS = [
        (
            r"(?=[^\W\d_])\b(?:driver'?s?\s+(?:licen[cs]e|lic\.?)|driving\s+licen[cs]e|(?-i:C?DL|D\.L\.)|licen[cs]e(?:\s+plate)?|"
            r"lic\.?(?=\s*(?:#|no\b|number))|plate|(?:state\s+)?ID\s+card)(?![a-z])"
            rf"{_SEP}(?:is\s+|was\s+)?{_LICENCE_ID}",
            0.85,
            r"(?=[LlDdPpIi])(?i:licen|DL\b|D\.L|\blic|plate|id\s+card)",
        ),
    ]

    def validate(self, value: str) -> bool:
        """5 to 16 letters and digits, not a date or a year range."""
        return 5 <= sum(c.isalnum() for c in value) <= 16 and parse_date(value) is None and not _YEAR_RANGE.fullmatch(value)
