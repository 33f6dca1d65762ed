"""The per-run report: aggregates of span records, per-note counts and the summary; markdown for Prefect (HTML: `deid.report.html`).

The report never sees note text: it reads `report/summary.json`, `spans/` (offsets, types, scores,
recognizers, actions) and `notes_index/` (note ids, lengths, finding counts, names of known
columns not found). Everything it writes is safe to share with whoever may see the summary.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import os
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deid.errors import DeidError

# Review-queue rules (defaults; `deid report --html` and `build_report` take others).
LOW_SCORE = 0.6  # findings scoring below this are listed for review
LONG_NOTE_CHARS = 1500  # notes at least this long with few findings are listed
SPARSE_FRACTION = 0.25  # "few": fewer findings per 1,000 chars than this fraction of the run's median
QUEUE_CAP = 500  # rows kept per review-queue table (counts are always complete)
PAGE_SIZE = 25  # rows per page in the HTML tables
SCORE_BINS = 20

REPORT_NAME = "report.html"


class ReportError(DeidError):
    """A run folder cannot be reported on: no summary, unreadable parts."""


@dataclass(frozen=True)
class LowScoreFinding:
    """A finding scoring below the review threshold (offsets only, never text)."""

    note_id: str
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    action: str


@dataclass(frozen=True)
class SparseNote:
    """A long note with zero or unusually few findings for its length."""

    note_id: str
    chars: int
    findings: int

    @property
    def per_1000_chars(self) -> float:
        """Findings per 1,000 characters."""
        return 1000.0 * self.findings / max(self.chars, 1)


@dataclass(frozen=True)
class KnownLeft:
    """A note whose text holds a piece of a row-known identifier (named by column) outside every finding."""

    note_id: str
    columns: tuple[str, ...]


@dataclass
class RunReport:
    """Everything the report shows, aggregated; the review-queue lists are capped, their totals are not."""

    summary: dict[str, Any]
    low_score: float = LOW_SCORE
    long_note_chars: int = LONG_NOTE_CHARS
    score_histogram: list[int] = field(default_factory=lambda: [0] * SCORE_BINS)
    findings_per_note: Counter[int] = field(default_factory=Counter)
    notes_indexed: int = 0
    chars_total: int = 0
    median_per_1000: float = 0.0
    low_score_total: int = 0
    low_score_by_type: Counter[str] = field(default_factory=Counter)
    low_score_findings: list[LowScoreFinding] = field(default_factory=list)
    sparse_total: int = 0
    sparse_notes: list[SparseNote] = field(default_factory=list)
    known_left_total: int = 0
    known_left_by_column: Counter[str] = field(default_factory=Counter)
    known_left_notes: list[KnownLeft] = field(default_factory=list)
    generated_at: str = ""

    def queue_note_ids(self) -> list[str]:
        """Note ids of the review queue, each once: known identifiers left, then sparse, then low scores."""
        ids = [m.note_id for m in self.known_left_notes]
        ids += [s.note_id for s in self.sparse_notes]
        ids += [f.note_id for f in self.low_score_findings]
        return list(dict.fromkeys(ids))

    def flags_by_note(self) -> dict[str, set[str]]:
        """The review-queue reasons of each listed note: `known_left`, `sparse`, `low_score`."""
        flags: dict[str, set[str]] = {}
        for m in self.known_left_notes:
            flags.setdefault(m.note_id, set()).add("known_left")
        for s in self.sparse_notes:
            flags.setdefault(s.note_id, set()).add("sparse")
        for f in self.low_score_findings:
            flags.setdefault(f.note_id, set()).add("low_score")
        return flags


# ---------------------------------------------------------------------------------------------
# Reading a run folder


def load_summary(output_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """`report/summary.json` of a run, or ReportError naming what is missing."""
    path = Path(output_dir) / "report" / "summary.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no run summary here (is {output_dir} a deid-extract output folder?)") from None
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: unreadable summary ({type(exc).__name__})") from None


def iter_part_rows(folder: str | os.PathLike[str], columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows of `folder/part-*.parquet` one part at a time (memory bounded by one part)."""
    import pyarrow.parquet as pq

    for part in sorted(Path(folder).glob("part-*.parquet")):
        try:
            table = pq.read_table(part, columns=list(columns) if columns else None)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types; name the file
            raise ReportError(f"{part}: unreadable part file ({type(exc).__name__})") from None
        yield from table.to_pylist()


# ---------------------------------------------------------------------------------------------
# Aggregation (pure: records in, RunReport out)


