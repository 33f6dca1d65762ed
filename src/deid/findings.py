"""Findings (what was found where, never the text itself) and the one place overlaps are resolved."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterable

from deid.entities import PERSON_ENTITIES


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier found in a note: offsets in the original text, type, score, recognizer, action."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    action: str | None = None

    def __len__(self) -> int:
        return self.end - self.start

    def with_action(self, action: str) -> Finding:
        """The same finding, recording the action the policy took."""
        return replace(self, action=action)


class Cover:
    """Which characters a set of spans covers, answered by binary search."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any covered character lies in [start, end)."""
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings sorted by start: overlapping names merge, then the longer span wins, then the higher score."""
    merged = _merge_people([f for f in findings if f.end > f.start])
    chosen: list[Finding] = []
    taken = _Taken()
    # The recognizer is the last tie-break, so the result never depends on the input order.
    ranked = sorted(merged, key=lambda f: (-(f.end - f.start), -f.score, f.start, f.entity_type, f.recognizer))
    for f in ranked:
        # A finding that loses only part of its span keeps the rest: dropping it whole left the
        # characters no winner covers (half of a client's name) in the output.
        for start, end in taken.take(f.start, f.end):
            chosen.append(replace(f, start=start, end=end))
    return sorted(chosen, key=lambda f: f.start)


class _Taken:
    """Disjoint spans already given to a finding, sorted, looked up by binary search (a long
    note has tens of thousands of findings: a linear scan per finding was quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int) -> list[tuple[int, int]]:
        """Claim the parts of [start, end) no earlier span holds, and return them."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        pieces = []
        cursor = start
        while i < len(self.starts) and self.starts[i] < end:
            if self.ends[i] > cursor:
                if self.starts[i] > cursor:
                    pieces.append((cursor, self.starts[i]))
                cursor = self.ends[i]
            i += 1
        if cursor < end:
            pieces.append((cursor, end))
        for s, e in pieces:
            k = bisect_right(self.starts, s)
            self.starts.insert(k, s)
            self.ends.insert(k, e)
        return pieces


def _merge_people(findings: list[Finding]) -> list[Finding]:
    # Overlapping name spans are one person: keep their union. Its role is that of the longest
    # span, except that a role found from context (relation word, title) beats a longer plain
    # NER PERSON. A known client name covering only part of a longer name does not make it the
    # client's ("Tom Reyes" is not the client "Ann Reyes"): fail safe, it stays PERSON.
    people = sorted((f for f in findings if f.entity_type in PERSON_ENTITIES), key=lambda f: f.start)
    others = [f for f in findings if f.entity_type not in PERSON_ENTITIES]
    clusters: list[list[Finding]] = []
    for f in people:
        if clusters and f.start < max(g.end for g in clusters[-1]):
            clusters[-1].append(f)
        else:
            clusters.append([f])
    for cluster in clusters:
        # Ties end on the fail-safe role order, then the recognizer, never on input order.
        best = max(cluster, key=lambda f: (f.end - f.start, f.entity_type != "PERSON", f.score, *_tie(f)))
        contextual = [f for f in cluster if f.entity_type in _CONTEXT_ROLES]
        if best.entity_type == "PERSON" and contextual:
            best = max(contextual, key=lambda f: (f.end - f.start, f.score, *_tie(f)))
        start, end = min(f.start for f in cluster), max(f.end for f in cluster)
        others.append(replace(best, start=start, end=end, score=max(f.score for f in cluster)))
    return others


_CONTEXT_ROLES = frozenset({"RELATIVE", "CLINICIAN"})
# On a tie a relative wins over the client and the clinician, whom an insurer extract keeps.
_FAIL_SAFE_RANK = {"RELATIVE": 2, "PERSON": 1, "PATIENT": 0, "CLINICIAN": 0}


def _tie(f: Finding) -> tuple[int, str, str]:
    return _FAIL_SAFE_RANK.get(f.entity_type, 0), f.entity_type, f.recognizer
