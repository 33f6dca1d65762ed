"""How name-like a word is, from general sources only (never from the notes we evaluate on).

- Given names and surnames: U.S. Census Bureau 1990 name frequency files (public domain), as
  shipped by the MIT-licensed `names` package: 5,163 given names, 88,799 surnames.
- Whether a word is mostly written capitalized: spaCy's English lexeme probabilities
  (`spacy-lookups-data`, MIT), estimated from a large web corpus. P("John") >> P("john") says
  proper noun; P("will") >> P("Will") says common word, even though Will is also a name.

A word is a *strong* name when it is on a Census list and is written capitalized clearly more
often than not, or never occurs in the web corpus at all (rare surnames); *ambiguous* when it
is on a list but is often a word too (Mark, Grace, Hall, Brown); otherwise it is a word (bolus,
will, hope) and is a name only in a name context (relation words, titles), which other
recognizers handle.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

STRONG = 1.0
AMBIGUOUS = 0.5

# log-probability margins (capitalized minus lower-case form). Chosen on general grounds: -1.5 is "written lower case
# about 30 times as often", e.g. will, hope, may; 0.5 is "capitalized 3 times as often".
_COMMON_BELOW = -1.5
_PROPER_ABOVE = 0.5
_MISSING = -25.0
_RARE = -17.5


def _census_names() -> tuple[frozenset[str], frozenset[str]]:
    folder = Path(str(resources.files("names")))

    def read(name: str) -> frozenset[str]:
        with open(folder / name, encoding="ascii") as fh:
            return frozenset(line.split()[0].lower() for line in fh if line.strip())

    return read("dist.female.first") | read("dist.male.first"), read("dist.all.last")


def _lexeme_probs() -> dict[str, float]:
    path = Path(str(resources.files("spacy_lookups_data"))) / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    first, last = _census_names()
    probs = _lexeme_probs()
    strength: dict[str, float] = {}
    for word in first | last:
        lower = probs.get(word, _MISSING)
        margin = probs.get(word.capitalize(), _MISSING) - lower
        # Absent from the web corpus in both cases: a rare name (Przybylo), not a word.
        if margin > _PROPER_ABOVE or (word not in probs and word.capitalize() not in probs):
            strength[word] = STRONG
        elif margin > _COMMON_BELOW:
            strength[word] = AMBIGUOUS
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
    return strength, first | last, common, capitalized, first, lowercase, forms


def _key(word: str) -> str:
    # The Census lists spell names without apostrophes: O'Brien is "obrien", D'Angelo "dangelo".
    return word.lower().replace("'", "").replace("’", "")


def name_strength(word: str) -> float:
    """STRONG, AMBIGUOUS or 0.0 for a single word, case-insensitively."""
    return _tables()[0].get(_key(word), 0.0)


def is_given_name(word: str) -> bool:
    """True when the word is on the Census given-name lists."""
    return _key(word) in _tables()[4]


def is_listed_name(word: str) -> bool:
    """True when the word is on any Census name list, however often it is an ordinary word (Good, Day)."""
    return _key(word) in _tables()[1]


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
    languages, religions, U.S. states, countries (`data/common_proper_nouns.txt`, `deid.places`)."""
    from deid.places import is_country, is_state

    lower = word.lower()
    nouns = _common_proper_nouns()
    # Plurals too: "Wednesdays", "Christmases".
    plural = lower.endswith("s") and (lower[:-1] in nouns or lower[:-2] in nouns)
    return lower in nouns or plural or is_country(word) or is_state(word)
