"""Relatives and other personal contacts named next to a relation word ("her husband Tom")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.clinical import is_contraction, is_never_a_name
from deid.kit.lexicon import (
    CLINICIAN_TITLES,
    HONORIFICS,
    MONTH_NAMES,
    NAME_INTRODUCERS,
    RELATION_DETERMINERS,
    RELATION_PLURALS,
    RELATION_PREFIXES,
    RELATION_SUFFIXES,
    RELATION_WORDS,
    RELATION_WORDS_EXACT,
    is_common_capitalized,
    is_note_word,
    may_be_lowercase_name,
)
from deid.kit.name_shape import is_stutter
from deid.kit.name_walk import NameWalk, is_possessive
from deid.kit.names import is_common_word, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.token_scan import Token, tokenize

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Words with inner hyphens or apostrophes ("brother-in-law", "pt's", "O'Brien"), numbers, and
# single punctuation marks. Our own tokens keep the recognizer independent of the NLP engine.
_TOKEN_RE = compile_fast(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+|[^\w\s]")
# Modifiers allowed between a determiner and a relation word inside "(her older brother)".
_MODIFIERS = frozenset(
    "step half ex older younger big little maternal paternal great foster adoptive biological "
    "birth best twin estranged former late current new live-in oldest youngest eldest "
    "significant".split()
)
_POSSESSIVE_DETERMINERS = RELATION_DETERMINERS - {"the", "a", "an", "its"}
_APPOSITION_CLOSERS = frozenset(",.;:)")
_SCORE = 0.9
_SCORE_WEAK = 0.85  # lower-case names and "Ann, her mother," appositions


class FamilyMemberRecognizer(EntityRecognizer):
    """Find the names of relatives and personal contacts written next to a relation word."""

    ENTITIES = ["RELATIVE"]

    def __init__(
        self,
        supported_language: str = "en",
        name: str = "FamilyMemberRecognizer",
    ) -> None:
        # The relation word is the context; Presidio's lemma enhancer must not add to it.
        super().__init__(
            supported_entities=list(self.ENTITIES),
            name=name,
            supported_language=supported_language,
            context=[],
        )

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Optional["NlpArtifacts"] = None,
    ) -> list[RecognizerResult]:
        """Return RELATIVE spans (the name only) found in ``text``."""
        if entities and "RELATIVE" not in entities:
            return []
        tokens = [part for tok in tokenize(_TOKEN_RE, text) for part in (_split_relation_hyphen(tok) if "-" in tok.text else (tok,))]
        scan = _Scan(text, tokens)
        found: dict[tuple[int, int], float] = {}
        for i in range(len(tokens)):
            for start, end, score in scan.after_relation(i):
                found[(start, end)] = max(score, found.get((start, end), 0.0))
            for start, end, score in scan.before_relation(i):
                found[(start, end)] = max(score, found.get((start, end), 0.0))
        return [self._result(start, end, score) for (start, end), score in sorted(found.items())]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        """Build one Presidio result with our recognizer's name and id."""
        return make_result(self, "RELATIVE", start, end, score, "name next to a relation word")


