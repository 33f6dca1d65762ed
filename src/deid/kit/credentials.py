"""Clinical credentials written after a name ("Jane Park, LCSW", "q. lander rrt", "Ph.D."), in
any case and misspelt by a swap of two letters, and those that count only as written ("MA", "RN")."""

from __future__ import annotations

import re

from deid.kit.lexicon import CREDENTIALS, CREDENTIALS_EXACT
from deid.kit.names import is_common_word
from deid.kit.patterns import compile_fast


def _credential_regex(credentials: frozenset[str]) -> str:
    """Alternation of credentials with optional dots between letters ("Ph.D.", "M.D.")."""
    forms = []
    for cred in sorted(credentials, key=len, reverse=True):
        forms.append("".join(re.escape(c) + (r"\.?" if c.isalnum() else "") for c in cred))
    return "|".join(forms)


def _transpositions(credentials: frozenset[str]) -> frozenset[str]:
    """Typos that swap two neighbouring letters of a long credential ("LICWS" for LICSW); none is
    an English word or another credential."""
    typos = set()
    for cred in credentials:
        if len(cred) >= 4 and cred.isalpha():
            typos.update(cred[:k] + cred[k + 1] + cred[k] + cred[k + 2 :] for k in range(len(cred) - 1))
    return frozenset(t for t in typos if t not in credentials and not is_common_word(t))


_BOUNDS = r"(?<![\w.\-/])(?:{})(?![\w\-/])"
_ANY_CASE = CREDENTIALS - CREDENTIALS_EXACT
# Any case, misspelt too: every word of a credential's shape, looked up in a set (one pass; an
# alternation of hundreds of forms, tried at every position, cost a fifth of this recognizer).
_WORD_RE = compile_fast(r"(?<![\w.\-/])[A-Za-z](?:[A-Za-z]|\.(?=[A-Za-z])|[-/](?=[A-Za-z]))*\.?(?![\w\-/])")
_ANY_CASE_FORMS = _ANY_CASE | _transpositions(_ANY_CASE)
_EXACT_RE = compile_fast(_BOUNDS.format(_credential_regex(CREDENTIALS_EXACT)))


def credentials_in(text: str) -> list[tuple[int, int, bool]]:
    """Every credential in the text, in order: (start, end, exact), where `exact` marks one that
    counts only in the case it is listed in (CREDENTIALS_EXACT: "MA", "RN")."""
    return sorted(
        [
            (m.start(), m.end(), False) for m in _WORD_RE.finditer(text)
            if m.group().replace(".", "").upper() in _ANY_CASE_FORMS
        ]
        + [(m.start(), m.end(), True) for m in _EXACT_RE.finditer(text)]
    )
