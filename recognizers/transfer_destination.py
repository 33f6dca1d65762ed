"""Hospitals and units named as where a patient goes or comes from: "transferred to Quartermain
2", "REFERRED TO GH", "followed at gh", "admitted to Lally MICU".

Transfer phrases name a place; when what follows is not an ordinary word or clinical vocabulary
(ICU, floor, rehab, OR), it is a facility's name or abbreviation, whatever its case.
"""

from __future__ import annotations

import re

from deid.kit.base import RegexRecognizer
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.lexicon import RELATION_WORDS
from deid.kit.names import is_common_word, is_often_capitalized
from deid.kit.patterns import compile_fast
from deid.kit.places import is_state

_WORD = compile_fast(r"[A-Za-z][A-Za-z'-]*")


_VERBS = (
    r"transferr?ed|transfer|trans|xfer(?:red)?|tx'?d?|referred|admitted|readmitted|adm|admit|sent|"
    r"discharged|d/c'?d|followed|returned|return|went|go|going|come|came|accepted|screened|presented|"
    r"arrived|arrival|brought|enroute|en\s+route|medflight(?:ed)?|flown|seen|meeting"
)
_UNIT_NUMBER = compile_fast(r"\s?\d")
# A floor or unit number: one digit, then no unit, rate, range or decimal ("levo 2 mcg", "ps 5/5").
_FLOOR_AFTER = compile_fast(
    r"\s\d(?![\d/:%-]|\.\d)(?!\s*(?:mg|mcg|mic|cc|ml|l|lpm|units?|u|x|times|hrs?|hours?|days?|cm|mm|am|pm|%)\b)",
    re.IGNORECASE,
)
# Hospital abbreviations end in H or MC (hospital, medical center): "to GH", "@ gbmc".
_HOSPITAL_ABBREVIATION = compile_fast(r"[a-z]{0,4}(?:h|mc)", re.IGNORECASE)


class TransferDestinationRecognizer(RegexRecognizer):
    """FACILITY after transfer, referral and admission phrases, and hospital abbreviations after to/at/from.

    The unit's number is not part of the name ("QUARTERMAIN 2": floors are not identifiers).
    """

    ENTITY = "FACILITY"
    NAME = "TransferDestinationRecognizer"
    PATTERNS = [
        (rf"(?=[^\W\d_])\b(?:{_VERBS})\s+(?:back\s+)?(?:to|at|from|into|@|->)\s*(?:the\s+)?(?P<value>[A-Za-z][A-Za-z'-]*)", 0.5),
        # "TRANSFER QUARTERMAIN 2": a unit with its number needs no preposition.
        (r"(?=[^\W\d_])\b(?:transfer|xfer|tx)\s+(?P<value>[A-Za-z][A-Za-z'-]*)(?=\s?\d{1,2}\b)", 0.5),
        (r"(?=[TtAaFfIi@-])(?:\b(?:to|at|from|into)\s+(?:the\s+)?|@\s*|->\s*)(?P<value>[A-Za-z]{1,5})\b", 0.5),
        # "W/U BY GBMC": a hospital's abbreviation after "by".
        (r"(?=[^\W\d_])\bby\s+(?P<value>[A-Za-z]{0,4}(?:h|mc))\b", 0.5),
        # A building or unit with its floor after a place word: "found from quartermain 5",
        # "ON QUARTERMAIN 2", "plan: Quartermain 2 this am".
        (r"(?=[AaFfIiOoPp@])(?:\b(?:at|from|into|on|plan:?)\s+(?:the\s+)?|@\s*)(?P<value>[A-Za-z][A-Za-z'-]{3,})(?=\s\d\b)", 0.5),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """The destination's first word must be no ordinary word, clinical term or person word."""
        words = _WORD.findall(text, start, end)
        if not words:
            return False
        first = words[0]
        if _HOSPITAL_ABBREVIATION.fullmatch(text[start:end]):
            return (
                (first.isupper() or first.islower()) and len(first) >= 2
                and not is_common_word(first) and not is_clinical_term(first)
            )
        if _FLOOR_AFTER.match(text, end) and len(words) == 1 and not (
            is_common_word(first) or is_clinical_term(first) or first.lower() in RELATION_WORDS or is_state(first)
        ):
            return True  # "quartermain 5": a name with its floor
        if not _after_transfer_phrase(text, start):
            return False  # a bare "to"/"at" word that is not a hospital abbreviation
        if is_clinical_term(first) or first.lower() in RELATION_WORDS or is_state(first):
            return False
        mixed = regime_at(text, start) == MIXED
        if is_common_word(first):
            # "went to Harbor": in mixed case, a capitalized place-name word is a name.
            return mixed and first.istitle() and is_often_capitalized(first)
        if mixed and first.islower() and not _UNIT_NUMBER.match(text, end):
            return False  # mixed case: a name is capitalized ("quartermain 2" has its number)
        return len(first) >= 2


def _after_transfer_phrase(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return _TRANSFER_BEFORE.search(before) is not None or _TRANSFER_UNIT.search(before) is not None


_TRANSFER_BEFORE = compile_fast(
    rf"\b(?:{_VERBS})\s+(?:back\s+)?(?:to|at|from|into|@|->)\s*(?:the\s+)?$", re.IGNORECASE
)
_TRANSFER_UNIT = compile_fast(r"\b(?:transfer|xfer|tx)\s+$", re.IGNORECASE)
