"""Token-level accuracy of detection against gold spans (the metric of shared/corpora/README.md).

A gold token (a maximal run of letters and digits inside a gold span) is caught when any
predicted span covers any of its characters; a predicted token outside every gold span is a
false positive. A label ending in "?" is optional: its tokens are not counted in recall, and a
prediction over them is no false positive (they still get a row of their own). Shapes ("Xxxx", "dd/dd") stand in for the tokens themselves in reports, so a
report can be shared without the identifiers it measured.
"""

from __future__ import annotations

import json
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deid.errors import DeidError
from deid.findings import Cover

_TOKEN = re.compile(r"[^\W_]+")


def shape(token: str) -> str:
    """Word shape: X upper, x lower, d digit, runs cut to 3 ("Reyes" -> "Xxxx", "0329" -> "ddd")."""
    out: list[str] = []
    for ch in token:
        s = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) >= 3 and out[-1] == out[-2] == out[-3] == s:
            continue
        out.append(s)
    return "".join(out)


def tokens_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Maximal letter/digit runs inside text[start:end], as absolute offsets."""
    for m in _TOKEN.finditer(text, start, end):
        yield m.start(), m.end()


@dataclass
class Tally:
    """Hits over a total, with the ratio."""

    hit: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class EvalReport:
    """Recall and precision overall, per gold label and per predicted type, with shapes of the errors."""

    notes: int = 0
    chars: int = 0
    seconds: float = 0.0
    recall: Tally = field(default_factory=Tally)
    precision: Tally = field(default_factory=Tally)
    by_label: dict[str, Tally] = field(default_factory=dict)
    by_type: dict[str, Tally] = field(default_factory=dict)
    missed: Counter = field(default_factory=Counter)  # (gold label, shape or text)
    false: Counter = field(default_factory=Counter)  # (predicted type, shape or text)
    words: int = 0  # all tokens of the notes, for flagged tokens per 1,000
    parts: dict[str, EvalReport] = field(default_factory=dict)  # by `part_of`, when evaluate() built it

    @property
    def f1(self) -> float:
        r, p = self.recall.ratio, self.precision.ratio
        return 2 * r * p / (r + p) if r + p else 0.0

    def add(self, text: str, gold: Sequence[tuple[int, int, str]], predicted: Sequence[tuple[int, int, str]], show_text: bool = False) -> None:
        """Score one note."""
        self.notes += 1
        self.chars += len(text)
        self.words += sum(1 for _ in tokens_in(text, 0, len(text)))
        pred_cover = Cover((s, e) for s, e, _ in predicted)
        gold_cover = Cover((s, e) for s, e, _ in gold)
        # Recall walks gold tokens against predictions; precision, predicted tokens against gold.
        required = [g for g in gold if not is_optional(g[2])]
        optional = [g for g in gold if is_optional(g[2])]
        self._tally(text, required, pred_cover, self.by_label, self.recall, self.missed, show_text)
        self._tally(text, optional, pred_cover, self.by_label, Tally(), Counter(), show_text)
        self._tally(text, predicted, gold_cover, self.by_type, self.precision, self.false, show_text)

    @property
    def flagged_per_1000(self) -> float:
        """Falsely flagged tokens per 1,000 tokens of text (how much of a note is lost for nothing)."""
        return 1000 * (self.precision.total - self.precision.hit) / self.words if self.words else 0.0

    @staticmethod
    def _tally(text, spans, cover: Cover, by_kind: dict, overall: Tally, errors: Counter, show_text: bool) -> None:
        for start, end, kind in spans:
            tally = by_kind.setdefault(kind, Tally())
            for ts, te in tokens_in(text, start, end):
                hit = cover.overlaps(ts, te)
                tally.total += 1
                tally.hit += hit
                overall.total += 1
                overall.hit += hit
                if not hit:
                    errors[(kind, text[ts:te] if show_text else shape(text[ts:te]))] += 1

    def to_dict(self, top: int = 25) -> dict[str, Any]:
        """A JSON-ready summary (shapes only unless the report was built with show_text)."""
        return {
            "notes": self.notes,
            "chars": self.chars,
            "seconds": round(self.seconds, 2),
            "recall": round(self.recall.ratio, 4),
            "precision": round(self.precision.ratio, 4),
            "f1": round(self.f1, 4),
            "false_per_1000_tokens": round(self.flagged_per_1000, 2),
            "gold_tokens": self.recall.total,
            "predicted_tokens": self.precision.total,
            "recall_by_label": {k: {"recall": round(t.ratio, 4), "tokens": t.total} for k, t in sorted(self.by_label.items())},
            "precision_by_type": {k: {"precision": round(t.ratio, 4), "tokens": t.total} for k, t in sorted(self.by_type.items())},
            "parts": {
                name: {"notes": p.notes, "recall": round(p.recall.ratio, 4), "precision": round(p.precision.ratio, 4),
                       "gold_tokens": p.recall.total}
                for name, p in sorted(self.parts.items())
            },
            "top_missed": [[label, s, n] for (label, s), n in self.missed.most_common(top)],
            "top_false_positives": [[entity, s, n] for (entity, s), n in self.false.most_common(top)],
        }


def is_optional(label: str) -> bool:
    """Whether a gold label is optional ("PERSON?"): neither a miss when missed nor false when flagged."""
    return label.endswith("?")


def part_of(record: dict[str, Any]) -> str:
    """The part of a gold file a record belongs to, "A" or "B", by patient.

    One patient's notes stay together. The shared dev files each hold the odd (or even) ids of a
    larger set, so parity would not split them: the second bit does (1, 5, 9 -> A; 3, 7, 11 -> B).
    Study errors in one part and check that a change helps the other too: a change that helps
    only the studied part is fitted to it. Non-numeric ids are split by a stable hash.
    """
    key = record.get("patient", record.get("id"))
    try:
        number = int(key) // 2
    except (TypeError, ValueError):
        number = zlib.crc32(str(key).encode("utf-8"))
    return "A" if number % 2 == 0 else "B"


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file: one {"id", "text", "spans": [{"start", "end", "label"}]} per line."""
    file = Path(path)
    records = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DeidError(f"{file}: cannot read gold file: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, spans = record["text"], record.get("spans", [])
            for s in spans:
                if not (0 <= s["start"] < s["end"] <= len(text)):
                    raise ValueError("span out of bounds")
        except (ValueError, KeyError, TypeError) as exc:
            raise DeidError(f"{file}: line {n}: not a gold record ({type(exc).__name__}: {exc})") from None
        records.append(record)
    return records


def evaluate(
    records: Iterable[dict[str, Any]], redactor, *, show_text: bool = False, batch_size: int = 32,
    on_note: Callable[[], object] | None = None,
) -> EvalReport:
    """Run `redactor` over gold records and score its spans (all actions, keep included).

    The report's `parts` score the two halves of `part_of` separately. `on_note` is called after
    each note is scored (a progress display).
    """
    records = list(records)
    report = EvalReport()
    started = time.perf_counter()
    results = redactor.redact_many(
        (r["text"] for r in records),
        known=(r.get("known") for r in records),
        patient_ids=(None if r.get("patient") is None else str(r["patient"]) for r in records),
        batch_size=batch_size,
    )
    for record, result in zip(records, results):
        gold = [(s["start"], s["end"], s["label"]) for s in record.get("spans", [])]
        predicted = [(s.start, s.end, s.entity_type) for s in result.spans]
        report.add(record["text"], gold, predicted, show_text=show_text)
        report.parts.setdefault(part_of(record), EvalReport()).add(record["text"], gold, predicted)
        if on_note is not None:
            on_note()
    report.seconds = time.perf_counter() - started
    return report
