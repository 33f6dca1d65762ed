"""Token-level accuracy of detection against gold spans (the metric of shared/corpora/README.md).

A gold token (a maximal run of letters and digits inside a gold span) is caught when any
predicted span covers any of its characters; a predicted token outside every gold span is a
false positive. Shapes ("Xxxx", "dd/dd") stand in for the tokens themselves in reports, so a
report can be shared without the identifiers it measured.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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

    @property
    def f1(self) -> float:
        r, p = self.recall.ratio, self.precision.ratio
        return 2 * r * p / (r + p) if r + p else 0.0

    def add(self, text: str, gold: Sequence[tuple[int, int, str]], predicted: Sequence[tuple[int, int, str]], show_text: bool = False) -> None:
        """Score one note."""
        self.notes += 1
        self.chars += len(text)
        pred_cover = Cover((s, e) for s, e, _ in predicted)
        gold_cover = Cover((s, e) for s, e, _ in gold)
        # Recall walks gold tokens against predictions; precision, predicted tokens against gold.
        self._tally(text, gold, pred_cover, self.by_label, self.recall, self.missed, show_text)
        self._tally(text, predicted, gold_cover, self.by_type, self.precision, self.false, show_text)

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
            "gold_tokens": self.recall.total,
            "predicted_tokens": self.precision.total,
            "recall_by_label": {k: {"recall": round(t.ratio, 4), "tokens": t.total} for k, t in sorted(self.by_label.items())},
            "precision_by_type": {k: {"precision": round(t.ratio, 4), "tokens": t.total} for k, t in sorted(self.by_type.items())},
            "top_missed": [[label, s, n] for (label, s), n in self.missed.most_common(top)],
            "top_false_positives": [[entity, s, n] for (entity, s), n in self.false.most_common(top)],
        }


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


def evaluate(records: Iterable[dict[str, Any]], redactor, *, show_text: bool = False, batch_size: int = 32) -> EvalReport:
    """Run `redactor` over gold records and score its spans (all actions, keep included)."""
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
    report.seconds = time.perf_counter() - started
    return report
