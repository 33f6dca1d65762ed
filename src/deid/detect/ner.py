"""spaCy NER adapted to clinical notes: trusted only where its training (mixed-case text) holds."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from deid.kit.casing import MIXED, case_regime
from deid.kit.clinical import is_clinical_term, without_contraction
from deid.kit.name_shape import CLINICAL_SHARE, clinical_share, inside_sentence, is_proper_word
from deid.kit.names import is_common_word, name_strength
from deid.kit.places import is_city, is_region

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# NER sees this much of the line on each side of a word it might explain: enough for its context.
WINDOW_CHARS = 160


def ner_windows(text: str, covered: Sequence[tuple[int, int]], share: float | None = None) -> list[tuple[int, int]]:
    """The stretches of a note where spaCy's NER could add a name or place the other recognizers missed.

    NER is trusted only on mixed-case text, and `_plausible` keeps a span only for a city or a
    proper word (capitalized, neither an ordinary English word nor a clinical term) that is a
    known name or stands next to another proper word. So NER runs only around such a word when
    no other recognizer covered it (`covered`: spans found already): a window of its line,
    WINDOW_CHARS either side, whole words; overlapping windows merge. `share` is the text's
    `clinical_share`, when the caller has it already.
    """
    if case_regime(text) != MIXED:
        return []  # a note in capitals or lower case is read truecased, unless it is clinical shorthand
    starts, ends = _merged(covered)
    words = [
        (m.start(), m.end(), without_contraction(m.group()))
        for m in _WORD.finditer(text)
        if m.group()[0].isupper()
    ]
    proper = [_proper(word) for _, _, word in words]
    # In telegraphic clinical notes a capitalized unknown word is as often a drug or jargon.
    by_shape = (clinical_share(text) if share is None else share) < CLINICAL_SHARE
    windows: list[tuple[int, int]] = []
    for k, (at, stop, word) in enumerate(words):
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < ends[i]:
            continue
        paired = proper[k] and any(
            0 <= j < len(words) and proper[j] and _adjacent(text, *sorted((words[k][:2], words[j][:2])))
            for j in (k - 1, k + 1)
        )
        shaped = by_shape and is_proper_word(word) and inside_sentence(text, at)  # "with Thembile": any culture
        if not (paired or shaped or (proper[k] and name_strength(word)) or (is_city(word) and _mid_sentence(text, at, stop))):
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", stop)
        line_end = len(text) if line_end < 0 else line_end
        start, end = max(line_start, at - WINDOW_CHARS), min(line_end, stop + WINDOW_CHARS)
        if start > line_start:  # whole words only
            start = text.find(" ", start, at) + 1 or at
        if end < line_end:
            cut = text.rfind(" ", stop, end)
            end = cut if cut >= 0 else stop
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _proper(word: str) -> bool:
    """A capitalized word that is not an acronym, an ordinary English word or a clinical term."""
    return (
        word[:1].isupper()
        and not (word.isupper() and len(word) <= 3)
        and not is_common_word(word)
        and not is_clinical_term(word)
    )


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """Whether a word sits inside a sentence: capitalized there, a town's name (Okay, Deal and Home
    are towns too) rather than a first word or a label ("Counselor:")."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return bool(before) and (before[-1].isalpha() or before[-1] == ",") and text[end : end + 1] != ":"


def _adjacent(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    gap = text[first[1] : second[0]]
    return len(gap) <= 2 and "\n" not in gap


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


class NoteSpacyRecognizer(SpacyRecognizer):
    """Presidio's SpacyRecognizer, minus what NER gets wrong on notes.

    The filtering happens here, before Presidio merges duplicate spans across recognizers:
    dropping an NER span afterwards would also drop an identical span that a lexicon
    recognizer found.
    """

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """spaCy's entities cut at line breaks, without implausible names.

        The Detector hands it only `ner_windows` of mixed-case text: notes in capitals or lower
        case with their case restored, except clinical shorthand, where spaCy tags headers and
        abbreviations (CV, Neuro, Foley) and the lexicon recognizers decide alone.
        """
        kept = []
        by_shape = clinical_share(text) < CLINICAL_SHARE
        for result in super().analyze(text, entities, nlp_artifacts):
            # NER runs entities across line breaks ("Raman, PsyD\n\nS: Client"); names do not.
            newline = text.find("\n", result.start, result.end)
            if newline > result.start:
                result.end = result.start + len(text[result.start : newline].rstrip())
            if _plausible(result.entity_type, text[result.start : result.end], by_shape=by_shape):
                kept.append(result)
        return kept


def _plausible(entity_type: str, span: str, *, by_shape: bool) -> bool:
    if entity_type == "PERSON" and any(c.isdigit() for c in span):
        return False  # an ID or a log line, never a name (presidio 786, 1173)
    proper = [w for w in _WORD.findall(span) if _proper(w)]
    if entity_type == "PERSON":
        # A known name word, two unknown capitalized words ("Xiaoming Zhang"), or one with the
        # shape of a name (no dictionary knows it: not "Wean", "Ortho", a drug or an acronym).
        return any(name_strength(w) or (by_shape and is_proper_word(w)) for w in proper) or len(proper) >= 2
    if entity_type == "LOCATION":
        # States and countries are not identifiers; a single unknown capitalized word is more
        # often a drug or a misspelling (Ceftaz, Levoquin) than a town.
        return not is_region(span) and (is_city(span) or len(proper) >= 2 or (by_shape and any(map(is_proper_word, proper))))
    return bool(proper)
