"""The note ids a run has seen, in 8 bytes each: the duplicate-id check of a source of any size."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from hashlib import blake2b
from heapq import merge

# Ids seen lately are kept in a set; this many, and they join the sorted array.
_RECENT = 1 << 16


class SeenIds:
    """A set of ids kept as 64-bit BLAKE2b digests: the recent ones in a Python set, the rest in one
    sorted array of unsigned 64-bit integers.

    A million ids held as Python strings in a set took 95 MiB, a fifth of an extract's memory;
    here they take 8 MiB. Two different ids share a digest with a chance of about n**2 / 2**65 (for
    a million ids, 3 in 100 million runs); the later row would then be quarantined as a duplicate,
    never lost or written twice.
    """

    def __init__(self) -> None:
        self._sorted = array("Q")
        self._recent: set[int] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def __contains__(self, note_id: str) -> bool:
        return self._is_seen(_digest(note_id))

    def add(self, note_id: str) -> None:
        """Remember `note_id` (again: no change)."""
        digest = _digest(note_id)
        if self._is_seen(digest):
            return
        self._recent.add(digest)
        if len(self._recent) >= _RECENT:
            # Both sorted: one streaming merge, no list of a million Python integers in between.
            self._sorted = array("Q", merge(self._sorted, sorted(self._recent)))
            self._recent = set()

    def _is_seen(self, digest: int) -> bool:
        if digest in self._recent:
            return True
        i = bisect_left(self._sorted, digest)
        return i < len(self._sorted) and self._sorted[i] == digest


def _digest(note_id: str) -> int:
    # surrogatepass: an id decoded lossily still has a digest (the flow quarantines it elsewhere).
    return int.from_bytes(blake2b(note_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
