"""Word tokens of a note and the lookups that context recognizers (relatives, clinicians) share."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from deid.kit.name_shape import NAME_PARTICLES
from deid.kit.names import is_common_word, name_strength


class Token(NamedTuple):
    """A token's text and its offsets in the note."""

    text: str
    start: int
    end: int


_new_token = tuple.__new__  # NamedTuple's own constructor is a Python function: a note has thousands


def tokenize(regex: re.Pattern[str], text: str) -> list[Token]:
    """Each match of `regex` in `text` as a Token."""
    return [_new_token(Token, (m.group(), m.start(), m.end())) for m in regex.finditer(text)]


def speaker_turns(text: str, label: str) -> bool:
    """Whether "label:" opens two or more lines of `text`: the speaker turns of a transcript
    ("Client: Yeah.") rather than a header field ("Client: Hope Brewer") written once."""
    turns = re.compile(rf"^[ \t]*{re.escape(label)}[ \t]*:", re.MULTILINE | re.IGNORECASE)
    return len(turns.findall(text)) >= 2


class TokenScan:
    """One text's tokens: adjacency, bounds-checked access and per-line capitals (not a recognizer)."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self._caps_lines: dict[int, bool] = {}

    def adjacent(self, i: int, j: int) -> bool:
        """Whether consecutive tokens i and j sit on one line with little between."""
        gap = self.text[self.tokens[i].end : self.tokens[j].start]
        return len(gap) <= 3 and "\n" not in gap and "\r" not in gap

    def tok(self, i: int) -> Optional[Token]:
        """Token i, or None past either end."""
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def is_particle(self, j: int) -> bool:
        """Whether token j is a surname particle joined to the next token ("o rourke", "van Dyke")."""
        tok, nxt = self.tok(j), self.tok(j + 1)
        return (
            tok is not None and nxt is not None and tok.text.lower() in NAME_PARTICLES
            and self.adjacent(j, j + 1) and nxt.text[:1].isalpha() and len(nxt.text) >= 2
        )

    def line_is_caps(self, pos: int) -> bool:
        """Whether the line holding ``pos`` is written in capitals."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start not in self._caps_lines:
            line_end = self.text.find("\n", pos)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            letters = [c for c in line if c.isalpha()]
            upper = sum(c.isupper() for c in letters)
            self._caps_lines[line_start] = len(letters) >= 4 and upper >= 0.8 * len(letters)
        return self._caps_lines[line_start]

    def english_word_in_capitals(self, i: int, word: str) -> bool:
        """Whether token i (as `word`) is an ordinary English word, no listed name, on a capitals
        line ("NEPHEW CALLED MESSAGE", "SLIGHTLY, PT"): there capitals say nothing about names."""
        return self.line_is_caps(self.tokens[i].start) and is_common_word(word) and not name_strength(word)

    def speaker_label(self, i: int) -> bool:
        """Whether token i opens a line as "Label:" and the same label opens another line (`speaker_turns`)."""
        tok = self.tokens[i]
        nxt = self.tok(i + 1)
        line_start = self.text.rfind("\n", 0, tok.start) + 1
        if nxt is None or nxt.text != ":" or self.text[line_start : tok.start].strip():
            return False
        return speaker_turns(self.text, tok.text)
