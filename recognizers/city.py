"""Cities and towns: a gazetteer name after a place preposition, or before a state ("Escondido, CA").

A city name alone proves little (Hope, Union, Mercy are towns); the state after it, or a phrase
such as "lives in", "moved to", "from", makes it a place.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.names import is_common_word, name_strength
from deid.kit.patterns import compile_fast, word_trie
from deid.kit.places import (
    STATE_NAMES,
    STATES,
    STREET_SUFFIX,
    STREET_UNIT,
    is_city,
    is_region,
    is_state,
)
from deid.kit.places import warm as warm_places

_NAME = r"(?P<city>[A-Za-z][A-Za-z.'-]*(?:[ -][A-Za-z][A-Za-z.'-]*){0,2})"
# Postal codes only in capitals and only after a comma or before a ZIP: "ID", "IN", "OR" are words.
# Prefix trees: an alternation of 52 names was tried whole at every space of a note.
_ABBR = word_trie(STATES)
_FULL = word_trie(STATE_NAMES)
_BEFORE_STATE = compile_fast(
    rf"\b{_NAME}(?:,\s*(?-i:{_ABBR})\b|\s+(?-i:{_ABBR})\s+\d{{5}}\b|,?\s+(?:{_FULL})\b)"
    rf"(?:\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)\b)?",
    re.IGNORECASE,
)
# What follows a town before a state: where `_BEFORE_STATE` can match, so it is tried only there.
_STATE_AFTER = compile_fast(rf"(?=[,\s])(?:,\s*(?-i:{_ABBR})\b|\s+(?-i:{_ABBR})\s+\d{{5}}\b|,?\s+(?:{_FULL})\b)", re.IGNORECASE)
_WORD_START = compile_fast(r"\b[A-Za-z]")
_AFTER_PHRASE = compile_fast(
    rf"(?=[^\W\d_])\b(?:lives?|living|lived|moved|moving|relocated|resides?|residing|born|raised|grew\s+up|"
    rf"visiting|visit|drove|flew|travel(?:l?ed)?|trip|home|house|apartment|from|near|outside\s+of|"
    rf"to|in)\s+(?:in\s+|to\s+|from\s+|near\s+)?{_NAME}",
    re.IGNORECASE,
)

# "daughter Grace of Reisterstown", "Ann Lee of Towson": a town after a person's name and "of".
_OF_AFTER_NAME = compile_fast(rf"(?=[A-Z])\b(?P<person>[A-Z][a-z]+)\s+of\s+{_NAME}")


# The town after a street line: "9506 Hillcrest Ct #71, Riverside", "5264 3rd dr, in harrisonchester".
_AFTER_STREET = compile_fast(
    rf"(?<![\w/.+-])\d{{1,6}}[A-Za-z]?[ \t]+(?P<street>(?:[A-Za-z0-9'-]+\.?[ \t]+){{1,4}}?){STREET_SUFFIX}\b\.?"
    rf"{STREET_UNIT},[ \t]+(?:in[ \t]+)?"
    rf"(?P<city>[A-Za-z][A-Za-z.'-]*(?:[ \t][A-Za-z][A-Za-z.'-]*){{0,2}})"
)
# Words that end a town's name after a street line ("Riverside and reports").
_NOT_TOWN = frozenset(
    "and or but with for to at on in of by the a an he she his her their who which that this is was has "
    "had reports "
    "phone ph tel fax apt suite ste unit".split()
)


def _overlapping(regex: re.Pattern[str], text: str):
    """Matches that may overlap: "to go to Tucson" must also be tried from its second "to"."""
    pos = 0
    while (m := regex.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _before_state(text: str):
    """`_overlapping(_BEFORE_STATE, text)`, tried only at the words on the line before a state:
    searching every word of a note for a town before a state was most of this recognizer's time."""
    starts: set[int] = set()
    for state in _overlapping(_STATE_AFTER, text):
        line_start = text.rfind("\n", 0, state.start()) + 1
        starts.update(w.start() for w in _WORD_START.finditer(text, line_start, state.start()))
    for start in sorted(starts):
        if (m := _BEFORE_STATE.match(text, start)) is not None:
            yield m


