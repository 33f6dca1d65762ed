"""Hospitals and units named as where a patient goes or comes from: "transferred to Quartermain
2", "REFERRED TO GH", "followed at gh", "admitted to Lally MICU".

Transfer phrases name a place; when what follows is not an ordinary word or clinical vocabulary
(ICU, floor, rehab, OR), it is a facility's name or abbreviation, whatever its case.
"""

from __future__ import annotations

import re

from deid.casing import MIXED, case_regime
from deid.clinical_terms import is_clinical_term
from deid.lexicon import RELATION_WORDS
from deid.name_lexicon import is_common_word
from deid.places import is_state
from deid.recognizer_kit import RegexRecognizer

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


class TransferDestinationRecognizer(RegexRecognizer):
    """FACILITY after transfer, referral and admission phrases."""

    ENTITY = "FACILITY"
    NAME = "TransferDestinationRecognizer"
    PATTERNS = [
        (
            r"\b(?:transferr?ed|transfer|trans|xfer(?:red)?|referred|admitted|readmitted|sent|"
            r"discharged|d/c'?d|followed|returned|return|went|accepted|screened|presented|came|"
            r"arrived|brought)\s+(?:back\s+)?(?:to|at|from|into)\s+(?:the\s+)?"
            r"(?P<value>[A-Za-z][A-Za-z'-]*(?:\s?\d{1,2}\b)?)",
            0.5,
        )
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """The destination's first word must be no ordinary word, clinical term or person word."""
        words = _WORD.findall(text, start, end)
        if not words:
            return False
        first = words[0]
        if is_clinical_term(first) or is_common_word(first) or first.lower() in RELATION_WORDS or is_state(first):
            return False
        if case_regime(text) == MIXED and first.islower():
            return False  # mixed case: a name is capitalized
        return len(first) >= 2
