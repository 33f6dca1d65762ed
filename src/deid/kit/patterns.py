"""Faster regexes with the same matches: a look-ahead on a pattern's first characters, and word
lists as prefix trees.

Most recognizer patterns open with a keyword alternation ("(?:phone|tel|mobile|cell)") behind a
``\\b`` or a look-behind, and Python's `re` tries the whole alternation at every word of a note
(under IGNORECASE it cannot even skip a branch on its first letter). A look-ahead on the
characters a match can start with (``(?=[cmpt])``) rejects most positions with one set lookup.
The set is read off the parsed pattern, so it is always complete: a pattern whose first
character could be anything, or that could match an empty string, is left as it is.

For the same reason a list of words written as "alabama|alaska|arizona|..." is slow wherever it is
tried; `word_trie` writes it as a prefix tree ("a(?:la(?:bama|ska)|rizona)|..."), which tries
each letter once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from re import _constants as C  # the regex parser's opcodes
from re import _parser as P

# Past this many distinct letters (case-folded) a look-ahead rejects too few positions to pay: on
# notes a 19-23 letter look-ahead still made its pattern 10-45% faster, any letter (26) slower.
MAX_FIRST = 23
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op)


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with, as written in it (case variants are
    the look-ahead's business), or None when that is not a short list of characters."""
    try:
        return _first(list(P.parse(pattern, flags)))
    except Exception:  # noqa: BLE001 - a parser this code cannot read only costs the look-ahead
        return None


def with_first_chars(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a look-ahead on its first characters (`first_chars`); unchanged when they
    are unknown or too many. Matches, groups and spans are the same."""
    chars = first_chars(pattern, flags)
    if not chars or len({c.lower() for c in chars}) > MAX_FIRST or _global_flags(pattern):
        return pattern
    # Case-insensitive whatever the pattern's own flags: a superset of its first characters.
    return "(?i:(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "]))" + pattern


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile` of `pattern` behind the look-ahead of `with_first_chars`."""
    return re.compile(with_first_chars(pattern, flags), flags)


def _global_flags(pattern: str) -> bool:
    """Whether the pattern opens with global inline flags ("(?i)..."), which must stay first."""
    return re.match(r"\(\?[aiLmsux]+\)", pattern) is not None


def _first(items: list) -> frozenset[str] | None:
    """First characters of a parsed sequence: those of its first consuming item, past zero-width
    ones (``\\b``, ``^``, look-arounds); None when that item may be empty or match anything."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            return frozenset(chr(av))
        if op is C.IN:
            return _charset(av)
        if op is C.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:
                chars = _first(list(alternative))
                if chars is None:
                    return None
                out |= chars
            return frozenset(out)
        if op is C.SUBPATTERN:
            return _first(list(av[3]))
        if op in _REPEATS:
            low, _, sub = av
            return _first(list(sub)) if low > 0 else None
        return None  # ANY, NOT_LITERAL, a group reference, a conditional: anything may come first
    return None  # nothing consumes: the pattern may match an empty string


def _charset(items: list) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 64:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a negated set, a category (\w, \d), a wide range
    return frozenset(out)


def word_trie(words: Iterable[str], space: str = r"\s") -> str:
    """A regex alternation matching exactly `words` (literal strings), as a prefix tree; a space
    in a word matches `space`. No word may be a prefix of another (the tree would prefer the
    longer one, an alternation the one listed first): a ValueError says which."""
    ordered = sorted(set(words))
    for shorter, longer in pairwise(ordered):
        if longer.startswith(shorter):
            raise ValueError(f"word_trie: {shorter!r} is a prefix of {longer!r}")
    tree: dict = {}
    for word in ordered:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
    return _tree(tree, space)


def _tree(node: dict, space: str) -> str:
    """The alternation below one node: a branch per next letter, the letter and its own subtree."""
    branches = [(space if ch == " " else re.escape(ch)) + _tree(child, space) for ch, child in sorted(node.items())]
    if len(branches) <= 1:
        return "".join(branches)  # a word's end, or one letter that every word below shares
    return "(?:" + "|".join(branches) + ")"
