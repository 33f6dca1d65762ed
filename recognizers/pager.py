"""Pager, beeper and internal extension numbers after their label ("Pager: #54321", "PG 33445")."""

from deid.kit.base import RegexRecognizer


class PagerRecognizer(RegexRecognizer):
    """PHONE_NUMBER: 4-7 digit pager and extension numbers, only right after their label."""

    ENTITY = "PHONE_NUMBER"
    NAME = "PagerRecognizer"
    PATTERNS = [
        (
            r"\b(?:pager|beeper|pg|page|bpr|ext|extension|x)\b\.?\s*(?:number|no\.?|num)?\s*[:#]?\s*#?\s*"
            r"(?P<value>\d{4,7})\b(?![./:]\d)",
            0.8,
        )
    ]
