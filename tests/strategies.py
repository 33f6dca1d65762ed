"""Hypothesis strategies: arbitrary text, clinical-looking notes with planted identifiers, known rows, findings.

Planted identifiers are built from an alphabet pattern that ordinary text does not use (names
start with "Qz"), so a test can tell a leak from a generated filler that happens to hold the
same word; fillers that do hold one are filtered out.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field

from hypothesis import strategies as st

from deid.entities import ENTITIES, PERSON_ENTITIES
from deid.findings import Finding

# --------------------------------------------------------------------------------------------
# Arbitrary text
# --------------------------------------------------------------------------------------------

# Every code point Python allows in a str, lone surrogates included (st.text() leaves them out).
ANY_CHARACTER = st.characters(exclude_categories=())


def unicode_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any str: printable or not, any script, lone surrogates included."""
    return st.one_of(
        st.text(max_size=max_size),
        st.text(alphabet=ANY_CHARACTER, max_size=max_size),
        # Lone surrogates are rare among all code points; make sure they turn up.
        st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=max_size),
        st.text(alphabet=string.printable, max_size=max_size),
    )


# Characters that end a word: whatever sits between a planted identifier and its filler.
SEPARATORS = st.one_of(
    st.sampled_from([" ", "  ", "\n", "\t", ", ", ". ", ": ", "; ", " (", ") ", "'", '"', "/", " - ",
                     "\u00a0", "\u2003", "\r\n", "_", "*", "#"]),
    st.characters(exclude_categories=("L", "N", "M", "Cs")),
)

# --------------------------------------------------------------------------------------------
# Clinical-looking text
# --------------------------------------------------------------------------------------------

# Fragments with no identifier in them, but full of the things detectors trip over.
CLINICAL_FRAGMENTS = (
    "Client reports low mood and poor sleep.", "PHQ-9 of 14; GAD-7 of 11.", "sertraline 50 mg daily",
    "S:", "O:", "A:", "P:", "Plan: continue CBT weekly.", "Affect constricted, thought process linear.",
    "Denies SI/HI.", "CPT 90837 (60 min)", "F33.1", "Time: 10:00-10:53", "BP 120/80",
    "Her husband", "His mother", "Pt's daughter", "called", "on", "at", "seen by Dr.", "MRN:",
    "DOB:", "Phone:", "cell", "Member ID:", "lives in", "works at", "Memorial Hospital",
    "Session transcript", "Client:", "Therapist:", "um, yeah", "Monday", "March", "last week",
    "age 47", "Signed,", "LCSW", "PsyD", "Inc.", "Street", "Apt 4B", "CA", "ext 12", "x", "#",
)
REAL_NAMES = ("Tom Reyes", "Dana Whitfield", "Priya Raman", "Marcus", "Ann", "J. Park", "WHITFIELD",
              "Smith, Jane", "O'Brien", "Mary-Kate Olsen", "Jose Nunez", "Li")


def digits(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """A run of ASCII digits."""
    return st.text(alphabet=string.digits, min_size=min_size, max_size=max_size)


@st.composite
def phone_numbers(draw, number: str | None = None) -> str:
    """A 10-digit US phone number (drawn, or the one given) in one of the forms notes use.

    A drawn number may carry an extension; the one given never does, so that all of it is the
    known value a test plants.
    """
    d = number if number is not None else draw(digits(10, 10))
    forms = ["{a}-{b}-{c}", "({a}) {b}-{c}", "{a}.{b}.{c}", "{a} {b} {c}", "{a}{b}{c}", "+1 {a} {b} {c}",
             "1-{a}-{b}-{c}", "+1 ({a}) {b}-{c}"]
    form = draw(st.sampled_from(forms if number is not None else [*forms, "{a}-{b}-{c} ext 12"]))
    return form.format(a=d[:3], b=d[3:6], c=d[6:])


def calendar_dates() -> st.SearchStrategy[dt.date]:
    """Any date from year 1 to 9999, with the first and last years (where shifting can overflow) well represented."""
    return st.one_of(
        st.dates(),
        st.dates(max_value=dt.date(1, 12, 31)),
        st.dates(min_value=dt.date(9999, 1, 1)),
    )


@st.composite
def written_dates(draw, date: dt.date | None = None) -> str:
    """A date (drawn over the whole calendar, or the one given) in a clinical written form."""
    d = date if date is not None else draw(calendar_dates())
    month = d.strftime("%B")  # month names do not depend on the year, unlike %Y below 1000
    return draw(st.sampled_from([
        f"{d.month}/{d.day}/{d.year:04d}", f"{d.month:02d}/{d.day:02d}/{d.year:04d}",
        f"{d.month}/{d.day}/{d.year % 100:02d}", f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
        f"{month} {d.day}, {d.year:04d}", f"{month[:3]} {d.day}", f"{d.day:02d}-{month[:3].upper()}-{d.year:04d}",
        f"{month} {d.year:04d}",
    ]))


@dataclass(frozen=True)
class Planted:
    """Generated text with where each planted identifier sits: (start, end, kind)."""

    text: str
    spots: tuple[tuple[int, int, str], ...] = ()
    known: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # hypothesis prints this when a property fails
        return f"Planted(text={self.text!r}, spots={self.spots!r}, known={self.known!r})"


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spots: list[tuple[int, int, str]] = []
        self.length = 0

    def add(self, piece: str, kind: str | None = None) -> None:
        if kind is not None:
            self.spots.append((self.length, self.length + len(piece), kind))
        self.parts.append(piece)
        self.length += len(piece)

    def build(self, known: dict | None = None) -> Planted:
        return Planted("".join(self.parts), tuple(self.spots), dict(known or {}))


@st.composite
def clinical_text(draw, max_pieces: int = 25) -> Planted:
    """Text assembled from clinical fragments, real-looking names, phones, dates and arbitrary bits."""
    piece = st.one_of(
        st.sampled_from(CLINICAL_FRAGMENTS).map(lambda s: (s, None)),
        st.sampled_from(REAL_NAMES).map(lambda s: (s, "NAME")),
        phone_numbers().map(lambda s: (s, "PHONE")),
        written_dates().map(lambda s: (s, "DATE")),
        digits(1, 12).map(lambda s: (s, None)),
        unicode_text(max_size=12).map(lambda s: (s, None)),
    )
    b = _Builder()
    for i, (text, kind) in enumerate(draw(st.lists(piece, max_size=max_pieces))):
        if i:
            b.add(draw(SEPARATORS))
        b.add(text, kind)
    return b.build()


def notes(max_size: int = 200) -> st.SearchStrategy[str]:
    """Arbitrary or clinical-looking note text."""
    return st.one_of(unicode_text(max_size), clinical_text().map(lambda p: p.text))


# --------------------------------------------------------------------------------------------
# Known identifiers, planted in any case and any surroundings
# --------------------------------------------------------------------------------------------

def name_parts() -> st.SearchStrategy[str]:
    """A name word no generated filler is likely to hold: "Qz" and 2 to 8 lowercase letters."""
    return st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=8).map(lambda s: "Qz" + s)


