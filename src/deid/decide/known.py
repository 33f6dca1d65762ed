"""Row-known identifiers (client name, MRN, DOB, phone...): found wherever they appear in the note.

Values are looked up in an index of the note built once (its lower-case text, its letters and
digits without punctuation, its dates): no regular expression is compiled per value (`deid.kit.lookup`).
"""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from itertools import accumulate

from deid.entities import ENTITIES, PERSON_ENTITIES
from deid.findings import Finding
from deid.kit.dates import MONTH_NUMBERS, parse_date
from deid.kit.lexicon import COMMON_WORDS, CREDENTIALS, HONORIFICS
from deid.kit.lookup import LowerText, Span, reaching
from deid.kit.normalize import View, view

RECOGNIZER = "KnownIdentifierRecognizer"
Known = Mapping[str, "str | Iterable[str] | None"]

_WORD = re.compile(r"[^\W\d_][\w'\-]*[^\W\d_]|[^\W\d_]{2,}", re.UNICODE)
_ALNUM = re.compile(r"[A-Za-z0-9]")
_ALNUM_SPLIT = re.compile(r"([A-Za-z0-9]+)")
# What may sit between the letters and digits of an ID, phone or date written loosely.
_SEPARATORS = re.compile(r"[\s\-./()#:]*")
# Words that sit inside a stored name but are not themselves identifying.
_NAME_NOISE = HONORIFICS | frozenset({"dr", "jr", "sr", "ii", "iii", "iv", "md", "phd"})
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
# A date in the forms a known date is looked for in: 4/2/88, 1988-04-02, April 2, 1988, 02-APR-1988.
_DATE = re.compile(
    # The lookahead on the first character halves the time of a search that finds nothing.
    rf"(?<![A-Za-z0-9])(?=[0-9{''.join(sorted({m[0] for m in MONTH_NUMBERS}))}])(?:"
    r"(?P<m1>\d{1,2})[/\-.](?P<d1>\d{1,2})[/\-.](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})[/\-.](?P<m2>\d{1,2})[/\-.](?P<d2>\d{1,2})"
    rf"|(?P<mon3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}}){_ORDINAL},?\s+'?(?P<y3>\d{{4}}|\d{{2}})"
    rf"|(?P<d4>\d{{1,2}}){_ORDINAL}[\s\-]+(?P<mon4>{_MONTH})\.?[\s\-,]+(?P<y4>\d{{4}}|\d{{2}})"
    r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def find_known(text: str, known: Known | None) -> list[Finding]:
    """Every occurrence of every known value in `text`, case-insensitively, with its entity type."""
    if not known:
        return []
    # Values are looked for in the note and in its normalized view ("José" written "JOSE", or with
    # a soft hyphen inside); the note itself still counts, where the view glued two words together.
    note = view(text)
    searched = [note] if note.starts is None else [note, View(text, original_length=len(text))]
    indexes = [(seen, _Index(seen.text)) for seen in searched]
    spans: dict[tuple[int, int, str], None] = {}  # in order, without repeats
    for entity_type, values in known.items():
        if entity_type not in ENTITIES:
            raise ValueError(f"known: unknown entity type {entity_type!r}; allowed: {', '.join(ENTITIES)}")
        for value in _values(values):
            for written in dict.fromkeys((value.strip(), view(value).text.strip())):
                for seen, index in indexes if written else ():
                    for start, end in reaching(_occurrences(entity_type, written, index)):
                        spans[(*seen.span(start, end), entity_type)] = None
    return [Finding(start, end, entity_type, 1.0, RECOGNIZER) for start, end, entity_type in spans]


def _occurrences(entity_type: str, value: str, index: _Index) -> Iterator[Span]:
    if entity_type in PERSON_ENTITIES:
        words = [w for w in _WORD.findall(value) if w.lower().strip(".") not in _NAME_NOISE]
        # Each half of a double-barrelled name is used alone too ("Ms. Jones" for "Smith-Jones").
        words += [p for w in words if "-" in w for p in w.split("-") if sum(map(str.isalpha, p)) >= 3]
        yield from index.words(value.split())
        for word in dict.fromkeys(words):
            yield from index.words([word])
        return
    if entity_type in ("DOB", "DATE") and (date := _ymd(value)) is not None:
        yield from index.dates(date)
        return
    characters = "".join(_ALNUM.findall(value))
    if len(characters) < 3:
        return  # too short to search for without flagging ordinary text
    if entity_type in ("PHONE_NUMBER", "FAX"):
        national = characters[1:] if len(characters) == 11 and characters.startswith("1") else characters
        # An optional +1 country code and an opening parenthesis belong to the number.
        for start, end in index.characters(national):
            yield index.before(start, "("), end
        for start, end in index.characters("1" + national):
            yield index.before(start, "+"), end
        return
    yield from index.characters(characters)


class _Index(LowerText):
    """One text, ready for lookups of many values: words, letters and digits, dates."""

    def __init__(self, text: str) -> None:
        super().__init__(text, joins=_ascii_alnum)

    def before(self, start: int, mark: str) -> int:
        """`start`, or one before it when `mark` is written there."""
        return start - 1 if start > 0 and self.text[start - 1] == mark else start

    @cached_property
    def _squeezed(self) -> tuple[str, list[int], list[int], list[int]]:
        """The text's letters and digits run together, lower-case, and for each run of them: where
        it starts in that string, where in the text, and how many gaps before it hold more than
        separators. (Built with C-level loops: a Python loop per run cost as much as the rest.)"""
        parts = _ALNUM_SPLIT.split(self.text)  # gap, run, gap, run, ..., gap
        gaps, runs = parts[0::2], parts[1::2]
        text_starts = list(accumulate(map(len, parts), initial=0))[1::2]
        squeezed_starts = list(accumulate(map(len, runs), initial=0))
        bad_gaps = list(accumulate(map(operator.not_, map(_SEPARATORS.fullmatch, gaps[1:-1])), initial=0))
        return "".join(runs).lower(), squeezed_starts, text_starts, bad_gaps

    def characters(self, characters: str) -> Iterator[Span]:
        """Where `characters` (letters and digits) are written with any separators between them."""
        squeezed, squeezed_starts, text_starts, bad_gaps = self._squeezed
        characters = characters.lower()
        at = squeezed.find(characters)
        while at >= 0:
            first = bisect_right(squeezed_starts, at) - 1
            last = bisect_right(squeezed_starts, at + len(characters) - 1) - 1
            start = text_starts[first] + at - squeezed_starts[first]
            end = text_starts[last] + at + len(characters) - squeezed_starts[last]
            if bad_gaps[first] == bad_gaps[last] and self.bounded(start, end):
                yield start, end
            at = squeezed.find(characters, at + 1)

    @cached_property
    def _dates(self) -> list[tuple[int, int, int, int, str]]:
        """Every date written in the text: start, end, month, day and year as written."""
        found = []
        pos = 0
        while (m := _DATE.search(self.text, pos)) is not None:
            g = {k[:-1]: v for k, v in m.groupdict().items() if v is not None}
            month = int(g["m"]) if "m" in g else MONTH_NUMBERS[g["mon"].lower()]
            found.append((m.start(), m.end(), month, int(g["d"]), g["y"]))
            pos = m.start() + 1
        return found

    def dates(self, date: tuple[int, int, int]) -> Iterator[Span]:
        """Where the date (year, month, day) is written, with a four- or two-digit year."""
        year, month, day = date
        for start, end, m, d, y in self._dates:
            if (m, d) == (month, day) and int(y) == (year if len(y) == 4 else year % 100):
                yield start, end


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _ymd(value: str) -> tuple[int, int, int] | None:
    parsed = parse_date(value)
    if parsed is None or None in (parsed.year, parsed.month, parsed.day):
        return None
    return parsed.year, parsed.month, parsed.day  # type: ignore[return-value]


def _values(values: str | Iterable[str] | None) -> list[str]:
    if values is None or (isinstance(values, float) and math.isnan(values)):
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values if isinstance(v, str) or (v is not None and not _isnan(v))]


