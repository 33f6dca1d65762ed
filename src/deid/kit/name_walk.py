"""One name walker for the context recognizers (relatives, clinicians): a name of 1-3 words read
forward from a token after a cue ("her husband Tom Reyes", "Dr. van Dyke") or backward from one
before a cue ("Ann de la Cruz (mother)", "J. Park, LCSW").

A name holds initials ("J. Smith", "Ann M. Smith"), one or two surname particles ("de la Cruz",
"o rourke"), and ends at a possessive ("Tom's"). Whether a token can be part of a name at all is
the recognizer's own judgment (`name_ok`): its cues differ in strength.
"""

from __future__ import annotations

from typing import Any, Optional

from deid.kit.name_shape import POSSESSIVE_ENDINGS
from deid.kit.token_scan import TokenScan

MAX_NAME_WORDS = 3
_MAX_PARTICLES = 2


def is_possessive(word: str) -> bool:
    """Whether a word ends in "'s" after at least one letter ("Tom's", not "'s")."""
    return len(word) > 2 and word.endswith(POSSESSIVE_ENDINGS)


def name_parts(word: str) -> int:
    """Words in a name token: the parts of a double-barrelled surname ("Stord-Painter") count."""
    parts = word.split("-")
    return len(parts) if len(parts) > 1 and all(len(p) >= 2 and p.isalpha() for p in parts) else 1


class NameWalk(TokenScan):
    """Walks names over one text's tokens; a subclass says which tokens may be part of a name."""

    def name_ok(self, i: int, *, first: bool, allow_lower: bool, **cue: Any) -> bool:
        """Whether token i can be part of a name; `first`: it would open the name, where a word in
        lower case may stand when `allow_lower`. `cue`: what the recognizer knows of its cue."""
        raise NotImplementedError

    def is_initial(self, j: int, *, lower: bool = False) -> bool:
        """Whether tokens j, j+1 are an initial such as "J." (or "j." where lower case is allowed)
        on one line."""
        tok, dot = self.tok(j), self.tok(j + 1)
        return (
            tok is not None and dot is not None and len(tok.text) == 1 and tok.text.isalpha()
            and (lower or tok.text.isupper()) and dot.text == "." and self.adjacent(j, j + 1)
        )

    def name_forward(self, i: int, *, allow_lower: bool = False, **cue: Any) -> Optional[tuple[int, int, int]]:
        """A name of 1-3 words starting at token i: (start, end, index of its last token). A name
        in lower case is one word (with its particles): "dr vasquez said", "son van dyke"."""
        names: list[int] = []
        words = 0  # an initial and its period are one word, a particle is none
        j = i
        lower_name = False
        while j < len(self.tokens) and words < MAX_NAME_WORDS:
            if names and not self.adjacent(j - 1, j):
                break
            if (
                self.is_initial(j) and self.tok(j + 2) is not None and self.adjacent(j + 1, j + 2)
                and self.name_ok(j + 2, first=False, allow_lower=False, **cue)
            ):
                names.extend((j, j + 1))  # "Ann M. Smith", "J. Smith"
                words += 1
                j += 2
                continue
            k = j  # past one or two surname particles: "her son van Dyke", "Dr. o rourke", "de la Cruz"
            while k - j < _MAX_PARTICLES and self.is_particle(k):
                k += 1
            ok = self.name_ok(k, first=not names, allow_lower=allow_lower, **cue)
            if not ok and k > j:  # a particle may be a name itself: "her son Van said"
                k = j
                ok = self.name_ok(j, first=not names, allow_lower=allow_lower, **cue)
            if not ok:
                break
            if not names:
                lower_name = self.tokens[k].text.islower()
            elif k == j and lower_name != self.tokens[k].text.islower():
                break  # "Dr. Lee said", "dr lee Smith": a name keeps its case
            names.extend(range(j, k + 1))
            words += 1
            j = k + 1
            if is_possessive(self.tokens[k].text):
                break
        if not names:
            return None
        last = self.tokens[names[-1]]
        end = last.end - (2 if is_possessive(last.text) else 0)
        return self.tokens[names[0]].start, end, names[-1]

    def name_backward(self, i: int, *, allow_lower: bool = False, **cue: Any) -> Optional[tuple[int, int]]:
        """A name of 1-3 words ending at token i: (start, number of words). In lower case too when
        `allow_lower` ("q. lander rrt"). A double-barrelled surname counts its parts."""
        names: list[int] = []
        words = 0
        j = i
        while j >= 0 and words < MAX_NAME_WORDS:
            if names and not self.adjacent(j, j + 1):
                break
            if names and self.tokens[j].text == "." and self.is_initial(j - 1, lower=allow_lower):
                names.extend((j, j - 1))
                words += 1
                j -= 2
                continue
            if names and is_possessive(self.tokens[j].text):
                break
            if names and self.is_particle(j):
                names.append(j)  # "Ann de la Cruz"
                j -= 1
                continue
            if not self.name_ok(j, first=True, allow_lower=allow_lower, **cue):
                break
            names.append(j)
            words += name_parts(self.tokens[j].text)
            j -= 1
        if not names:
            return None
        return self.tokens[names[-1]].start, words