@st.composite
def case_variant(draw, word: str) -> str:
    """The word as written, upper, lower, title, swapped or in a random mix of cases."""
    how = draw(st.sampled_from(["same", "upper", "lower", "title", "swap", "mixed"]))
    if how == "mixed":
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        return "".join(c.upper() if f else c.lower() for c, f in zip(word, flips))
    return {"same": word, "upper": word.upper(), "lower": word.lower(), "title": word.title(),
            "swap": word.swapcase()}[how]


@st.composite
def known_rows(draw) -> dict[str, str]:
    """A row's known identifiers: the client's name (Qz words), an MRN of digits and a phone."""
    first, last = draw(name_parts()), draw(name_parts())
    if draw(st.booleans()):
        last = f"{last}-{draw(name_parts())}"  # double-barrelled surname
    return {
        "PATIENT": f"{first} {last}",
        "MRN": draw(digits(6, 10)),
        "PHONE_NUMBER": "{}-{}-{}".format(*(lambda d: (d[:3], d[3:6], d[6:]))(draw(digits(10, 10)))),
    }


def name_words(known: dict[str, str]) -> list[str]:
    """The name parts a policy must remove wherever they appear: words and hyphen parts of 3+ letters."""
    words = known["PATIENT"].split()
    parts = [p for w in words if "-" in w for p in w.split("-")]
    return [w for w in words + parts if sum(c.isalpha() for c in w) >= 3]


@st.composite
def mrn_variant(draw, mrn: str) -> str:
    """The MRN as stored, or with separators between some of its digits."""
    out = [mrn[0]]
    for ch in mrn[1:]:
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(["-", " ", ".", "/"])))
        out.append(ch)
    return "".join(out)


@st.composite
def notes_with_known(draw, fillers: st.SearchStrategy[str] | None = None) -> Planted:
    """Fillers (arbitrary or clinical text) with the row's known identifiers planted between them, in any case."""
    known = draw(known_rows())
    words = name_words(known)
    full = known["PATIENT"]
    first, last = full.split()
    occurrence = st.one_of(
        case_variant(full).map(lambda s: (s, "PATIENT")),
        case_variant(f"{last}, {first}").map(lambda s: (s, "PATIENT")),
        st.sampled_from(words).flatmap(case_variant).map(lambda s: (s, "PATIENT")),
        mrn_variant(known["MRN"]).map(lambda s: (s, "MRN")),
        phone_numbers(known["PHONE_NUMBER"].replace("-", "")).map(lambda s: (s, "PHONE_NUMBER")),
    )
    planted = draw(st.lists(occurrence, min_size=1, max_size=5))
    filler = fillers if fillers is not None else notes(max_size=60)
    secrets = [w.casefold() for w in words] + [known["MRN"], known["PHONE_NUMBER"].replace("-", "")]
    clean = filler.filter(lambda s: not any(x in s.casefold() for x in secrets))
    b = _Builder()
    b.add(draw(clean))
    for text, kind in planted:
        b.add(draw(SEPARATORS))
        b.add(text, kind)
        b.add(draw(SEPARATORS))
        b.add(draw(clean))
    return b.build(known)


# --------------------------------------------------------------------------------------------
# Keys and findings
# --------------------------------------------------------------------------------------------

def keys() -> st.SearchStrategy[str | bytes]:
    """A non-empty key, as text (valid Unicode) or bytes."""
    return st.one_of(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
        st.binary(min_size=1, max_size=40),
    )


ENTITY_TYPES = st.sampled_from(sorted(set(ENTITIES) | PERSON_ENTITIES))


@st.composite
def findings(draw, text_length: int = 60) -> Finding:
    """One finding in a text of `text_length` characters; empty spans included, ties in score likely."""
    start = draw(st.integers(0, text_length))
    end = draw(st.integers(start, min(text_length, start + 20)))
    return Finding(
        start=start,
        end=end,
        entity_type=draw(ENTITY_TYPES),
        score=draw(st.sampled_from([0.3, 0.6, 0.85, 1.0])),
        recognizer=draw(st.sampled_from(["A", "B", "KnownIdentifierRecognizer"])),
    )


def finding_lists(max_size: int = 12) -> st.SearchStrategy[list[Finding]]:
    """Unresolved findings as detectors return them: overlapping, duplicated, unordered."""
    return st.lists(findings(), max_size=max_size)
