"""A name's role, once context establishes it in a note, holds at the name's other mentions.

"Her husband Tom ... Tom apologized": the relation word names Tom's role once; the later
mention is found by name lexicons or NER, which know no role (PERSON). After overlaps are
resolved, a PERSON whose every name word belongs to names of one role elsewhere in the note takes
that role. A word shared by names of two roles ("Ann Reyes" the client, "Tom Reyes" her husband)
decides nothing: "Reyes" alone stays PERSON, which every policy treats at least as strictly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from deid.findings import Finding

_ROLES = frozenset({"RELATIVE", "CLINICIAN", "PATIENT"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def carry_roles(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """`findings` (resolved) with each PERSON that repeats the words of a name of one role given that role."""
    findings = list(findings)
    roles: dict[str, set[str]] = {}
    for f in findings:
        if f.entity_type in _ROLES:
            for word in _name_words(text, f):
                roles.setdefault(word, set()).add(f.entity_type)
    if not roles:
        return findings
    out = []
    for f in findings:
        if f.entity_type == "PERSON":
            words = _name_words(text, f)
            shared = set.intersection(*(roles.get(w, set()) for w in words)) if words else set()
            if len(shared) == 1:
                f = replace(f, entity_type=shared.pop())
        out.append(f)
    return out


def _name_words(text: str, f: Finding) -> set[str]:
    """The words of a name, case-folded, without a possessive; initials say nothing about who."""
    words = (_POSSESSIVE.sub("", m.group()).casefold() for m in _WORD.finditer(text, f.start, f.end))
    return {w for w in words if len(w) >= 2}
