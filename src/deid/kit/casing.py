"""How a note is cased decides what capitalization can tell us about names."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from deid.kit.lexicon import may_be_lowercase_name
from deid.kit.names import usual_form
from deid.kit.patterns import compile_fast

MIXED, UPPER, LOWER = "mixed", "upper", "lower"

# A line with fewer letters ("Neuro: A&O") says too little about its own casing: it takes the note's.
_MIN_LINE_LETTERS = 25


def _regime(upper: int, lower: int) -> str:
    letters = upper + lower
    if letters == 0:
        return MIXED
    if lower <= 0.1 * letters:
        return UPPER
    if upper <= 0.01 * letters:
        return LOWER
    return MIXED


def case_regime(text: str) -> str:
    """'upper' when nearly all letters are capitals, 'lower' when nearly none are, else 'mixed'."""
    return _regimes(text)[2]


# The note being analyzed, its casing and what `per_note` functions made of it, while the detector
# runs the recognizers over it: every recognizer asks about the same note, and nothing of it is
# kept once the note is done (no cache outlives the note).
_NOTE: ContextVar[tuple[str, tuple[list[int], list[str], str], dict[Any, Any]] | None] = ContextVar(
    "deid_note_casing", default=None
)
_T = TypeVar("_T")


@contextmanager
def note_casing(text: str) -> Iterator[None]:
    """Within this block, the casing of `text` is counted once for every question about it, and
    each `per_note` function computes once per text it is asked about."""
    token = _NOTE.set((text, _count(text), {}))
    try:
        yield
    finally:
        _NOTE.reset(token)


def per_note(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """`function(text)` computed once per text inside a `note_casing` block (the note, its
    truecased copy, a window of it), forgotten when the block ends; outside one, every time."""

    @wraps(function)
    def once(text: str) -> _T:
        current = _NOTE.get()
        if current is None:
            return function(text)
        memo = current[2]
        key = (function, text)
        if key not in memo:
            memo[key] = function(text)
        return memo[key]

    return once


def noted() -> str | None:
    """The note whose casing `note_casing` holds now (None outside it)."""
    current = _NOTE.get()
    return None if current is None else current[0]


def _regimes(text: str) -> tuple[list[int], list[str], str]:
    """Line starts, each line's regime and the note's: the note's own (see `note_casing`), else counted."""
    current = _NOTE.get()
    if current is not None and (current[0] is text or current[0] == text):
        return current[1]
    return _count_once(text)


def _count(text: str) -> tuple[list[int], list[str], str]:
    """Line starts, each line's regime and the note's, from one count of the letters."""
    counts = [
        (sum(map(str.isupper, line)), sum(map(str.islower, line)), len(line))
        for line in text.splitlines(keepends=True)
    ]
    note = _regime(sum(c[0] for c in counts), sum(c[1] for c in counts))
    starts: list[int] = []
    regimes: list[str] = []
    pos = 0
    for upper, lower, length in counts:
        starts.append(pos)
        regimes.append(_regime(upper, lower) if upper + lower >= _MIN_LINE_LETTERS else note)
        pos += length
    return starts, regimes, note


_count_once = per_note(_count)


def regime_at(text: str, pos: int) -> str:
    """The casing of the line holding ``pos`` (the note's for a short line).

    Notes mix styles: a header in capitals over a body typed in lower case ("MR. EDWIN P... is an
    83 yr old male" then "social: ... suzette and ank"). Each line is judged on its own letters.
    """
    starts, regimes, note = _regimes(text)
    if not starts:
        return note
    return regimes[max(0, bisect_right(starts, pos) - 1)]


_WORD = compile_fast(r"[A-Za-z]+")
_SENTENCE_END = compile_fast(r"[.!?:]\s*$")


@per_note
def truecase(text: str) -> str:
    """The text with each line written all in capitals or all in lower case restored to the case
    its words usually take (spaCy's lexeme probabilities), same length, mixed-case lines as they are.

    "MET WITH DR OKAFOR AND HIS WIFE" -> "Met with Dr Okafor and his wife": a word too rare to know
    is written as a proper noun (names are), except a short one without vowels (an abbreviation).
    The first word of a sentence is capitalized. NER and the shape of names read this text.
    """
    starts, regimes, _ = _regimes(text)
    if all(r == MIXED for r in regimes):
        return text
    out: list[str] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        line = text[start:end]
        out.append(line if regimes[k] == MIXED else _truecase_line(line))
    return "".join(out)


def restore_word(word: str) -> str:
    """A word as it is usually written; a word too rare to know as a proper noun is (names are),
    unless it is a short one without vowels (an abbreviation), the plural of a lower-case word or
    has a word's ending ("-itis")."""
    form = usual_form(word)
    if form is not None:
        return form
    # A plural the table lacks of a word it writes in lower case ("HEMATOCRITS"): a word too.
    for stem in (word[:-1], word[:-2]) if word[-1:] in "sS" else ():
        if (form := usual_form(stem)) is not None and form.islower():
            return word.lower()
    if len(word) <= 3 and not any(c in "aeiouyAEIOUY" for c in word):
        return word.upper()
    if not may_be_lowercase_name(word):
        return word.lower()
    return word.capitalize()


def _truecase_line(line: str) -> str:
    pieces: list[str] = []
    at = 0
    for m in _WORD.finditer(line):
        form = restore_word(m.group())
        if form.islower() and (not line[:m.start()].strip() or _SENTENCE_END.search(line, 0, m.start())):
            form = form.capitalize()
        pieces += [line[at : m.start()], form]
        at = m.end()
    pieces.append(line[at:])
    return "".join(pieces)
