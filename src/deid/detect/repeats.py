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

from deid.entities import PERSON_ENTITIES
from deid.findings import Cover, Finding
from deid.kit.clinical import is_clinical_term
from deid.kit.facilities import name_end
from deid.kit.lexicon import CLINICIAN_LABELS, CLINICIAN_ROLES, CREDENTIALS, RELATION_WORDS
from deid.kit.lookup import LowerText, lower_same_length, reaching
from deid.kit.names import is_common_word

RECOGNIZER = "RepeatInNote"
# Types whose words name one thing wherever they recur in a note.
SPREAD = PERSON_ENTITIES | {"FACILITY", "ORGANIZATION", "CITY", "LOCATION"}
_MIN_SCORE = 0.5  # only findings this sure are spread
_SCORE = 0.5
_MIN_LETTERS = 4  # "Ed", "Al", "Lee": too short to tell from abbreviations
_ROLE_WORDS = RELATION_WORDS | CLINICIAN_LABELS | frozenset(w for role in CLINICIAN_ROLES for w in role)
_WORD = re.compile(r"[^\W\d_]+")
# spaCy's statistical NER is the least sure of the sources: its spans are not spread.
_NOT_SPREAD_FROM = frozenset({"SpacyRecognizer"})


def repeated(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """New findings for the other mentions of the distinctive words of `findings` in `text`, and of
    whole names of two or more words ("Hope Brewer" is one person even though both are words)."""
    sources: dict[str, str] = {}  # lower-case word or space-joined name -> entity type
    for f in findings:
        if f.entity_type not in SPREAD or f.score < _MIN_SCORE or f.recognizer in _NOT_SPREAD_FROM:
            continue
        end = name_end(text, f.start, f.end) if f.entity_type == "FACILITY" else f.end
        words = [m.group() for m in _WORD.finditer(text, f.start, end)]
        for word in words:
            if _distinctive(word):
                sources.setdefault(lower_same_length(word), f.entity_type)
        if f.entity_type in PERSON_ENTITIES and len(words) >= 2 and all(len(w) >= 2 for w in words):
            sources.setdefault(lower_same_length(" ".join(words)), f.entity_type)
    if not sources:
        return []
    note = LowerText(text)
    taken = Cover((f.start, f.end) for f in findings)
    out = []
    for start, end in reaching(span for source in sources for span in note.words(source.split())):
        # A mention counts when one of its words is still unfound ("Hope" of "Hope Brewer" after
        # "Brewer" alone was found); resolution then keeps the longer span.
        if any(not taken.overlaps(w.start(), w.end()) for w in _WORD.finditer(text, start, end)):
            out.append(Finding(start, end, sources[" ".join(note.lower[start:end].split())], _SCORE, RECOGNIZER))
    return out


def _distinctive(word: str) -> bool:
    """A word that names one thing: long enough, not an ordinary word, clinical term, credential
    or role word."""
    return (
        len(word) >= _MIN_LETTERS and not is_common_word(word) and not is_clinical_term(word)
        and word.upper() not in CREDENTIALS and word.lower() not in _ROLE_WORDS
    )
