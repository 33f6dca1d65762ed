"""Case-insensitive whole-word lookups of values in one text, with no regex compiled per value.

Row-known identifiers and a note's repeated names are values taken from each note's own data. A
regular expression compiled for each cost about a millisecond (a fifth of deid's time when every
note comes with its own client) and left the values in `re`'s module cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from deid.kit.patterns import compile_fast

Span = tuple[int, int]
_SPACES = compile_fast(r"\s+")


def lower_same_length(text: str) -> str:
    """`text` in lower case, character for character ("İ" lowers to two characters: kept as is)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class LowerText:
    """One text and its lower case; a value is found where no letter or digit (`joins`) touches it."""

    def __init__(self, text: str, joins: Callable[[str], bool] = str.isalnum) -> None:
        self.text = text
        self.lower = lower_same_length(text)
        self._joins = joins

    def bounded(self, start: int, end: int) -> bool:
        """Whether text[start:end] is no part of a longer word or number."""
        text = self.text
        return not (start > 0 and self._joins(text[start - 1])) and not (end < len(text) and self._joins(text[end]))

    def words(self, words: list[str]) -> Iterator[Span]:
        """Where `words` are written in a row, separated by white space, in any case."""
        if not words:
            return
        first, rest = lower_same_length(words[0]), [lower_same_length(w) for w in words[1:]]
        at = self.lower.find(first)
        while at >= 0:
            end = at + len(first)
            for word in rest:
                gap = _SPACES.match(self.lower, end)
                if gap is None or not self.lower.startswith(word, gap.end()):
                    break
                end = gap.end() + len(word)
            else:
                if self.bounded(at, end):
                    yield at, end
            at = self.lower.find(first, at + 1)


def reaching(spans: Iterable[Span]) -> Iterator[Span]:
    """The spans by start, the longest first, each kept only if it reaches past those before it
    (as a search from each match's start + 1 would find them)."""
    reach = 0
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if end > reach:
            yield start, end
            reach = end
