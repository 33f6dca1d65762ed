"""Named places and businesses after a preposition in mixed-case text: "went to Sunrise Mall",
"moved back to Allentown", "going on at Home Depot", "near Ho Trail".

In a mixed-case note a Title Case run right after a place preposition is a proper name; names of
people, months, weekdays, drugs and clinical terms are excluded (people are found elsewhere).
Only mixed-case notes: in capitals or lower case nothing marks a proper name.
"""

from __future__ import annotations

import re

from deid.casing import MIXED, case_regime
from deid.clinical_terms import is_clinical_term
from deid.lexicon import CLINICIAN_TITLES, HONORIFICS, RELATION_WORDS
from deid.name_lexicon import AMBIGUOUS, is_common_word, name_strength
from deid.places import is_state
from deid.recognizer_kit import RegexRecognizer

_RUN = r"(?P<value>[A-Z][A-Za-z'&-]*(?:\s[A-Z][A-Za-z'&-]*){0,3})"


_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,}(?:[-'][A-Za-z]+)*$")
_DEMONYM = re.compile(r"(?:ian|ese|ish)$")
_PLACE_NOUNS = frozenset(
    "mall park beach heights pier trail lake center centre plaza square hills village market gardens "
    "garden zoo museum library stadium arena marina bay river island harbor point springs valley "
    "woods forest station airport depot store cafe bar grill gym fitness hotel inn motel casino "
    "theater theatre cinema church campground resort lodge club pool rink court courts field fields "
    "shelter mission pantry diner bakery pub tavern".split()
)


class PlaceNameRecognizer(RegexRecognizer):
    """LOCATION: a capitalized name after to/from/near/at/in (mixed case only)."""

    ENTITY = "LOCATION"
    NAME = "PlaceNameRecognizer"
    FLAGS = re.MULTILINE  # capitals are the evidence: no IGNORECASE
    PATTERNS = [
        (rf"\b(?:to|from|near|at|in|into|around|visit(?:ed|ing)?|toward|towards|outside)\s+(?:the\s+)?{_RUN}", 0.45),
        (rf"\bat\s+work\s+\({_RUN}\)", 0.6),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """A proper name: not a person's name alone, not a month, drug, state or ordinary word."""
        if case_regime(text) != MIXED:
            return False
        words = text[start:end].split()
        first = words[0].rstrip(".").lower()
        if first in HONORIFICS or first in CLINICIAN_TITLES or first in RELATION_WORDS:
            return False  # "to Dr. Lee", "to Mom"
        if any(is_clinical_term(w) for w in words) or is_state(" ".join(words)):
            return False
        if not all(_TITLE_WORD.match(w) for w in words):
            return False  # acronyms, initials, inner capitals: "R IJ", "SpO", "A-fib"
        if len(words) == 1:
            word = words[0].split("'")[0]
            # One word: not an ordinary word, not a person's first or last name.
            return not (is_common_word(word) or name_strength(word) >= AMBIGUOUS or _DEMONYM.search(word))
        # Several Title Case words: a place when one is a proper word ("Old Town Plano", "Trader
        # Joe's") or the last is a kind of place ("Sunrise Mall", "Northside Pier").
        return words[-1].lower() in _PLACE_NOUNS or not all(is_common_word(w.split("'")[0]) for w in words)