class CityRecognizer(EntityRecognizer):
    """CITY, and the ZIP code that follows "City, State"."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["CITY", "ZIP"], name="CityRecognizer", supported_language="en")

    def load(self) -> None:
        """Load the gazetteer and the country names at start-up."""
        warm_places()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Gazetteer cities with place context."""
        found: dict[tuple[int, int, str], float] = {}
        for regex, score in ((_BEFORE_STATE, 0.85), (_AFTER_PHRASE, 0.6), (_OF_AFTER_NAME, 0.6)):
            for m in _before_state(text) if regex is _BEFORE_STATE else _overlapping(regex, text):
                if "person" in regex.groupindex and not name_strength(m.group("person")):
                    continue
                mixed = regime_at(text, m.start("city")) == MIXED
                has_zip = "zip" in regex.groupindex and m.group("zip") is not None
                strong = score > 0.8
                span = self._longest_city(text, m.start("city"), m.end("city"), mixed, strong=strong)
                if span is None and has_zip:
                    span = self._last_proper(text, m.start("city"), m.end("city"), mixed)
                if span:
                    found[(*span, "CITY")] = max(score, found.get((*span, "CITY"), 0.0))
                if "zip" in regex.groupindex and m.group("zip"):
                    found[(*m.span("zip"), "ZIP")] = 0.9
        for m in _AFTER_STREET.finditer(text):
            mixed = regime_at(text, m.start("city")) == MIXED
            street = re.findall(r"[A-Za-z]+", m.group("street"))
            if any(w.lower() in _NOT_TOWN or is_clinical_term(w) for w in street):
                continue  # "16 and he has tolerated this well, ..." is no street line
            span = self._town_after_street(text, m.start("city"), m.end("city"), mixed)
            if span:
                found[(*span, "CITY")] = max(0.7, found.get((*span, "CITY"), 0.0))
        return [
            self._result(entity, s, e, score)
            for (s, e, entity), score in sorted(found.items())
            if (not entities or entity in entities)
            and not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in found)
        ]

    @staticmethod
    def _longest_city(text: str, start: int, end: int, mixed: bool, strong: bool) -> tuple[int, int] | None:
        # The captured run may hold more words than the city. Before a state the city ends the
        # run ("Sunset Blvd Wilsonfield, MA"); after a phrase it starts it ("Escondido last week").
        words = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", text[start:end]))
        for n in range(len(words), 0, -1):
            for i in (len(words) - n,) if strong else (0,):
                chunk = words[i : i + n]
                s, e = start + chunk[0].start(), start + chunk[-1].end()
                name = text[s:e]
                if not is_city(name) or is_region(name):
                    continue
                if mixed and not all(w.group()[0].isupper() for w in chunk):
                    continue
                single = n == 1
                if single and (is_clinical_term(name) or (not strong and is_common_word(name))):
                    continue
                return s, e
        return None

    @staticmethod
    def _last_proper(text: str, start: int, end: int, mixed: bool) -> tuple[int, int] | None:
        """"..., Wilsonfield, MA 06063": before a state and ZIP, the last word is a town even when
        the gazetteer does not know it (capitalized, in a mixed-case note)."""
        words = list(re.finditer(r"[A-Z][A-Za-z'-]+" if mixed else r"[A-Za-z][A-Za-z'-]+", text[start:end]))
        if not words or is_common_word(words[-1].group()) or is_clinical_term(words[-1].group()):
            return None
        return start + words[-1].start(), start + words[-1].end()

    @staticmethod
    def _town_after_street(text: str, start: int, end: int, mixed: bool) -> tuple[int, int] | None:
        """The words after a street line up to one that ends a name (capitalized, in mixed case)."""
        last = None
        for m in re.finditer(r"[A-Za-z][A-Za-z.'-]*", text[start:end]):
            word = m.group().rstrip(".")
            if word.lower() in _NOT_TOWN or is_clinical_term(word) or (mixed and not word[0].isupper()):
                break
            if is_state(word) and last is not None:
                break  # "Eugene OR 97401"
            last = start + m.start() + len(word)
        return (start, last) if last is not None else None

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        return make_result(self, entity, start, end, score, "gazetteer and place context")
