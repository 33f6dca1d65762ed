"""Dates in the forms clinical notes use: 3/14, 03/14/2025, 2025-03-14, Mar 14th, 14-MAR-2025, March 2025."""

import re
from datetime import date

from deid.kit.base import RegexRecognizer
from deid.kit.dates import MONTH, TIME_OF_DAY, parse_date
from deid.kit.patterns import compile_fast

_MON = rf"{MONTH}\.?"
_ORD = r"(?:st|nd|rd|th)?"
# Days as ordinal words ("the fourteenth", "March twenty-first").
_ORD_WORD = (
    r"(?:(?:twenty[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|thirty[- ]?first)"
)
# A month name that is no verb or modal: "may", "march" only capitalized.
_MON_NAME = _MON.replace("may|", "(?-i:May|MAY)|").replace("mar(?:ch)?", "mar(?!ch)|(?-i:March|MARCH)")


_SLASH_PAIR = compile_fast(r"\d{1,2}/\d{1,2}")
_YEAR = compile_fast(r"\d{4}")
_TIME_BEFORE = compile_fast(
    r"(?:\b(?:at|from|to|until|till|by|due|approx|aprox|approximately)\.?|@|-|–|~|>)\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = compile_fast(r"\s*(?:(?:-|–|to)\s*\d{4}\b|hrs?\b|h\b|:)", re.IGNORECASE)
# Words that make "a/b" a setting, score or ratio rather than a date.
_RATIO_BEFORE = compile_fast(
    r"\b(?:psv|ps|ips|cpap|peep|simv|imv|ac|prvc|vent|bipap|bi-pap|flowby|settings?|pain|rated|rates|scale|"
    r"score|level|strength|ratio|x|cp|angina|discomfort|c/o|co/ci)\b[^;\n]{0,20}$",
    re.IGNORECASE,
)
_VENT_BEFORE = compile_fast(r"\b(?:ps|ips|psv|cpap|peep|bipap|bi-pap)\b[^;\n]{0,16}$", re.IGNORECASE)
_RATIO_AFTER = compile_fast(
    r"\s?(?:up|down|of|strength|ns|mg|mcg|cc|ml|%|th\b|x\b|sem\b|murmur|cp\b|ips\b|psv\b|angina)|[^.;\n]{0,15}\bpain\b",
    re.IGNORECASE
)
# Events a past history dates by year, written by hand from clinical vocabulary.
_PAST_EVENTS = (
    r"mi|cva|tia|cabg|ptca|pci|stents?|avr|mvr|dvt|pe|chf|ca|cancer|appy|appendectomy|chole|"
    r"cholecystectomy|tah|hysterectomy|tkr|thr|orif|fx|fracture|mva|stroke|lobectomy|nephrectomy|"
    r"mastectomy|lumpectomy|colectomy|repair|removal|transplant|surgery|dx|diagnosed|ppm|aicd"
)
_PAST_HISTORY = compile_fast(r"(?=[PpHh])\b(?:pmh|pmhx|psh|pshx|past\s+(?:medical|surgical)|hx|history)\b", re.IGNORECASE)
_DATE_BEFORE = compile_fast(
    r"\b(?:on|since|until|till|from|by|dated|signed|seen|due|starting|started|effective|thru|through|"
    r"placed|inserted|drawn|done|performed|admitted|admit|discharged|changed|last|next)\s+$",
    re.IGNORECASE,
)


_DAY_PAIR = compile_fast(r"(\d{1,2})/(\d{1,2})/(\d{1,2})/(\d{1,2})")
_DAY_RANGE = compile_fast(r"\d{1,2}\s*(?:->|-|–|to)\s*(?=\d{1,2}\D*[A-Za-z])")  # then a day and a month
_MONTH_DAY_HYPHEN = compile_fast(r"\d{1,2}-\d{1,2}")
# Words before a hyphenated month-day that rarely precede a range ("by 2-6", "from 7-8 pm" do).
_HYPHEN_DATE_BEFORE = compile_fast(
    r"\b(?:on|since|dated|started|starting|placed|inserted|done|performed|admitted|discharged)\s+$", re.IGNORECASE
)
_ORD_WORD_RE = compile_fast(rf"(?=[TtFfSsEeNn])\b{_ORD_WORD}\b", re.IGNORECASE)
# "version 2.1.20", "v 1.2.10": release numbers, not dates.
_VERSION_BEFORE = compile_fast(r"\b(?:version|ver|release|build|v)\.?\s*$", re.IGNORECASE)
_PAUSE_AFTER = compile_fast(
    r"\s*(?:[,.;)](?!\d)|$)|\s+(?:for|at|and|with|when|after|before|then|but|where|pt|he|she|s/p)\b", re.IGNORECASE
)


def _consecutive(pair: re.Match[str]) -> bool:
    """Whether "m/d/m/d" is two real dates, the second within a month after the first ("10/03/10/04")."""
    m1, d1, m2, d2 = (int(g) for g in pair.groups())
    try:
        first, second = date(2000, m1, d1), date(2000 if m2 >= m1 else 2001, m2, d2)
    except ValueError:
        return False
    return 0 < (second - first).days <= 31


class ClinicalDateRecognizer(RegexRecognizer):
    """DATE; each match must parse as a real calendar date (no month 13, no 120/80 blood pressure)."""

    ENTITY = "DATE"
    NAME = "ClinicalDateRecognizer"
    PATTERNS = [
        (r"(?=\d)(?<![\d/.-])(?P<value>\d{4}-\d{1,2}-\d{1,2})(?![\d/-])", 0.9),
        # 2025.03.14, 03.14.2025, 14.03.2025, 3.14.25 (not "7.35.40" or "0.5.1": see accept).
        (r"(?=\d)(?<![\w.])(?P<value>\d{4}\.\d{1,2}\.\d{1,2}|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}))(?![\w]|\.\d)", 0.8,
         r"\d\.\d{1,2}\.\d"),
        # "March fourteenth", "the twenty-first of May": a day in words, with its month.
        (rf"(?=[^\W\d_])\b(?P<value>{_MON_NAME}\s+(?:the\s+)?{_ORD_WORD}|{_ORD_WORD}\s+of\s+{_MON_NAME})\b", 0.75,
         rf"(?=[TtFfSsEeNn])\b{_ORD_WORD}\b"),
        # "11/21.93": a period before the year.
        (r"(?=\d)(?<![\d/.])(?P<value>\d{1,2}/\d{1,2}\.(?:\d{4}|\d{2}))(?![\d./])", 0.85),
        # "TREATMENTS 10/03/10/04": two days written as one (see accept).
        (r"(?=\d)(?<![\d/.])(?P<value>\d{1,2}/\d{1,2}/\d{1,2}/\d{1,2})(?![\d/])", 0.7),
        # "1->2 nov, 96", "3-4 March": a range of days before a month.
        (rf"(?=\d)\b(?P<value>\d{{1,2}}\s*(?:->|-|–|to)\s*\d{{1,2}}{_ORD}[- ]{_MON}(?:(?:[- ]|,\s*)(?:\d{{4}}|\d{{2}}))?)\b", 0.85),
        # "returned to OR on 7-8 for coiling": month-day after a date word (see accept).
        (r"(?=\d)(?<![\d/.-])(?P<value>\d{1,2}-\d{1,2})(?![\d/-])", 0.6),
        (r"(?=\d)(?<![\d/.])(?<!\d-)(?P<value>\d{1,2}([/-])\d{1,2}\2(?:\d{4}|\d{2}))(?![\d/-])", 0.9),
        # Month/day without a year is weaker evidence (fractions, ratios). "HX:8/30", "MVA 12/07:"
        # are dates; "10:30/..." and "3-1/2" are not.
        (r"(?=\d)(?<![\d/.'+#])(?<!\d[:-])(?P<value>\d{1,2}/\d{1,2})(?![\d/A-Za-z]|[.:]\d)", 0.6),
        (rf"(?=[^\W\d_])\b(?P<value>{_MON}\s*\d{{1,2}}{_ORD}(?:,?\s*\d{{4}})?)(?![\d:])", 0.85),
        (rf"(?=\d)\b(?P<value>\d{{1,2}}{_ORD}(?:[- ]){_MON}(?:(?:[- ]|,\s*)(?:\d{{4}}|\d{{2}}))?)\b", 0.85),
        (rf"(?=[^\W\d_])\b(?P<value>{_MON}[\s,-]+(?:of\s+)?\d{{4}})\b", 0.8),
        # Month/year: 8/88, 11/92 (the second number cannot be a day).
        (r"(?=\d)(?<![\d/.:'-])(?P<value>(?:0?[1-9]|1[0-2])/(?:3[2-9]|[4-9]\d|0\d))(?![\d/:]|\.\d)", 0.7),
        # Years: "MI 1992", "CVA 2004"; and '92, 92' as in "s/p CABG '95", "CVA 74'".
        (r"(?=\d)(?<![\d#$.,/-])(?P<value>(?:19[0-9]\d|20[0-3]\d))(?![\d/+-]|[.,:]\d|\s*(?:mg|mcg|ml|cc|units?|kcal|cal|calories|mls|g\b|kg|meq|%|lbs?|pts?))", 0.5),
        (r"(?<![\w'])(?P<value>'\d{2})(?![\w'])", 0.6),
        # Two-digit years of past events in a history section: "PMH: CABG 81, MI 92" (see accept;
        # a note that names no history section skips these).
        (rf"(?=[^\W\d_])\b(?:{_PAST_EVENTS})\s+(?:in\s+)?(?P<value>\d{{2}})\b(?![%.,:/-]?\d|\s*(?:%|x\b|mg|cc|ml|units?))", 0.5,
         _PAST_HISTORY.pattern),
        # ... and the year listed after it: "CVA in 94 and 00".
        (rf"(?=[^\W\d_])\b(?:{_PAST_EVENTS})\s+(?:in\s+)?\d{{2}}\s*(?:,|&|and)\s*(?P<value>\d{{2}})\b(?![%.,:/-]?\d|\s*(?:%|x\b|mg|cc|ml|units?))", 0.5,
         _PAST_HISTORY.pattern),
        # "the 14th", "on the 3rd." (not "the 5th floor", "the 2nd dose").
        (r"\bthe\s+(?P<value>(?:[12]?\d|3[01])(?:st|nd|rd|th))\b"
         r"(?!\s+(?!(?:of|at|and|or|to|in|for|when|with|until|by)\b)[a-z])", 0.6),
        # "CVA 74'": only after a past event ("HOB 30'", "HR 70-80'" are degrees and ranges).
        (rf"(?=[^\W\d_])\b(?:{_PAST_EVENTS})\s+(?P<value>\d{{2}}')(?![\w'])", 0.6, r"\d'"),
    ]

    def extend(self, text: str, start: int, end: int) -> int:
        """A date with its year takes the time of day written right after it: one timestamp."""
        time = TIME_OF_DAY.match(text, end)
        whole = _YEAR.search(text, start, end) and not text[start:end].isdigit()  # a day, not a year
        return time.end() if time is not None and whole else end

    def accept(self, text: str, start: int, end: int) -> bool:
        """Accept real calendar dates; a month/day without a year must not read as a ratio."""
        value = text[start:end]
        if _ORD_WORD_RE.search(value):
            return True  # a day in words beside a month name: nothing else reads so
        if "." in value and _VERSION_BEFORE.search(text, max(0, start - 10), start):
            return False
        if (pair := _DAY_PAIR.fullmatch(value)) is not None:
            return _consecutive(pair)
        if (days := _DAY_RANGE.match(value)) is not None:
            return parse_date(value[days.end() :]) is not None
        if _MONTH_DAY_HYPHEN.fullmatch(value):
            # "7-8" is a range or a score more often than a date: only after a date word and
            # before a pause or a function word ("on 7-8 for coiling", not "on 2-3 L").
            return (
                parse_date(value) is not None
                and _HYPHEN_DATE_BEFORE.search(text, max(0, start - 12), start) is not None
                and _PAUSE_AFTER.match(text, end) is not None
            )
        if value.isdigit() and len(value) == 2:
            # A bare two-digit year only in a past-history section: the text since the last
            # blank line names one.
            section = max(text.rfind("\n\n", 0, start), text.rfind("\n \n", 0, start), start - 400, 0)
            return _PAST_HISTORY.search(text, section, start) is not None
        parsed = parse_date(value)
        if parsed is None:
            return False
        if "/" in value and (text[start - 1 : start] in ("x", "X") or text[end : end + 1] == "%"):
            return False  # vent settings: "500x12/5/40%"
        if parsed.month is None and _YEAR.fullmatch(value) and (
            _TIME_BEFORE.search(text, max(0, start - 16), start) or _TIME_AFTER.match(text, end)
        ):
            return False  # a 24-hour time: "at 2030", "from 2000 to 2400", "1900 - 0700"
        if parsed.year is None and _SLASH_PAIR.fullmatch(value):
            if _DATE_BEFORE.search(text, max(0, start - 12), start):
                return True  # "on 2/4", "signed 2/28": a date, whatever else a/b could be
            m, d = (int(x) for x in value.split("/"))
            if m < d <= 4:
                return False  # 1/2, 2/3, 3/4: fractions
            # Vent settings (PSV 10/5, CPAP 5/18, PEEP) and scores (pain 5/10) have a small
            # second number; 5/5 and 10/10 are settings, strength and pain scores.
            if d <= 10 and _RATIO_BEFORE.search(text, max(0, start - 32), start):
                return False
            if d <= 25 and _VENT_BEFORE.search(text, max(0, start - 24), start):
                return False
            if m == d and d in (5, 10):
                return False
            if _RATIO_AFTER.match(text, end):
                return False  # "1/2 up", "1/2 NS", "3/10 pain"
        return True
