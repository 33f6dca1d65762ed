"""The shape of a proper name: evidence that does not depend on any name list.

A capitalized word inside a sentence of mixed-case text that no dictionary knows as an ordinary
English word is a proper name ("with Thembile", "Where's Kipchumba?"), whatever culture the name
comes from. Acronyms, stutters ("So-so"), contractions, clinical terms, drug names (by their
USAN stems), and capitalized words that identify no one (weekdays, nationalities, states,
countries) are not. In telegraphic clinical text (ICU notes) capitals mark drugs and jargon as
often as names, so there the shape needs another signal (`clinical_register`).
"""

from __future__ import annotations

import re

from deid.kit.casing import per_note
from deid.kit.clinical import (
    SECTIONS_AND_ABBREVIATIONS,
    is_clinical_term,
    is_never_a_name,
    looks_like_drug,
)
from deid.kit.lexicon import FUNCTION_WORDS, MONTH_NAMES
from deid.kit.names import is_common_proper_noun, is_common_word, is_lowercase_word
from deid.kit.patterns import compile_fast

# A word of letters (any script) with inner apostrophes or hyphens.
WORD = compile_fast(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What may stand between a word and the one before it inside a sentence.
_GAP = compile_fast(r"[ \t]+(?:[\"'“‘(\[][ \t]*)?$")
POSSESSIVE = compile_fast(r"['’]s$", re.IGNORECASE)
# The same endings for str.endswith, in any case ("Tom's", "TOM'S").
POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
# Lower-case words inside surnames, compared in lower case ("van der Berg", "de la Cruz", "Ó
# Briain" read as "O Briain" in the normalized view, "bin Zayed", "St John").
NAME_PARTICLES = frozenset(
    "o ó ní nic mac d de da di du del della dei dos das la le van von der den ter ten bin ibn al el st".split()
)
_CONTRACTED = compile_fast(r"['’](?:m|ll|re|ve|d|t)$", re.IGNORECASE)
# Each part of a name is written Title case, after an optional Mc/Mac/O'/D' prefix ("McDonald",
# "O'Neil"); inner capitals otherwise make an abbreviation ("FiO", "PRBCs", "CDiff").
_NAME_PART = compile_fast(r"(?:Mc|Mac|[OD]['’])?[^\W\d_][^\W\d_A-Z]*$")
_VOWEL = compile_fast(r"[aeiouyAEIOUY]|[^\x00-\x7f]")


def is_stutter(word: str) -> bool:
    """A word said twice in a transcript: "So-so", "and-and", "were-were"."""
    if "-" not in word and "'" not in word and "’" not in word:
        return False  # one part: most words, asked about every word of a note
    parts = re.split(r"[-'’]", POSSESSIVE.sub("", word))
    return len(parts) > 1 and len({p.lower() for p in parts}) == 1


def is_proper_word(word: str) -> bool:
    """A capitalized word (not an acronym) that no English, clinical or place list explains."""
    if len(word) < 2 or not word[0].isupper() or word.isupper() or _CONTRACTED.search(word):
        return False
    word = POSSESSIVE.sub("", word)
    if is_stutter(word):
        return False
    if not all(_NAME_PART.match(p) for p in word.split("-")) or not _VOWEL.search(word):
        return False  # "FiO", "VTs", "Cx": abbreviations
    lower = word.lower()
    return not (
        is_lowercase_word(word) or is_clinical_term(word) or is_never_a_name(word) or lower in FUNCTION_WORDS
        or lower in MONTH_NAMES or is_common_proper_noun(word) or looks_like_drug(word)
        or ("-" in word and all(len(p) < 3 or is_common_word(p) or is_clinical_term(p) for p in word.split("-")))
    )


def inside_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows another word of its sentence on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    gap = _GAP.search(text, line_start, start)
    if gap is None or gap.start() == line_start:
        return False
    before = text[gap.start() - 1]
    return before.isalnum() or before in ",;&–—-"


_MIN_WORDS = 12
CLINICAL_SHARE = 0.10


@per_note
def clinical_share(text: str) -> float:
    """The share of a text's words that are clinical abbreviations and section words (ICU notes:
    median 21%, 95% above 10%, 98% above 7%; therapy notes: under 9%; conversations: under 3%),
    0 for a text of fewer than 12 words."""
    words = WORD.findall(text)
    if len(words) < _MIN_WORDS:
        return 0.0
    return _share(words)


def _share(words: list[str]) -> float:
    return sum(w.lower() in SECTIONS_AND_ABBREVIATIONS for w in words) / len(words)


@per_note
def plain_prose(text: str) -> bool:
    """Whether a text is long enough to judge (12 words) and is no clinical shorthand even by the
    bar for restored case: prose, conversation, correspondence."""
    words = WORD.findall(text)
    return len(words) >= _MIN_WORDS and _share(words) < RESTORED_SHARE


def clinical_register(text: str, share: float = CLINICAL_SHARE) -> bool:
    """Whether a text is telegraphic clinical writing (`clinical_share` at least `share`).

    In mixed case, a tenth tells ICU notes from therapy notes. Where case must be restored first
    (lines in capitals or lower case), restored jargon and misspellings look like rare names, so
    the bar is lower there (`RESTORED_SHARE`)."""
    return clinical_share(text) >= share


RESTORED_SHARE = 0.05
