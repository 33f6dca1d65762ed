"""Clinical vocabulary that looks like names or places but is not: deny lists for name detection.

The words are data (`configs/vocabulary/clinical.yaml`: note sections and abbreviations, devices
and eponymous tests, drug names, time words, languages, talk), written by hand for deid from
general clinical knowledge (MIT), not taken from any evaluation corpus. A site extends them with
its own YAML files beside that one or named in `$DEID_VOCABULARY`. Look words up in lower case.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from deid.errors import ConfigError
from deid.kit.dates import MONTH_WORDS
from deid.kit.patterns import compile_fast
from deid.paths import bundled

VOCABULARY_ENV = "DEID_VOCABULARY"  # more vocabulary files or folders, os.pathsep-separated
_LISTS = ("sections_and_abbreviations", "eponyms", "time_words", "languages", "conversation")


def vocabulary_files() -> list[Path]:
    """The vocabulary YAML files in use: the bundled `configs/vocabulary/`, then `$DEID_VOCABULARY`."""
    files = sorted((bundled("configs") / "vocabulary").glob("*.yaml"))
    for entry in filter(None, os.environ.get(VOCABULARY_ENV, "").split(os.pathsep)):
        path = Path(entry)
        if not path.exists():
            raise ConfigError(f"${VOCABULARY_ENV}: {path}: no such file or folder")
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


def load_vocabulary(files: list[Path]) -> dict[str, frozenset[str]]:
    """Each list's words (lower case) from every file; a key no list has is an error."""
    words: dict[str, set[str]] = {name: set() for name in _LISTS}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read vocabulary: {type(exc).__name__}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: a vocabulary file maps list names to words")
        for name, text in data.items():
            if name not in words:
                raise ConfigError(f"{path}: unknown vocabulary list {name!r}; allowed: {', '.join(_LISTS)}")
            words[name].update(str(text or "").lower().split())
    return {name: frozenset(found) for name, found in words.items()}


_VOCABULARY = load_vocabulary(vocabulary_files())
# Note sections, abbreviations, devices, drug names; tests, signs and diseases named after people
# (their medical sense dominates in notes); weekdays, parts of the day and holidays; languages,
# nationalities and continents (capitalized, some are surnames, never names; countries are no
# identifiers under Safe Harbor); talk in transcripts (fillers and answers open sentences).
SECTIONS_AND_ABBREVIATIONS = _VOCABULARY["sections_and_abbreviations"]
EPONYMS = _VOCABULARY["eponyms"]
TIME_WORDS = _VOCABULARY["time_words"] | MONTH_WORDS
LANGUAGES = _VOCABULARY["languages"]
CONVERSATION = _VOCABULARY["conversation"]

# Never names, even right after "Dr." or "her husband". Months and weekdays are left out: April,
# June and May are names in such a context; so are eponyms, which are surnames ("Dr. Foley").
NEVER_NAMES = SECTIONS_AND_ABBREVIATIONS | LANGUAGES | CONVERSATION
NOT_NAMES = NEVER_NAMES | EPONYMS | TIME_WORDS


def is_clinical_term(word: str) -> bool:
    """True for clinical vocabulary, eponyms, time words and talk: not names without a name context."""
    return word.lower().strip(".'") in NOT_NAMES


_CONTRACTION = compile_fast(r"['’](?:m|ll|s|re|ve|d|t)$", re.IGNORECASE)


def without_contraction(word: str) -> str:
    """The word without a trailing contraction or possessive ("Client's" -> "Client")."""
    return _CONTRACTION.sub("", word)


def is_contraction(word: str) -> bool:
    """True for "I'm", "Let's", "don't": talk that follows speaker labels, never a name."""
    return ("'" in word or "’" in word) and _CONTRACTION.search(word) is not None  # most words: no apostrophe


def is_never_a_name(word: str) -> bool:
    """True for words that are not names even in a name context (fillers, abbreviations, eponyms)."""
    return word.lower().strip(".'") in NEVER_NAMES


# Stems of the USAN/INN naming scheme for drugs (beta blockers -olol, ACE inhibitors -pril, ...):
# a word with one of these endings is a drug, however it is spelt or capitalized.
_DRUG_STEM = compile_fast(
    r"(?:[oa]lol|pril|sartan|statin|cillin|mycin|micin|oxacin|azole|profen|azepam|azolam|tidine|"
    r"prazole|parin|triptan|setron|vir|mab|tinib|dipine|afil|olone|sone|terol|phylline|caine|ephrine|"
    r"butamine|opamine|etamine|phetamine|azine|idone|[oa]done|apine|oxetine|traline|pramine|triptyline|"
    r"barbital|dronate|gliptin|glitazone|lukast|tropium|curonium|cycline|penem|cef\w+|semide|thiazide|"
    r"flurane|coxib|platin|rubicin|taxel)$",
    re.IGNORECASE,
)


def looks_like_drug(word: str) -> bool:
    """True for a word ending in a drug-naming stem (atenolol, lisinopril, ampicillin)."""
    return len(word) >= 6 and _DRUG_STEM.search(word) is not None
