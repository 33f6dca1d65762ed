"""A name's role, once context establishes it in a note, holds at the name's other mentions.

"Her husband Tom ... Tom apologized": the relation word names Tom's role once; the later
mention is found by name lexicons or NER, which know no role (PERSON). After overlaps are
resolved, a PERSON whose every name word belongs to relatives' names elsewhere in the note is a
RELATIVE. A word shared by names of two roles ("Ann Reyes" the client, "Tom Reyes" her husband)
decides nothing: "Reyes" alone stays PERSON, which every policy treats at least as strictly.

The client's and the clinicians' roles carry only to a repetition of the whole name: some
policies keep those roles (insurer), and a friend named Mark must not be kept because the
clinician is Dr. Mark Lee.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from deid.findings import Finding
from deid.kit.name_shape import POSSESSIVE

_ROLES = frozenset({"RELATIVE", "CLINICIAN", "PATIENT"})
_BY_WORD = frozenset({"RELATIVE"})  # removed or pseudonymized wherever PERSON is: safe to carry by one word
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def carry_roles(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """`findings` (resolved) with each PERSON that repeats a name of one role given that role."""
    findings = list(findings)
    by_word: dict[str, set[str]] = {}
    whole: dict[frozenset[str], set[str]] = {}
    for f in findings:
        if f.entity_type in _ROLES:
            words = _name_words(text, f)
            whole.setdefault(words, set()).add(f.entity_type)
            for word in words:
                by_word.setdefault(word, set()).add(f.entity_type)
    if not by_word:
        return findings
    out = []
    for f in findings:
        if f.entity_type == "PERSON" and (words := _name_words(text, f)):
            shared = set.intersection(*(by_word.get(w, set()) for w in words))
            if len(shared) == 1 and (shared <= _BY_WORD or whole.get(words) == shared):
                f = replace(f, entity_type=shared.pop())
        out.append(f)
    return out


def _name_words(text: str, f: Finding) -> frozenset[str]:
    """The words of a name, case-folded, without a possessive; initials say nothing about who."""
    words = (POSSESSIVE.sub("", m.group()).casefold() for m in _WORD.finditer(text, f.start, f.end))
    return frozenset(w for w in words if len(w) >= 2)
