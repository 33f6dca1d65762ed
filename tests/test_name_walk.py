"""deid.kit.name_walk: the one walk that reads a name forward or backward from a cue."""

from __future__ import annotations

import re

import pytest

from deid.kit.name_walk import NameWalk, is_possessive, name_parts
from deid.kit.token_scan import Token


class CapitalizedWalk(NameWalk):
    """A name is any capitalized word; lower case only where allowed and opening the name."""

    def name_ok(self, i: int, *, first: bool, allow_lower: bool, **cue) -> bool:
        word = self.tokens[i].text
        return len(word) > 1 and word[0].isalpha() and (word[0].isupper() or (allow_lower and first))


def walk(text: str) -> CapitalizedWalk:
    return CapitalizedWalk(text, [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"[\w'’-]+|[^\w\s]", text)])


def forward(text: str, after: str, **kw) -> str | None:
    w = walk(text)
    i = next(k for k, t in enumerate(w.tokens) if t.text == after) + 1
    found = w.name_forward(i, **kw)
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    ("text", "after", "name"),
    [
        ("with Tom Reyes today", "with", "Tom Reyes"),
        ("with Ann M. Okoro today", "with", "Ann M. Okoro"),  # an initial and its period are one word
        ("with J. Okoro today", "with", "J. Okoro"),
        ("with de la Vega today", "with", "de la Vega"),  # two particles and the name: one word
        ("with Tom's car", "with", "Tom"),  # a possessive ends the name, without its 's
        ("with Ann Lee Park Moss", "with", "Ann Lee Park"),  # three words at most
        ("with Tom\nReyes", "with", "Tom"),  # a name stays on its line
        ("with the doctor", "with", None),
    ],
)
def test_name_forward(text: str, after: str, name: str | None) -> None:
    assert forward(text, after) == name


def test_a_name_in_lower_case_is_one_word_and_keeps_its_case() -> None:
    assert forward("dr vasquez said", "dr", allow_lower=True) == "vasquez"
    assert forward("dr vasquez said", "dr") is None  # lower case only where the cue allows it
    assert forward("Dr Lee said", "Dr", allow_lower=True) == "Lee"  # "said" is in another case


def test_a_particle_may_be_a_name_itself() -> None:
    assert forward("her son Van said", "son") == "Van"  # "van" is a particle only before a name


@pytest.mark.parametrize(
    ("text", "end", "found"),
    [
        ("Ines de la Vega (mother)", "Vega", ("Ines de la Vega", 2)),
        ("J. Park, LCSW", "Park", ("J. Park", 2)),
        ("Ann Stord-Painter MD", "Stord-Painter", ("Ann Stord-Painter", 3)),  # a double-barrelled surname
        ("met Tom's Ann (sister)", "Ann", ("Ann", 1)),  # a possessive before ends the walk
    ],
)
def test_name_backward(text: str, end: str, found: tuple[str, int]) -> None:
    w = walk(text)
    i = next(k for k, t in enumerate(w.tokens) if t.text == end)
    start, words = w.name_backward(i)
    assert (text[start : w.tokens[i].end], words) == found


def test_lower_case_backward_only_where_allowed() -> None:
    w = walk("q. lander rrt")
    assert w.name_backward(2) is None
    start, words = w.name_backward(2, allow_lower=True)
    assert (w.text[start : w.tokens[2].end], words) == ("q. lander", 2)


def test_helpers() -> None:
    assert is_possessive("Tom's") and is_possessive("TOM’S") and not is_possessive("'s")
    assert name_parts("Stord-Painter") == 2 and name_parts("Jean-P") == 1 and name_parts("Lee") == 1
