"""Surname particles belong to the name they stand before ("van der Berg", "de la Cruz", "Ó Briain").

Recognizers find a name by its main word; the short lower-case (or one-letter) words before it
that only occur inside surnames are part of it, whatever found the name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from deid.entities import PERSON_ENTITIES
from deid.findings import Finding
from deid.kit.name_shape import NAME_PARTICLES
from deid.kit.patterns import compile_fast

# A short word and one space or tab right before a position.
_SHORT_WORD_BEFORE = compile_fast(r"(?<![\w'’.-])([^\W\d_]{1,4})[ \t]$")
_MAX_PARTICLES = 2


def with_particles(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """`findings`, each person's name started at the (up to two) surname particles before it."""
    out = []
    for f in findings:
        start = f.start
        if f.entity_type in PERSON_ENTITIES:
            for _ in range(_MAX_PARTICLES):
                m = _SHORT_WORD_BEFORE.search(text, max(0, start - 6), start)
                if m is None or m.group(1).lower() not in NAME_PARTICLES:
                    break
                start = m.start(1)
        out.append(f if start == f.start else dataclasses.replace(f, start=start))
    return out
