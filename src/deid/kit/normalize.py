"""The normalized view of a note that detection reads, and the way back to the note's offsets.

Recognizers are written for ASCII letters and English lexicons. The view gives them "Jose
Hernandez" for "José Hernández", "Maria" for "Mаria" with a Cyrillic а, and "John" for "Jo<ZWSP>hn":
invisible characters are dropped, NFKC applied, letters of cased scripts (Latin, Greek, Cyrillic,
Armenian...) and punctuation transliterated to ASCII with anyascii. Letters of uncased scripts
(Arabic, Hebrew, CJK...) stay as they are: "mhmd" for "محمد" is no name any rule can judge.
Redaction still happens on the original text: every view span maps back to the original span.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass, replace
from functools import lru_cache

from anyascii import anyascii

from deid.findings import Finding
from deid.kit.patterns import compile_fast

# Characters the view changes: anything beyond ASCII, and controls other than tab and newlines.
_SPECIAL = compile_fast(r"[^\t\n\r\x20-\x7e]+")
# Scripts with upper and lower case, whose letters anyascii spells in ASCII letters.
_CASED_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "COPTIC", "GLAGOLITIC"})
_LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_MICRO = "\u00b5"  # a unit letter: NFKC and anyascii would make "5 µg" into "5 mg"
_DROP, _MARK = "", None  # a dropped character; a combining mark that joins the previous one


@dataclass(frozen=True, slots=True)
class View:
    """The normalized text and, per view character, the original span it came from (None: identity)."""

    text: str
    starts: array | None = None
    ends: array | None = None
    original_length: int = 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of view[start:end]; invisible characters inside it are inside, at its edges outside."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            point = self.starts[start] if start < len(self.starts) else self.original_length
            return point, point
        return self.starts[start], self.ends[end - 1]

    def to_original(self, findings: list[Finding]) -> list[Finding]:
        """The same findings, with offsets in the original text."""
        if self.starts is None:
            return findings
        return [replace(f, start=s, end=e) for f in findings for s, e in [self.span(f.start, f.end)]]


def view(text: str) -> View:
    """The normalized view of `text`; the text itself when it is plain ASCII (most notes)."""
    if text.isascii() and _SPECIAL.search(text) is None:
        return View(text, original_length=len(text))
    pieces: list[str] = []
    starts, ends = array("l"), array("l")
    cursor = 0
    for run in _SPECIAL.finditer(text):
        # Plain stretches are copied whole; only the special characters go one by one.
        pieces.append(text[cursor : run.start()])
        starts.extend(range(cursor, run.start()))
        ends.extend(range(cursor + 1, run.start() + 1))
        for i in range(run.start(), run.end()):
            folded = _fold(text[i])
            if folded is _MARK:
                if ends and ends[-1] == i:
                    ends[-1] = i + 1  # a diacritic belongs to its letter, inside any span of it
                continue
            if len(folded) > 1 and text[i].isupper() and _upper_near(text, i):
                folded = folded.upper()  # "ЖУКОВ" -> "ZHUKOV", not "ZhUKOV"
            pieces.append(folded)
            starts.extend([i] * len(folded))
            ends.extend([i + 1] * len(folded))
        cursor = run.end()
    pieces.append(text[cursor:])
    starts.extend(range(cursor, len(text)))
    ends.extend(range(cursor + 1, len(text) + 1))
    return View("".join(pieces), starts, ends, len(text))


def _upper_near(text: str, i: int) -> bool:
    return any(0 <= j < len(text) and text[j].isupper() for j in (i - 1, i + 1))


@lru_cache(maxsize=4096)
def _fold(char: str) -> str | None:
    """What one character becomes in the view: a string (empty when dropped) or _MARK."""
    category = unicodedata.category(char)
    if char.isspace():
        # Form feeds, separators, NEL: a boundary between words stays one.
        return "\n" if char in _LINE_BREAKS else " "
    if category in ("Cf", "Cc") or _is_variation_selector(char):
        return _DROP  # zero-width spaces and joiners, soft hyphens, BOM, bidi marks, NUL...
    if category[0] == "M":
        # Diacritics on cased letters fold away with their letter; in other scripts a mark is
        # part of the letter ("कि"), so it stays.
        return _MARK if _diacritic(char) else char
    if category[0] == "L" and char != _MICRO:
        return "".join(_fold_letter(c) for c in unicodedata.normalize("NFKC", char))
    if category[0] in "PZ":
        return anyascii(unicodedata.normalize("NFKC", char)) or char
    if category == "Nd":
        return unicodedata.normalize("NFKC", char)  # full-width digits; other digits stay
    return char  # symbols and other numbers: "°" is not "deg", "²" is not "2"


def _fold_letter(char: str) -> str:
    if unicodedata.category(char)[0] == "M":
        return _DROP if _diacritic(char) else char
    if char.isascii() or not _cased_script(char):
        return char
    return anyascii(char) or char


def _cased_script(char: str) -> bool:
    return unicodedata.name(char, "").split(" ", 1)[0] in _CASED_SCRIPTS


def _diacritic(mark: str) -> bool:
    # Combining marks shared by all scripts (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF,
    # U+FE20-FE2F) are diacritics; marks of a script's own block (Devanagari vowel signs) are not.
    return any(low <= ord(mark) <= high for low, high in _DIACRITIC_BLOCKS)


_DIACRITIC_BLOCKS = ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))


def _is_variation_selector(char: str) -> bool:
    o = ord(char)
    return 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF
