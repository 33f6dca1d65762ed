"""deid.kit.patterns: a look-ahead on a pattern's first characters and word tries change no match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.kit.base import RegexRecognizer
from deid.kit.patterns import first_chars, with_first_chars, word_trie

FLAGS = re.IGNORECASE | re.MULTILINE

# Shapes that recognizer patterns have: keyword alternations behind \b or look-behinds, optional
# words inside, local flags, a value group.
KEYWORD_PATTERNS = [
    r"(?=[^\W\d_])\b(?:phone|tel(?:ephone)?|cell)\s*:?\s*(?P<value>\d[\d-]{6,})",
    r"(?<![\w@])(?:pager|beeper|pg)\b\.?\s*#?\s*(?P<value>\d{3,6})",
    r"\b(?P<value>(?i:P\.?\s?O\.?\s+box)\s+\d+)",
    r"(?:\bmr\.?|\bms\.?)[ \t]+(?P<value>[A-Z][a-z]+)",
    r"(?-i:Dr|DR)\.?[ \t]+[A-Z][a-z]+",
    r"(?:@|\bat\s+)(?P<value>[a-z]+)",
    r"'\d{2}(?!\w)",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:phone|tel|cell)\b", {"p", "t", "c"}),
        (r"(?<=\s)(?:ab|c)+x", {"a", "c"}),
        (r"(?i:Mr|Ms)\.", {"M"}),
        (r"[a-c]x", {"a", "b", "c"}),
    ],
)
def test_first_chars_are_read_off_the_pattern(pattern: str, expected: set[str]) -> None:
    """The first consuming item gives the set: past \\b and look-arounds, through groups and repeats."""
    assert first_chars(pattern, FLAGS) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"\d{5}", r"\w+@", r"(?:mr\.?\s+)?[A-Z][a-z]+", r"(?:a|)b", r"x*y", r"(?=a)", r".ab", r"[^a]b", r"(?i)phone"],
)
def test_patterns_without_a_short_list_of_first_characters_stay_as_they_are(pattern: str) -> None:
    """A class, an optional opening, a possibly empty match, any character or global flags: no look-ahead."""
    assert with_first_chars(pattern, FLAGS) == pattern


@pytest.mark.parametrize("pattern", KEYWORD_PATTERNS)
def test_the_look_ahead_keeps_every_match(pattern: str) -> None:
    """Invented text in every case: the same spans, groups included, with and without the look-ahead."""
    text = (
        "Phone: 619-555-0147, TEL 6195550147 and cell:555-0100. PAGER #4417; pg 221.\n"
        "P.O. Box 77, po box 12; MR. Lee and ms Okafor met Dr. Park (DR Ruiz) @home at clinic in '98.\n"
        "\u212aelvin tEl: 555-1234567"
    )
    for flags in (FLAGS, re.MULTILINE):  # case-sensitive patterns with case-insensitive parts too
        plain, fast = re.compile(pattern, flags), re.compile(with_first_chars(pattern, flags), flags)
        assert fast.pattern != plain.pattern
        assert [m.span() + m.groups() for m in fast.finditer(text)] == [m.span() + m.groups() for m in plain.finditer(text)]
        assert [m.span() for m in fast.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aptelhonTELPHONcrmbxPOBXdD .:#@'0123456789\n\u212a", max_size=80))
def test_the_look_ahead_keeps_every_match_on_any_text(text: str) -> None:
    """Whatever the text, the look-ahead changes no match of any keyword pattern."""
    for pattern in KEYWORD_PATTERNS:
        for flags in (FLAGS, re.MULTILINE):  # case-sensitive patterns with case-insensitive parts too
            plain, fast = re.compile(pattern, flags), re.compile(with_first_chars(pattern, flags), flags)
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_regex_recognizer_compiles_its_patterns_behind_the_look_ahead() -> None:
    """Plug-in patterns get the look-ahead (and still match in any case)."""

    class Badge(RegexRecognizer):
        ENTITY = "ACCOUNT_ID"
        PATTERNS = [(r"\b(?:badge|bdg)\s*#?\s*(?P<value>\d{5})", 0.9)]

    recognizer = Badge()
    assert recognizer.patterns_for("")[0][0].pattern.startswith("(?i:(?=[")
    found = recognizer.analyze("BADGE # 48213, bdg 11111, sbadge 22222", ["ACCOUNT_ID"])
    assert [(r.start, r.end) for r in found] == [(8, 13), (19, 24)]


def test_a_word_trie_matches_exactly_its_words() -> None:
    """The same strings as the alternation, a space matching any whitespace, nothing more."""
    words = ["alabama", "alaska", "arizona", "new york", "new jersey", "ohio"]
    trie = re.compile(rf"\b(?:{word_trie(words)})\b", re.IGNORECASE)
    plain = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s") for w in words) + r")\b", re.IGNORECASE)
    text = "Alabama, alaskan ALASKA new\tyork new jersey newyork ohio arizonan Arizona ala"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(trie.findall(text)) == 6


def test_a_word_trie_refuses_a_word_that_prefixes_another() -> None:
    """An alternation would prefer the word listed first, a tree the longer one: refused, by name."""
    with pytest.raises(ValueError, match="'in' is a prefix of 'inside'"):
        word_trie(["inside", "in", "out"])
