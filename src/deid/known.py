"""Row-known identifiers (client name, MRN, DOB, phone...): found wherever they appear in the note."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable, Iterator, Mapping

from deid.dates import parse_date
from deid.entities import ENTITIES, PERSON_ENTITIES
from deid.findings import Finding
from deid.normalize import View, view

RECOGNIZER = "KnownIdentifierRecognizer"
Known = Mapping[str, "str | Iterable[str] | None"]

_WORD = re.compile(r"[^\W\d_][\w'\-]*[^\W\d_]|[^\W\d_]{2,}", re.UNICODE)
_ALNUM = re.compile(r"[A-Za-z0-9]")
_SEPARATORS = r"[\s\-./()#:]*"
# Words that sit inside a stored name but are not themselves identifying.
_NAME_NOISE = frozenset({"mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv", "md", "phd"})


def find_known(text: str, known: Known | None) -> list[Finding]:
    """Every occurrence of every known value in `text`, case-insensitively, with its entity type."""
    if not known:
        return []
    # Values are looked for in the note and in its normalized view ("José" written "JOSE", or with
    # a soft hyphen inside); the note itself still counts, where the view glued two words together.
    note = view(text)
    searched = [note] if note.starts is None else [note, View(text, original_length=len(text))]
    spans: dict[tuple[int, int, str], None] = {}  # in order, without repeats
    for entity_type, values in known.items():
        if entity_type not in ENTITIES:
            raise ValueError(f"known: unknown entity type {entity_type!r}; allowed: {', '.join(ENTITIES)}")
        for value in _values(values):
            for written in dict.fromkeys((value, view(value).text)):
                pattern = _pattern(entity_type, written)
                for seen in searched if pattern is not None else ():
                    for start, end in _occurrences(pattern, seen.text):
                        spans[(*seen.span(start, end), entity_type)] = None
    return [Finding(start, end, entity_type, 1.0, RECOGNIZER) for start, end, entity_type in spans]


def _occurrences(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    # Leftmost matches alone can stop short of a value: in "0 0-0-000-0" the MRN 000000 matches
    # from the first 0 and leaves the last digit. A later match reaching further is kept too.
    reach, pos = 0, 0
    while (m := pattern.search(text, pos)) is not None:
        if m.end() > reach:
            yield m.start(), m.end()
            reach = m.end()
        pos = m.start() + 1


def _values(values: str | Iterable[str] | None) -> list[str]:
    if values is None or (isinstance(values, float) and math.isnan(values)):
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values if isinstance(v, str) or (v is not None and not _isnan(v))]


def _isnan(v: object) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _bounded(alternatives: list[str]) -> re.Pattern[str] | None:
    if not alternatives:
        return None
    # Longest first, so "Tom Reyes" is one span rather than "Tom" + "Reyes".
    body = "|".join(sorted(set(alternatives), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.IGNORECASE)


def _pattern(entity_type: str, value: str) -> re.Pattern[str] | None:
    value = value.strip()
    if not value:
        return None
    if entity_type in PERSON_ENTITIES:
        words = [w for w in _WORD.findall(value) if w.lower().strip(".") not in _NAME_NOISE]
        # Each half of a double-barrelled name is used alone too ("Ms. Jones" for "Smith-Jones").
        words += [p for w in words if "-" in w for p in w.split("-") if sum(map(str.isalpha, p)) >= 3]
        full = r"\s+".join(re.escape(w) for w in value.split())
        return _bounded([full, *(re.escape(w) for w in words)])
    if entity_type in ("DOB", "DATE"):
        return _bounded(_date_variants(value) or [_flexible(value)])
    if len(_ALNUM.findall(value)) < 3:
        return None  # too short to search for without flagging ordinary text
    if entity_type in ("PHONE_NUMBER", "FAX"):
        digits = "".join(_ALNUM.findall(value))
        national = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
        # Any punctuation, an optional +1 country code and an opening parenthesis.
        return _bounded([r"(?:\+?1[\s\-.]*)?\(?" + _flexible(national)])
    return _bounded([_flexible(value)])


def _flexible(value: str) -> str:
    # IDs and phones: same letters and digits, any punctuation or spacing between them.
    return _SEPARATORS.join(re.escape(c) for c in _ALNUM.findall(value))


def _date_variants(value: str) -> list[str]:
    parsed = parse_date(value)
    if parsed is None or None in (parsed.year, parsed.month, parsed.day):
        return []
    y, m, d = parsed.year, parsed.month, parsed.day
    yy = f"{y % 100:02d}"
    month = f"(?:{calendar.month_name[m]}|{calendar.month_abbr[m]}\\.?)"
    day = f"0?{d}"
    sep = r"[/\-.]"
    return [
        rf"0?{m}{sep}{day}{sep}(?:{y}|{yy})",
        rf"{y}{sep}0?{m}{sep}{day}",
        rf"{month}\s+{day}(?:st|nd|rd|th)?,?\s+(?:{y}|'?{yy})",
        rf"{day}(?:st|nd|rd|th)?[\s\-]+{month}[\s\-,]+(?:{y}|{yy})",
    ]
