"""Record, member and account numbers after their label (MRN, member ID, claim #, acct ...)."""

from deid.recognizer_kit import RegexRecognizer

# An identifier: 4+ characters of letters, digits and dashes, with at least 3 digits.
_ID = r"(?P<value>(?=(?:[A-Z-]*\d){3})[A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])\b"
_SEP = r"\s*(?:#|no\.?|number|num)?\s*[:#=]?\s*"


class MedicalRecordNumberRecognizer(RegexRecognizer):
    """MRN: medical record numbers after an MRN / record-number label."""

    ENTITY = "MRN"
    NAME = "MedicalRecordNumberRecognizer"
    PATTERNS = [(rf"\b(?:MRN|MR|medical\s+record|chart|record){_SEP}{_ID}", 0.9)]


class MemberIdRecognizer(RegexRecognizer):
    """MEMBER_ID: health plan member, subscriber, policy and group numbers."""

    ENTITY = "MEMBER_ID"
    NAME = "MemberIdRecognizer"
    PATTERNS = [
        (rf"\b(?:member|subscriber|policy|group|insurance|ins\.?|medicaid|medicare|beneficiary)(?:\s+id)?{_SEP}{_ID}", 0.9),
    ]


class AccountNumberRecognizer(RegexRecognizer):
    """ACCOUNT_ID: claim, account, case, authorization, reference and order numbers."""

    ENTITY = "ACCOUNT_ID"
    NAME = "AccountNumberRecognizer"
    PATTERNS = [(rf"\b(?:claim|account|acct|case|auth(?:orization)?|invoice|ref|reference|confirmation|conf|order|ticket|tracking)(?:\s+id)?{_SEP}{_ID}", 0.85)]


class LabeledSsnRecognizer(RegexRecognizer):
    """US_SSN after an SSN label, whatever its digits (Presidio's rejects some test-like numbers)."""

    ENTITY = "US_SSN"
    NAME = "LabeledSsnRecognizer"
    PATTERNS = [(r"\b(?:SSN|SS#|SS\s+no\.?|social\s+security(?:\s+(?:no\.?|number|#))?)\s*[:#]?\s*(?P<value>\d{3}[- ]?\d{2}[- ]?\d{4})\b", 0.95)]
