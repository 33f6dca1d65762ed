"""How a note is cased decides what capitalization can tell us about names."""

from __future__ import annotations

MIXED, UPPER, LOWER = "mixed", "upper", "lower"


def case_regime(text: str) -> str:
    """'upper' when nearly all letters are capitals, 'lower' when nearly none are, else 'mixed'."""
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    letters = upper + lower
    if letters == 0:
        return MIXED
    if lower <= 0.1 * letters:
        return UPPER
    if upper <= 0.01 * letters:
        return LOWER
    return MIXED