def _isnan(v: object) -> bool:
    return isinstance(v, float) and math.isnan(v)


# Pieces of a known value worth looking for on their own: a run of 4+ digits and its last four,
# and for names a word of 3+ letters.
_DIGIT_PIECE = re.compile(r"\d{4,}")
_NAME_PIECE = re.compile(r"[^\W\d_]{3,}")


def left_in_text(text: str, value: str, entity_type: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a piece of a known value is written in `text` outside every span (start, end).

    What `find_known` finds is covered by a finding; this catches what it does not look for, such
    as the last four digits of a member or phone number. Dates are left out
    (their digits are years and days of ordinary text), and so are name words that are ordinary
    words ("Hope"), titles and credentials.
    """
    if entity_type in ("DATE", "DOB"):
        return False
    digits = _DIGIT_PIECE.findall(value)
    pieces = {*digits, *(run[-4:] for run in digits)}
    if entity_type in PERSON_ENTITIES:
        pieces |= {
            w.lower() for w in _NAME_PIECE.findall(value)
            if w.lower() not in COMMON_WORDS and w.upper() not in CREDENTIALS and w.lower() not in _NAME_NOISE
        }
    if not pieces:
        return False
    covered = sorted(spans)
    alternatives = "|".join(map(re.escape, sorted(pieces, key=len, reverse=True)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(text):
        if not any(start < m.end() and m.start() < end for start, end in covered):
            return True
    return False
