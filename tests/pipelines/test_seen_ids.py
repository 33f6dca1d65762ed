"""The duplicate-id check's memory: ids kept as 8-byte digests, the same answers as a set of strings."""

from __future__ import annotations

import random

from deid.io import seen
from deid.io.seen import SeenIds


def test_seen_ids_answer_as_a_set_across_merges(monkeypatch) -> None:
    """Ids added before and after the recent set joins the sorted array are all found; others are not."""
    monkeypatch.setattr(seen, "_RECENT", 64)  # merge often
    rnd = random.Random(3)
    ids = [f"note-{rnd.randrange(10**9):09d}" for _ in range(1000)] + ["", "ñandú-7", "id\udcff"]
    kept = SeenIds()
    for note_id in ids:
        kept.add(note_id)
    kept.add(ids[0])  # again: no change
    assert len(kept) == len(set(ids))
    assert all(note_id in kept for note_id in ids)
    assert not any(f"other-{i}" in kept for i in range(1000))
    assert list(kept._sorted) == sorted(kept._sorted) and len(kept._sorted) >= 960


def test_a_million_ids_take_a_few_megabytes() -> None:
    """Kept in a set, a million short ids took 95 MiB; as digests in an array, 8 bytes each."""
    kept = SeenIds()
    for i in range(1 << 17):
        kept.add(f"n{i:06d}")
    assert kept._sorted.itemsize == 8 and len(kept._sorted) == 1 << 17 and not kept._recent
