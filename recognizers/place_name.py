"""Named places and businesses after a preposition: "went to Sunrise Mall", "moved back to
Allentown", "going on at Home Depot", "near Ho Trail".

In a mixed-case note a Title Case run right after a place preposition is a proper name (or one
unknown word of five or more capitals: a town as addresses write it); names of
people, months, weekdays, drugs and clinical terms are excluded (people are found elsewhere).
In capitals or lower case nothing marks a proper name, so only a travel phrase ("moved back to",
"the visit to", "trip to", "walking at", "near") counts, and only before a word no dictionary
knows ("francoside") or a place-kind name without an article ("marks trail", "summit mall").
"""

from __future__ import annotations

import re

from deid.kit.base import RegexRecognizer
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.lexicon import CLINICIAN_TITLES, HONORIFICS, RELATION_WORDS
from deid.kit.names import AMBIGUOUS, is_common_word, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.places import is_city, is_region

_RUN = r"(?P<value>[A-Z][A-Za-z'&-]*(?:\s[A-Z][A-Za-z'&-]*){0,3})"


_TITLE_WORD = compile_fast(r"[A-Z][a-z]{2,}(?:[-'][A-Za-z]+)*$")
_CAPS_NAME = compile_fast(r"[A-Z]{5,}(?:-[A-Z]{2,})*$")
_DEMONYM = compile_fast(r"(?:ian|ese|ish)$")
_PLACE_NOUNS = frozenset(
    "mall park beach heights pier trail lake center centre plaza square hills village market gardens "
    "garden zoo museum library stadium arena marina bay river island harbor point springs valley "
    "woods forest station airport depot store cafe bar grill gym fitness hotel inn motel casino "
    "theater theatre cinema church campground resort lodge club pool rink court courts field fields "
    "shelter mission pantry diner bakery pub tavern".split()
)


_TRAVEL = (
    r"visit(?:ed|ing)?\s+to|(?:drove|driving|drive|flew|went|go|going|came|come)(?:\s+(?:up|down|back|out))?\s+to|"
    r"(?:move|moved|moving|relocat(?:e|ed|ing))\s+(?:back\s+)?(?:to|from)|move\s+from|"
    r"travel(?:l?ed|l?ing)?\s+to|trip\s+to|(?:job|house|apartment)\s+in|walk(?:ed|ing)?\s+at|"
    r"hik(?:e|ed|ing)\s+at|near"
)
_TRAVEL_BEFORE = compile_fast(rf"\b(?:{_TRAVEL})\s+$", re.IGNORECASE)
# Words that start no place name after a travel phrase ("go to bed", "near the door").
_NOT_PLACE = frozenset(
    "the a an my his her their our your this that work home school church bed sleep town class court "
    "jail store bathroom hospital doctor dr it them him us me there here see get be".split()
)
_LEADING_PLACE_NOUNS = frozenset("mount mt lake fort ft port point cape camp".split())
_STOP_WORDS = (
    "to|from|in|at|on|and|or|but|with|for|every|each|last|next|this|that|since|because|when|while|"
    "over|during|after|before|is|was|has|had|have|will|would|then|so|the|a|an|as|which|who|where"
)

_NOUN_AFTER = compile_fast(rf"[ \t]+(?!(?:{_STOP_WORDS})\b)[a-z]")


class PlaceNameRecognizer(RegexRecognizer):
    """LOCATION: a capitalized name after to/from/near/at/in (mixed case only)."""

    ENTITY = "LOCATION"
    NAME = "PlaceNameRecognizer"
    FLAGS = re.MULTILINE  # capitals are the evidence: no IGNORECASE
    PATTERNS = [
        (rf"(?=[^\W\d_])\b(?:to|from|near|at|in|into|around|visit(?:ed|ing)?|toward|towards|outside)\s+(?:the\s+)?{_RUN}", 0.45),
        (rf"(?=[^\W\d_])\bat\s+work\s+\({_RUN}\)", 0.6),
        (
            rf"(?=[^\W\d_])(?i:\b(?:{_TRAVEL}))\s+(?P<value>[A-Za-z][A-Za-z'-]*(?:[ \t](?!(?i:{_STOP_WORDS})\b)[A-Za-z][A-Za-z'-]*){{0,2}})",
            0.5,
        ),
    ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """A proper name: not a person's name alone, not a month, drug, state or ordinary word."""
        if regime_at(text, start) != MIXED:
            return self._after_travel(text, start, end)
        words = text[start:end].split()
        first = words[0].rstrip(".").lower()
        if first in HONORIFICS or first in CLINICIAN_TITLES or first in RELATION_WORDS:
            return False  # "to Dr. Lee", "to Mom"
        if any(is_clinical_term(w) for w in words) or is_region(" ".join(words)):
            return False
        if len(words) == 1 and _CAPS_NAME.match(words[0]):
            # A town in capitals, as postal addresses write it ("flew to TROMSO"): a word too long
            # for most acronyms that no dictionary or name list knows, and no modifier of a noun
            # after it ("in COVID times", "to HIPAA office").
            if _NOUN_AFTER.match(text, end):
                return False
            return not (is_common_word(words[0]) or name_strength(words[0]) >= AMBIGUOUS)
        if not all(_TITLE_WORD.match(w) for w in words):
            return False  # acronyms, initials, inner capitals: "R IJ", "SpO", "A-fib"
        if len(words) == 1:
            word = words[0].split("'")[0]
            # One word: not an ordinary word, not a person's first or last name.
            return not (is_common_word(word) or name_strength(word) >= AMBIGUOUS or _DEMONYM.search(word))
        # Several Title Case words: a place when one is a proper word ("Old Town Plano", "Trader
        # Joe's") or the last is a kind of place ("Sunrise Mall", "Northside Pier").
        return (
            words[-1].lower() in _PLACE_NOUNS or words[0].lower() in _LEADING_PLACE_NOUNS
            or not all(is_common_word(w.split("'")[0]) for w in words)
        )

    @staticmethod
    def _after_travel(text: str, start: int, end: int) -> bool:
        """In capitals or lower case: after a travel phrase, an unknown word or a place-kind name."""
        if not _TRAVEL_BEFORE.search(text, max(0, start - 40), start):
            return False
        words = [w.split("'")[0].lower() for w in text[start:end].split()]
        if any(is_clinical_term(w) for w in words):
            return False
        if not words or words[0] in _NOT_PLACE or words[0] in RELATION_WORDS or is_region(" ".join(words)):
            return False
        if len(words) >= 2 and (words[-1] in _PLACE_NOUNS or words[0] in _LEADING_PLACE_NOUNS):
            return True
        # One word: a town of the gazetteer, or a word no dictionary or name list knows.
        return len(words) == 1 and len(words[0]) >= 4 and (
            is_city(words[0]) or not (is_common_word(words[0]) or name_strength(words[0]))
        )
