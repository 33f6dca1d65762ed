"""A name found once in a note is a name wherever the note repeats it.

Context finds a name where the note introduces it ("transfer to Quartermain 2", "her son
Dave"); later mentions often come without that context ("belongings found from quartermain",
"Dave called"). Every distinctive word of a found name, place or facility is looked up in the
rest of the note, in any case. Ordinary words and clinical terms are never spread this way: a
relative named Will does not make every "will" a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from deid.clinical_terms import is_clinical_term
from deid.entities import PERSON_ENTITIES
from deid.facilities import name_end
from deid.findings import Cover, Finding
from deid.lexicon import CLINICIAN_LABELS, CLINICIAN_ROLES, CREDENTIALS, RELATION_WORDS
from deid.name_lexicon import is_common_word

RECOGNIZER = "RepeatInNote"
# Types whose words name one thing wherever they recur in a note.
_SPREAD = PERSON_ENTITIES | {"FACILITY", "ORGANIZATION", "CITY", "LOCATION"}
_MIN_SCORE = 0.5  # only findings this sure are spread
_SCORE = 0.5
_MIN_LETTERS = 4  # "Ed", "Al", "Lee": too short to tell from abbreviations
_ROLE_WORDS = RELATION_WORDS | CLINICIAN_LABELS | frozenset(w for role in CLINICIAN_ROLES for w in role)
_WORD = re.compile(r"[^\W\d_]+")
# spaCy's statistical NER is the least sure of the sources: its spans are not spread.
_NOT_SPREAD_FROM = frozenset({"SpacyRecognizer"})


def repeated(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """New findings for the other mentions of the distinctive words of `findings` in `text`."""
    sources: dict[str, str] = {}
    for f in findings:
        if f.entity_type not in _SPREAD or f.score < _MIN_SCORE or f.recognizer in _NOT_SPREAD_FROM:
            continue
        end = name_end(text, f.start, f.end) if f.entity_type == "FACILITY" else f.end
        for m in _WORD.finditer(text, f.start, end):
            word = m.group()
            if _distinctive(word):
                sources.setdefault(word.lower(), f.entity_type)
    if not sources:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(sources, key=len, reverse=True))) + r")(?![^\W_])",
        re.IGNORECASE,
    )
    taken = Cover((f.start, f.end) for f in findings)
    out = []
    for m in pattern.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), sources[m.group().lower()], _SCORE, RECOGNIZER))
    return out


def _distinctive(word: str) -> bool:
    """A word that names one thing: long enough, not an ordinary word, clinical term, credential
    or role word."""
    return (
        len(word) >= _MIN_LETTERS and not is_common_word(word) and not is_clinical_term(word)
        and word.upper() not in CREDENTIALS and word.lower() not in _ROLE_WORDS
    )
