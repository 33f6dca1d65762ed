"""How a note is cased decides what capitalization can tell us about names."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

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


@lru_cache(maxsize=64)
def _regimes(text: str) -> tuple[list[int], list[str], str]:
    """Line starts, each line's regime and the note's, from one count of the letters.

    Cached: every recognizer asks about the same note.
    """
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


def regime_at(text: str, pos: int) -> str:
    """The casing of the line holding ``pos`` (the note's for a short line).

    Notes mix styles: a header in capitals over a body typed in lower case ("MR. EDWIN P... is an
    83 yr old male" then "social: ... suzette and ank"). Each line is judged on its own letters.
    """
    starts, regimes, note = _regimes(text)
    if not starts:
        return note
    return regimes[max(0, bisect_right(starts, pos) - 1)]