def build_report(
    summary: Mapping[str, Any],
    spans: Iterable[Mapping[str, Any]],
    notes: Iterable[Mapping[str, Any]] | None,
    *,
    low_score: float = LOW_SCORE,
    long_note_chars: int = LONG_NOTE_CHARS,
    sparse_fraction: float = SPARSE_FRACTION,
    cap: int = QUEUE_CAP,
) -> RunReport:
    """Aggregate span records and per-note records (note_id, chars, findings, known_left) for a summary.

    `notes` may be None for runs written before `notes_index/` existed: findings per note then
    come from the spans (notes without findings are not counted) and the note-based rules are off.
    """
    report = RunReport(summary=dict(summary), low_score=low_score, long_note_chars=long_note_chars)
    report.generated_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    per_note_from_spans: Counter[str] = Counter()
    lowest: list[tuple[float, int, LowScoreFinding]] = []  # max-heap on score via negation
    for i, s in enumerate(spans):
        score = float(s["score"])
        report.score_histogram[min(int(score * SCORE_BINS), SCORE_BINS - 1) if score >= 0 else 0] += 1
        if notes is None:
            per_note_from_spans[s["note_id"]] += 1
        if score < low_score:
            report.low_score_total += 1
            report.low_score_by_type[s["entity_type"]] += 1
            item = LowScoreFinding(
                str(s["note_id"]), int(s["start"]), int(s["end"]), str(s["entity_type"]), score,
                str(s["recognizer"]), str(s.get("action") or ""),
            )
            # Keep the `cap` lowest scores; ties keep the earliest.
            entry = (-score, -i, item)
            if len(lowest) < cap:
                heapq.heappush(lowest, entry)
            elif entry > lowest[0]:
                heapq.heapreplace(lowest, entry)
    report.low_score_findings = [e[2] for e in sorted(lowest, key=lambda e: (-e[0], -e[1]))]

    if notes is None:
        report.findings_per_note = Counter(per_note_from_spans.values())
        report.notes_indexed = len(per_note_from_spans)
        return report

    lengths: list[tuple[str, int, int]] = []
    for n in notes:
        chars = int(n.get("chars") or 0)
        found = int(n.get("findings") or 0)
        report.findings_per_note[found] += 1
        report.notes_indexed += 1
        report.chars_total += chars
        left = tuple(n.get("known_left") or ())  # absent in older runs' index: nothing listed
        if left:
            report.known_left_total += 1
            report.known_left_by_column.update(left)
            if len(report.known_left_notes) < cap:
                report.known_left_notes.append(KnownLeft(str(n["note_id"]), left))
        if chars >= long_note_chars:
            lengths.append((str(n["note_id"]), chars, found))
    densities = [1000.0 * f / c for _, c, f in lengths if c > 0]
    report.median_per_1000 = statistics.median(densities) if densities else 0.0
    floor = sparse_fraction * report.median_per_1000
    sparse = [SparseNote(i, c, f) for i, c, f in lengths if f == 0 or 1000.0 * f / c < floor]
    report.sparse_total = len(sparse)
    report.sparse_notes = sorted(sparse, key=lambda s: (s.per_1000_chars, -s.chars))[:cap]
    return report


def report_from_dir(
    output_dir: str | os.PathLike[str], *, low_score: float = LOW_SCORE, long_note_chars: int = LONG_NOTE_CHARS
) -> RunReport:
    """Build the report of the run in `output_dir` from its summary, spans and notes_index parts."""
    out = Path(output_dir)
    summary = load_summary(out)
    index = out / "notes_index"
    notes = iter_part_rows(index) if index.is_dir() else None
    return build_report(summary, iter_part_rows(out / "spans"), notes, low_score=low_score, long_note_chars=long_note_chars)



# ---------------------------------------------------------------------------------------------
# Markdown (the Prefect artifact) and plain rows (the terminal)


def reconciliation_rows(summary: Mapping[str, Any]) -> list[tuple[str, int]]:
    """(label, count) rows: read, written, excluded, quarantined."""
    rows = summary.get("rows", {})
    return [(k, int(rows.get(k, 0))) for k in ("read", "written", "excluded", "quarantined")]


def render_markdown(summary: Mapping[str, Any], report_path: str | None = None) -> str:
    """A short markdown summary for the Prefect artifact: counts, findings by type/action, policy; no PHI."""
    rows = dict(reconciliation_rows(summary))
    findings = summary.get("findings", {})
    policy = summary.get("policy", {})
    lines = [
        f"# deid-extract run `{summary.get('run_id', '?')}`",
        "",
        "| read | written | excluded | quarantined | findings | reconciled |",
        "| ---: | ---: | ---: | ---: | ---: | :---: |",
        (
            f"| {rows['read']} | {rows['written']} | {rows['excluded']} | {rows['quarantined']} "
            f"| {findings.get('total', 0)} | {'yes' if summary.get('reconciled') else 'NO'} |"
        ),
        "",
        (
            f"**Policy** `{policy.get('name')}` (hash `{str(policy.get('content_hash', ''))[:12]}`), "
            f"**key fingerprint** `{summary.get('key_fingerprint') or 'none'}`"
        ),
        "",
    ]
    for title, key in (("Findings by entity type", "by_entity_type"), ("Findings by action", "by_action")):
        counts = findings.get(key, {})
        if counts:
            lines += [f"**{title}**", "", "| | count |", "| --- | ---: |"]
            lines += [f"| {k} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
            lines.append("")
    for title, key in (("Excluded", "excluded_by_reason"), ("Quarantined", "quarantined_by_reason")):
        if summary.get(key):
            lines.append(f"**{title}**: " + ", ".join(f"{k}: {v}" for k, v in summary[key].items()))
            lines.append("")
    if report_path:
        lines.append(f"Report (local file, no note text): `{report_path}`")
    return "\n".join(lines) + "\n"
