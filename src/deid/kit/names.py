"""How name-like a word is, from general sources only (never from the notes we evaluate on).

- Given names and surnames: U.S. Census Bureau 1990 name frequency files (public domain), as
  shipped by the MIT-licensed `names` package: 5,163 given names, 88,799 surnames; and, at
  real-world scale, the SSA given names of 1880-2017 with their numbers of babies (97k) and the
  2010 Census surname list (162k), bundled as `data/us_names.tsv.gz` (`deid.kit.build_lexicons`).
- Whether a word is mostly written capitalized: spaCy's English lexeme probabilities
  (`spacy-lookups-data`, MIT), estimated from a large web corpus. P("John") >> P("john") says
  proper noun; P("will") >> P("Will") says common word, even though Will is also a name.

A word is a *strong* name when it is a frequent name (1990 lists, or 1,000+ SSA babies) and is
written capitalized clearly more often than not, or is any listed name that never occurs in the
web corpus at all (rare surnames); *ambiguous* when it is a frequent name but often a word too
(Mark, Grace, Hall, Brown); otherwise it is a word (bolus, will, hope) and is a name only in a
name context (relation words, titles), which other recognizers handle. A rare name the web
corpus knows is mostly something else there, so it gives no evidence on its own.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from deid.kit.prebuilt import prebuilt

STRONG = 1.0
AMBIGUOUS = 0.5

# log-probability margins (capitalized minus lower-case form). Chosen on general grounds: -1.5 is "written lower case
# about 30 times as often", e.g. will, hope, may; 0.5 is "capitalized 3 times as often".
_COMMON_BELOW = -1.5
_PROPER_ABOVE = 0.5
_MISSING = -25.0
_RARE = -17.5
# How much rarer capitalized than in lower case a listed name may be and still be restored capitalized.
_NAME_FORM_MARGIN = 0.5
# SSA babies of all years (1880-2017) that make a given name frequent: about 10,500 names.
_FREQUENT_BABIES = 1000
# Rare names absent from the web corpus count from this length on (shorter: abbreviations).
_RARE_NAME_LENGTH = 4
# Frequent given names beyond the 1990 lists are strong when capitalized 7 times as often as not.
_NEWER_PROPER_ABOVE = 2.0


def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """The 1990 Census given names (female and male) and surnames, lower case."""
    folder = Path(str(resources.files("names")))

    def read(name: str) -> frozenset[str]:
        with open(folder / name, encoding="ascii") as fh:
            return frozenset(line.split()[0].lower() for line in fh if line.strip())

    return read("dist.female.first") | read("dist.male.first"), read("dist.all.last")


def us_names() -> dict[str, int]:
    """SSA babies of all years per lower-case name of `data/us_names.tsv.gz` (built by
    `deid.kit.build_lexicons`): every SSA given name and 2010 Census surname, 0 for a surname only."""
    data = gzip.decompress(resources.files("deid").joinpath("data/us_names.tsv.gz").read_bytes()).decode("utf-8")
    while data.startswith("#"):  # the provenance header
        data = data[data.index("\n") + 1 :]
    fields = data.split()  # one flat split, not a loop over 240k lines: start-up time counts
    return dict(zip(fields[0::3], map(int, fields[1::3])))


_LEXEME_PROBS = Path(str(resources.files("spacy_lookups_data"))) / "data" / "en_lexeme_prob.json.gz"


def lexeme_probs() -> dict[str, float]:
    """spaCy's English lexeme log-probabilities per written form (web text, spacy-lookups-data)."""
    with gzip.open(_LEXEME_PROBS, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _strength(word: str, probs: dict[str, float], proper_above: float = _PROPER_ABOVE) -> float:
    """STRONG, AMBIGUOUS or 0.0 for a frequent name, from how the web corpus writes it."""
    if word not in probs and word.capitalize() not in probs:
        return STRONG  # absent from the web corpus in both cases: a rare name (Przybylo), not a word
    margin = probs.get(word.capitalize(), _MISSING) - probs.get(word, _MISSING)
    if margin > proper_above:
        return STRONG
    return AMBIGUOUS if margin > _COMMON_BELOW else 0.0


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    """The name tables: built from the sources below once per installation (`deid.kit.prebuilt`)."""
    sources = [
        Path(__file__),
        *(Path(str(resources.files("names"))) / f for f in ("dist.female.first", "dist.male.first", "dist.all.last")),
        Path(str(resources.files("deid").joinpath("data/us_names.tsv.gz"))),
        _LEXEME_PROBS,
    ]
    return prebuilt("name-tables", sources, _build_tables)


def _build_tables() -> tuple[dict[str, float], frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    first90, last90 = census_names()
    babies = us_names()
    probs = lexeme_probs()
    # Frequency is evidence: the 1990 lists hold the names of about 90% of people; of the rest,
    # only given names many babies had count as frequent, and only when they are not mostly
    # words (SSA records placeholders too: Baby, Unknown). Fewer people bear those, so their
    # casing must be clearer before they count as strong.
    newer = {
        n: s for n, count in babies.items()
        if count >= _FREQUENT_BABIES and n not in first90 and (s := _strength(n, probs, _NEWER_PROPER_ABOVE))
    }
    first = first90 | newer.keys()
    # Rare names count only when the web corpus has never seen them (a rare name it knows is
    # mostly something else there: a place, a brand, an abbreviation, a word a few people bear),
    # and only from four letters on (shorter ones collide with abbreviations).
    # .difference(probs) checks the dict directly; "- probs.keys()" would copy a million keys first.
    unseen = {w.capitalize() for w in (babies.keys() - first - last90).difference(probs)}.difference(probs)
    rare = frozenset(w.lower() for w in unseen if len(w) >= _RARE_NAME_LENGTH)
    strength = dict.fromkeys(rare, STRONG)
    strength.update(newer)
    strength.update((w, s) for w in first90 | last90 if (s := _strength(w, probs)))
    last = last90 | rare
    # Ordinary words: frequent in lower case and not mostly capitalized. Used to reject NER
    # "names" such as Neuro, Soft, Draining.
    common = frozenset(
        w for w, p in probs.items()
        if w.isalpha() and w.islower() and p > -14.5 and probs.get(w.capitalize(), _MISSING) - p < _PROPER_ABOVE
    )
    # Ordinary words that are often capitalized too (harbor, mobile, summit): place-name words.
    capitalized = frozenset(w for w in common if probs.get(w.capitalize(), _MISSING) - probs[w] > _COMMON_BELOW)
    # Rarer words that are still written lower case clearly more often than capitalized
    # (tachycardia, platelets, sedated): words, not names, for the shape evidence. Below
    # _RARE the table's estimates are too thin to tell (rare names sit there in lower case too).
    lowercase = common | frozenset(
        w for w, p in probs.items()
        if w.isalpha() and w.islower() and p > _RARE and probs.get(w.capitalize(), _MISSING) - p < -_PROPER_ABOVE
    )
    # How each reasonably frequent word is usually written ("tom" -> "Tom", "mri" -> "MRI",
    # "rehab" -> "rehab"), for restoring the case of lines written all in capitals or lower case.
    best: dict[str, tuple[float, str]] = {}
    for w, p in probs.items():
        if p > _RARE and w.isalpha() and p > best.get(w.lower(), (_MISSING, ""))[0]:
            best[w.lower()] = (p, w)
    forms = {lower: form for lower, (_, form) in best.items()}
    # A listed name the web corpus writes capitalized nearly as often as not (Falconer, Fender) is
    # restored as a name: a name lost costs more than a word capitalized. Not two-letter ones
    # (ed, al: abbreviations too).
    for w in first | last:
        if len(w) > 2 and forms.get(w) == w and probs.get(w.capitalize(), _MISSING) > probs[w] - _NAME_FORM_MARGIN:
            forms[w] = w.capitalize()
    return strength, first | last, common, capitalized, first, lowercase, forms, rare


def _key(word: str) -> str:
    # The Census lists spell names without apostrophes: O'Brien is "obrien", D'Angelo "dangelo".
    return word.lower().replace("'", "").replace("’", "")


def name_strength(word: str) -> float:
    """STRONG, AMBIGUOUS or 0.0 for a single word, case-insensitively."""
    return _tables()[0].get(_key(word), 0.0)


def is_given_name(word: str) -> bool:
    """True when the word is on the 1990 Census given-name lists or a frequent SSA given name (1,000+ babies)."""
    return _key(word) in _tables()[4]


def is_listed_name(word: str) -> bool:
    """True when the word is on any Census name list, however often it is an ordinary word (Good, Day)."""
    return _key(word) in _tables()[1]


def is_rare_name(word: str) -> bool:
    """True for a name few people bear (under 1,000 SSA babies, off the 1990 lists) that the web
    corpus has never seen: a name in mixed case, but in capitals or lower case maybe a typo."""
    return _key(word) in _tables()[7]


def is_common_word(word: str) -> bool:
    """True for ordinary English words (frequent in lower case), whatever case they come in."""
    return word.lower() in _tables()[2]


def is_lowercase_word(word: str) -> bool:
    """True for words written in lower case clearly more often than capitalized, however rare
    (tachycardia, sedated): an ordinary or technical word, not a name."""
    return word.lower() in _tables()[5]


def usual_form(word: str) -> str | None:
    """How a word is usually written ("TOM" -> "Tom", "mri" -> "MRI"), or None for a word too rare
    to say (most rare words are names, misspellings or jargon)."""
    return _tables()[6].get(word.lower())


def is_often_capitalized(word: str) -> bool:
    """True for an ordinary word written capitalized at least a thirtieth as often as not (Harbor,
    Summit, Mobile): after "went to", capitalized, it is probably a place's name."""
    return word.lower() in _tables()[3]


def warm() -> None:
    """Load the tables now (start-up), not on the first note."""
    _tables()


@lru_cache(maxsize=1)
def _common_proper_nouns() -> frozenset[str]:
    text = resources.files("deid").joinpath("data/common_proper_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split())


def is_common_proper_noun(word: str) -> bool:
    """True for capitalized words that identify no one: weekdays, holidays, nationalities,
    languages, religions, U.S. states, countries (`data/common_proper_nouns.txt`, `deid.kit.places`)."""
    from deid.kit.places import is_country, is_state

    lower = word.lower()
    nouns = _common_proper_nouns()
    # Plurals too: "Wednesdays", "Christmases".
    plural = lower.endswith("s") and (lower[:-1] in nouns or lower[:-2] in nouns)
    return lower in nouns or plural or is_country(word) or is_state(word)
