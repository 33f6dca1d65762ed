"""Parse the date forms clinical notes use and write them back in the same format."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from deid.kit.patterns import compile_fast

# Month names and their abbreviations, lower case, by number ("april": 4, "apr": 4).
MONTH_NUMBERS = {m.lower(): i for names in (calendar.month_name, calendar.month_abbr) for i, m in enumerate(names) if m}
_MONTHS = {**MONTH_NUMBERS, "sept": 9}
# Every month word: full names and abbreviations, lower case.
MONTH_WORDS: frozenset[str] = frozenset(_MONTHS)
_FULL_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)
# A month name or abbreviation, without its period (the one month pattern of deid; case-insensitive use).
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MON = rf"(?P<mon>{MONTH})(?P<dot>\.?)"
_ORD = r"(?P<ord>st|nd|rd|th)?"

_FORMS = [
    # 2025-03-14, 2025/3/14
    re.compile(r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})$"),
    # 3/14, 03/14/2025, 3-14-25
    re.compile(r"^(?P<m>\d{1,2})(?P<sep>[-/.])(?P<d>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?$"),
    # 14.03.2025, 14/03/2025: day first, where the first number cannot be a month (a dotted date
    # may have a two-digit year; a slashed or hyphenated one needs four digits, "20/10/40" is a setting)
    re.compile(r"^(?P<d>\d{1,2})(?P<sep>\.)(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})$"),
    # 11/21.93: a period before the year
    re.compile(r"^(?P<m>\d{1,2})(?P<sep>/)(?P<d>\d{1,2})\.(?P<y>\d{4}|\d{2})$"),
    # 14-MAR-2025, 14 March 2025, 14 Mar
    re.compile(rf"^(?P<d>\d{{1,2}}){_ORD}(?P<sep>[- ]){_MON}(?:(?:(?P=sep)|,\s*)(?P<y>\d{{4}}|\d{{2}}))?$", re.I),
    # Mar 14th, March 14, 2025, Mar. 14 2025
    re.compile(rf"^{_MON}\s*(?P<d>\d{{1,2}}){_ORD}(?:(?P<ysep>,?\s*)(?P<y>\d{{4}}))?$", re.I),
    # March 2025, Mar-2025
    re.compile(rf"^{_MON}(?P<ysep>[\s,-]+(?:of\s+)?)(?P<y>\d{{4}})$", re.I),
    # 8/88, 11/1992: month and year
    re.compile(r"^(?P<m>\d{1,2})(?P<sep>/)(?P<y>\d{2}|\d{4})$"),
    # 1992, '92, 92'
    re.compile(r"^(?P<y>(?:19|20)\d{2})$"),
    re.compile(r"^'(?P<y>\d{2})$|^(?P<y2>\d{2})'$"),
    # the 14th: a day alone (no month to shift: removed)
    re.compile(r"^(?P<d>\d{1,2})(?P<ord>st|nd|rd|th)$", re.I),
]
# The time of day written right after a date: "2025-03-14 22:49:16", "2025-03-14T22:49Z",
# "03/14/2025 10:30 am". It belongs to the date (a timestamp) and is kept as written when shifted.
TIME_OF_DAY = compile_fast(
    r"(?:T|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]?[AaPp]\.?[Mm]\b\.?|Z|[+-]\d{2}:?\d{2})?(?![\d:])"
)
_TIME_AT_END = compile_fast(rf"(?:{TIME_OF_DAY.pattern})$")

# Dates without a year are shifted inside a leap year, so Feb 29 stays valid.
_REFERENCE_YEAR = 2000


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date found in text, its parts (any may be missing) and how to write it back."""

    year: int | None
    month: int | None
    day: int | None
    match: re.Match[str]
    time: str = ""  # a time of day after the date, as written

    def shifted(self, days: int) -> str | None:
        """The same text with the date moved by `days`, or None when it has no month to shift or leaves years 1-9999."""
        try:
            if self.month is None:
                if self.year is None:
                    return None
                # A year alone: move a mid-year date and keep its year.
                return str((date(self.year, 7, 2) + timedelta(days=days)).year) + self.time
            day = self.day or 15
            new = date(self.year or _REFERENCE_YEAR, self.month, day) + timedelta(days=days)
        except OverflowError:
            return None  # shifted out of years 1..9999: the caller removes it instead
        return self._render(new) + self.time

    def _render(self, new: date) -> str:
        g = self.match.groupdict()
        out = self.match.string
        # Rebuild from the original pieces, replacing each part in place (right to left).
        pieces = []
        # Zero-padded if any numeric part was written with a leading zero ("03/14" -> "04/03").
        padded = any((g.get(k) or "").startswith("0") for k in ("m", "d"))
        if g.get("y") is not None:
            y = str(new.year) if len(g["y"]) == 4 else f"{new.year % 100:02d}"
            pieces.append(("y", y))
        if g.get("m") is not None:
            pieces.append(("m", _pad(new.month, padded)))
        if g.get("mon") is not None:
            pieces.append(("mon", _month_like(new.month, g["mon"])))
        if g.get("d") is not None and self.day is not None:
            pieces.append(("d", _pad(new.day, padded)))
        if g.get("ord") is not None:
            pieces.append(("ord", _ordinal_like(new.day, g["ord"])))
        for name, value in sorted(pieces, key=lambda p: self.match.start(p[0]), reverse=True):
            out = out[: self.match.start(name)] + value + out[self.match.end(name) :]
        return out


def parse_date(text: str) -> ParsedDate | None:
    """Parse one date string in a clinical form; None when it is not one we can rewrite."""
    stripped = text.strip()
    time = _TIME_AT_END.search(stripped)
    clock = time.group() if time is not None else ""
    stripped = stripped[: len(stripped) - len(clock)]
    for form in _FORMS:
        match = form.match(stripped)
        if match is None:
            continue
        g = match.groupdict()
        if g.get("y2"):
            g["y"] = g["y2"]
        month = int(g["m"]) if g.get("m") else _MONTHS.get((g.get("mon") or "").lower())
        day = int(g["d"]) if g.get("d") else None
        year = _full_year(g["y"]) if g.get("y") else None
        try:
            # Only a missing part takes a default: a written 0 ("0/0", "00/00/0000") is no date.
            date(_REFERENCE_YEAR if year is None else year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            continue  # "8/88" is no month/day; it may still be month/year
        return ParsedDate(year=year, month=month, day=day, match=match, time=clock)
    return None


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    yy = int(text)
    # Two-digit years: notes are about the past, so 30..99 are 19xx.
    return 2000 + yy if yy < 30 else 1900 + yy


def _pad(value: int, padded: bool) -> str:
    return f"{value:02d}" if padded else str(value)


def _month_like(month: int, like: str) -> str:
    full = calendar.month_name[month]
    word = full if like.lower() in _FULL_MONTHS else full[:3]
    if like.isupper():
        return word.upper()
    if like.islower():
        return word.lower()
    return word


def _ordinal_like(day: int, like: str) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if like.isupper() else suffix
