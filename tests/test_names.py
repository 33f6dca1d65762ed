"""deid.kit.names: U.S. name frequencies judged against web casing."""

from __future__ import annotations

import pytest

from deid.kit import names
from deid.kit.names import AMBIGUOUS, STRONG, is_given_name, is_listed_name, name_strength
from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

(PERSON,) = load_python(recognizers_dir() / "person_name.py")


def test_bundled_table_loads_offline() -> None:
    """The bundled frequency table loads from the package (sockets are blocked in tests) at full size."""
    babies = names.us_names()
    assert len(babies) > 240_000
    assert babies["john"] > 1_000_000 and babies["mcclatchie"] == 0  # 2010 surname list only


@pytest.mark.parametrize("word", ["Will", "Hope", "Baby", "Unknown", "King", "Royal"])
def test_frequent_given_names_that_are_words_are_not_strong(word: str) -> None:
    """A name many babies had that is also a frequent English word is never STRONG evidence."""
    assert name_strength(word) < STRONG


@pytest.mark.parametrize("word", ["Baby", "Unknown"])
def test_ssa_placeholders_are_no_given_names(word: str) -> None:
    """SSA placeholders that are mostly words do not count as given names."""
    assert not is_given_name(word)


@pytest.mark.parametrize("word", ["Jaxon", "Nevaeh", "Khaleesi"])
def test_frequent_ssa_given_names_beyond_1990_are_given_names(word: str) -> None:
    """Given names that became common after 1990 are given names with name strength."""
    assert is_given_name(word) and name_strength(word) >= AMBIGUOUS


@pytest.mark.parametrize("word", ["Dechirico", "Marnocha", "Palencar"])
def test_rare_2010_surnames_are_strong(word: str) -> None:
    """Surnames only on the 2010 Census list, unknown to the web corpus, are STRONG."""
    assert name_strength(word) == STRONG and is_listed_name(word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEEN BY JOHN MARNOCHA, WILL CONTINUE TO MONITOR.", ["JOHN MARNOCHA"]),
        ("Plan discussed with Marnocha, will continue to monitor.", ["Marnocha"]),
        ("small marnocha on left arm, will monitor.", []),  # alone, no case: maybe a typo
    ],
)
def test_rare_2010_surname_in_any_case(text: str, expected: list[str]) -> None:
    """A rare 2010 surname is a name when capitalized in mixed case, or next to a name in capitals."""
    assert [text[r.start : r.end] for r in PERSON.analyze(text, ["PERSON"], None)] == expected


def test_rare_names_the_web_knows_are_no_names() -> None:
    """A name few people bear that the web corpus knows (a word, an abbreviation) gives no evidence."""
    babies = names.us_names()
    first90, last90 = names.census_names()
    probs = names.lexeme_probs()
    rare_known = [w for w, n in babies.items() if 0 < n < 50 and w in probs and w not in first90 | last90][:200]
    assert len(rare_known) == 200 and not any(name_strength(w) for w in rare_known)


@pytest.mark.parametrize("word", ["Marnocha", "Vsevolod"])
def test_rare_names_are_marked_rare(word: str) -> None:
    """Names off the 1990 lists with few babies are rare; frequent ones are not."""
    assert names.is_rare_name(word) and not names.is_rare_name("John")
