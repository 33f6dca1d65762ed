"""Word lookups without a regex per value (`deid.kit.lookup`), as row-known identifiers and repeats use them."""

from __future__ import annotations

import re

from deid.kit.lookup import LowerText, lower_same_length, reaching


def found(text: str, words: list[str], joins=str.isalnum) -> list[str]:
    return [text[s:e] for s, e in LowerText(text, joins).words(words)]


def test_words_in_any_case_and_spacing_as_whole_words() -> None:
    text = "Hope  BREWER came; hopeful brewers wait. hope\nbrewer"
    assert found(text, ["hope", "brewer"]) == ["Hope  BREWER", "hope\nbrewer"]
    assert found(text, ["Brewer"]) == ["BREWER", "brewer"]


def test_the_boundary_is_what_joins_a_word() -> None:
    """Unicode letters join a word by default; known identifiers count only ASCII letters and digits."""
    assert found("Danaé", ["dana"]) == []
    assert found("Danaé", ["dana"], joins=lambda c: c.isascii() and c.isalnum()) == ["Dana"]


def test_lower_case_keeps_every_offset() -> None:
    """'İ' lowers to two characters; the lookup text keeps it as one, so offsets still hold."""
    text = "İlker and İLKER Yılmaz"
    assert len(lower_same_length(text)) == len(text)
    assert found(text, ["yılmaz"]) == ["Yılmaz"]


def test_reaching_keeps_the_longest_at_each_start_and_what_reaches_further() -> None:
    assert list(reaching([(5, 9), (0, 4), (0, 9), (2, 12), (3, 8)])) == [(0, 9), (2, 12)]


def test_the_same_as_a_regex_search_from_each_match() -> None:
    """What the per-value regexes found before, on invented text: leftmost, longest alternative first."""
    text = "Tom Reyes met tom; REYES, Tom  Reyes and Tomas Reyesville. tom-reyes"
    alternatives = [["tom", "reyes"], ["tom"], ["reyes"]]
    pattern = re.compile(r"(?<![^\W_])(?:tom\s+reyes|tom|reyes)(?![^\W_])", re.IGNORECASE)
    expected, pos, reach = [], 0, 0
    while (m := pattern.search(text, pos)) is not None:
        if m.end() > reach:
            expected.append(m.span())
            reach = m.end()
        pos = m.start() + 1
    note = LowerText(text)
    assert list(reaching(s for words in alternatives for s in note.words(words))) == expected
