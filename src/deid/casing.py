"""How a note is cased decides what capitalization can tell us about names."""

from __future__ import annotations

from functools import lru_cache

MIXED, UPPER, LOWER = "mixed", "upper", "lower"


@lru_cache(maxsize=64)
def case_regime(text: str) -> str:
    """'upper' when nearly all letters are capitals, 'lower' when nearly none are, else 'mixed'.

    Cached: every recognizer asks about the same note.
    """
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    letters = upper + lower
    if letters == 0:
        return MIXED
    if lower <= 0.1 * letters:
        return UPPER
    if upper <= 0.01 * letters:
        return LOWER
    return MIXED