class _Scan(NameWalk):
    """The relation patterns over one text's tokens."""

    def relation_at(self, i: int) -> Optional[tuple[int, bool]]:
        """If a relation word (or phrase) starts at token i: (index of its last token,
        whether it ends in a possessive)."""
        tok = self.tokens[i]
        word, possessive = _strip_possessive(tok.text)
        last = i
        if word.lower() == "significant" and (nxt := self.tok(i + 1)) is not None \
                and self.adjacent(i, i + 1) and _strip_possessive(nxt.text)[0].lower() == "other":
            last = i + 1
            possessive = _strip_possessive(nxt.text)[1]
        elif not _is_relation_word(word):
            if not (word in RELATION_WORDS_EXACT and not self.line_is_caps(tok.start)):
                return None
        # "mother in law", "ex wife", "step dad": keep going while the next token extends it.
        while not possessive:
            nxt = self.tok(last + 1)
            if nxt is None or not self.adjacent(last, last + 1):
                break
            if nxt.text.lower() == "in" and (after := self.tok(last + 2)) is not None:
                law, poss = _strip_possessive(after.text)
                if law.lower() in ("law", "laws") and self.adjacent(last + 1, last + 2):
                    last, possessive = last + 2, poss
                    continue
            nxt_word, nxt_poss = _strip_possessive(nxt.text)
            if _is_relation_word(nxt_word):
                last, possessive = last + 1, nxt_poss
                continue
            break
        return last, possessive

    def name_ok(self, i: int, *, first: bool, allow_lower: bool, **cue) -> bool:
        """Whether token i can be part of a person's name here."""
        tok = self.tokens[i]
        word, _ = _strip_possessive(tok.text)
        if len(word) < 2 or not word[0].isalpha():
            return False
        lower = word.lower()
        if _is_relation_word(word) or lower in HONORIFICS or lower in CLINICIAN_TITLES:
            return False
        if is_contraction(word) or is_never_a_name(word) or is_stutter(word):
            return False  # "Yeah, my landlord ...", "Uh, my boss ...", "friends and-and party"
        if lower in MONTH_NAMES:
            nxt = self.tok(i + 1)
            if nxt is not None and nxt.text.isdigit():
                return False
        if word.isupper():
            if is_note_word(word):
                return False
            # A capitals line: an English word is no name unless a list says so ("NEPHEW CALLED MESSAGE").
            if self.english_word_in_capitals(i, word):
                return False
            # Acronyms in mixed-case text ("HTN", "CPS") rarely have a vowel; names do.
            return self.line_is_caps(tok.start) or any(c in "AEIOUY" for c in word)
        if word[0].isupper():
            return not is_common_capitalized(word)
        if not (first and allow_lower) or not word.islower() or is_note_word(word):
            return False
        if is_common_word(word) and not name_strength(word):
            return False  # "children, faith, future orientation"
        return may_be_lowercase_name(word)

    # -- patterns -----------------------------------------------------------------------------

    def after_relation(self, i: int) -> list[tuple[int, int, float]]:
        """Names after a relation word: "her husband Tom", "mother, Ann Smith", "son named Eli",
        "husband's name is Tom", "children Eli and Grace"."""
        rel = self.relation_at(i)
        if rel is None:
            return []
        last, possessive = rel
        j = last + 1
        if possessive:
            # Only "husband's name is Tom"; otherwise what follows is the relative's thing.
            words = [t.text.lower() for t in self.tokens[j : j + 2]]
            if words != ["name", "is"]:
                return []
            j += 2
        elif (tok := self.tok(j)) is not None and tok.text in (",", ":", "-", "(") \
                and self.adjacent(j - 1, j):
            j += 1
        elif [t.text.lower() for t in self.tokens[j : j + 2]] in (["name", ":"], ["name", "is"]):
            # A form field: "Spouse Name: Tom Smith".
            j += 2
        if (tok := self.tok(j)) is not None and tok.text.lower() in NAME_INTRODUCERS:
            j += 1
        if (tok := self.tok(j)) is not None and tok.text.lower() in HONORIFICS:
            j += 2 if (dot := self.tok(j + 1)) is not None and dot.text == "." else 1
        if self.tok(j) is None or not self.adjacent(j - 1, j):
            return []
        name = self.name_forward(j, allow_lower=True)
        if name is None:
            return []
        start, end, k = name
        score = _SCORE_WEAK if self.text[start:end].islower() else _SCORE
        results = [(start, end, score)]
        relation_word = _strip_possessive(self.tokens[last].text)[0].lower()
        if relation_word in RELATION_PLURALS:
            results.extend(self._list_continuation(k))
        return results

    def _list_continuation(self, k: int) -> list[tuple[int, int, float]]:
        """Further names in a list after a plural relation ("Eli, Sam and Grace")."""
        results = []
        while True:
            j = k + 1
            words = []
            while (tok := self.tok(j)) is not None and tok.text.lower() in (",", "and", "&") \
                    and self.adjacent(j - 1, j) and len(words) < 2:
                words.append(tok.text)
                j += 1
            if not words or self.tok(j) is None or not self.adjacent(j - 1, j):
                return results
            name = self.name_forward(j, allow_lower=False)
            if name is None:
                return results
            start, end, k = name
            results.append((start, end, _SCORE))

    def before_relation(self, i: int) -> list[tuple[int, int, float]]:
        """Names before a relation: "Tom (husband)", "Ann Smith (pt's mother)",
        "Ann, her mother,"."""
        tok = self.tokens[i]
        if tok.text not in ("(", ",") or i == 0 or not self.adjacent(i - 1, i):
            return []
        j = i + 1
        saw_determiner = False
        while (nxt := self.tok(j)) is not None and j - i <= 4 and self.adjacent(j - 1, j):
            lower = nxt.text.lower()
            if lower in RELATION_DETERMINERS:
                if tok.text == "," and lower not in _POSSESSIVE_DETERMINERS:
                    return []
                saw_determiner = True
            elif lower not in _MODIFIERS and not lower.startswith("ex-"):
                break
            j += 1
        rel = self.relation_at(j) if self.tok(j) is not None and self.adjacent(j - 1, j) \
            else None
        if rel is None or rel[1]:
            return []
        if tok.text == ",":
            # An apposition needs "her/pt's ..." and must close: "Ann, her mother, called".
            closer = self.tok(rel[0] + 1)
            if not saw_determiner or (closer is not None and closer.text not in
                                      _APPOSITION_CLOSERS):
                return []
        found = self.name_backward(i - 1)
        if found is None:
            return []
        start = found[0]
        end = self.tokens[i - 1].end
        if _strip_possessive(self.tokens[i - 1].text)[1]:
            return []
        return [(start, end, _SCORE if tok.text == "(" else _SCORE_WEAK)]


def _split_relation_hyphen(tok: Token) -> list[Token]:
    """A token with a hyphen, or "DAUGHTER-KRISSY" as relation word, hyphen and name ("step-dad" stays whole)."""
    word, start = tok.text, tok.start
    head, dash, rest = word.partition("-")
    if not dash or not rest or _is_relation_word(word) or not _is_relation_word(head) or _is_relation_word(rest):
        return [tok]
    at = start + len(head)
    return [Token(head, start, at), Token("-", at, at + 1), Token(rest, at + 1, tok.end)]


def _strip_possessive(word: str) -> tuple[str, bool]:
    """Split a trailing "'s" off a word: ("husband", True) for "husband's"."""
    if is_possessive(word):
        return word[:-2], True
    return word, False


def _is_relation_word(word: str) -> bool:
    """Whether a word (any case, possessive already removed) is a relation word."""
    lower = word.lower()
    if lower in RELATION_WORDS:
        return True
    if not lower.startswith(RELATION_PREFIXES) and not lower.endswith(RELATION_SUFFIXES):
        return False  # nothing to strip: the common case ends here
    for suffix in RELATION_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            lower = lower[: -len(suffix)]
    changed = True
    while changed:
        changed = False
        for prefix in RELATION_PREFIXES:
            if lower.startswith(prefix) and len(lower) > len(prefix):
                lower = lower[len(prefix) :]
                changed = True
    return lower in RELATION_WORDS
