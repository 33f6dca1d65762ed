"""The run report as one self-contained HTML page (no note text, no identifiers)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from markupsafe import Markup

from deid.io.writers import write_text_atomic
from deid.report.summary import (
    LONG_NOTE_CHARS,
    LOW_SCORE,
    PAGE_SIZE,
    REPORT_NAME,
    SCORE_BINS,
    SPARSE_FRACTION,
    RunReport,
    reconciliation_rows,
    report_from_dir,
)
from deid.report.templates import static, templates


def write_report(
    output_dir: str | os.PathLike[str], *, low_score: float = LOW_SCORE, long_note_chars: int = LONG_NOTE_CHARS
) -> Path:
    """(Re)write `output_dir/report/report.html` atomically and return its path."""
    report = report_from_dir(output_dir, low_score=low_score, long_note_chars=long_note_chars)
    return write_text_atomic(Path(output_dir) / "report" / REPORT_NAME, render_html(report))


def bar_chart(items: Sequence[tuple[str, int]], *, color: str = "#3b6fb6", width: int = 560) -> Markup:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, value)."""
    return templates().get_template("charts.html").module.bar_chart(list(items), color=color, width=width)


def histogram(counts: Sequence[int], labels: Sequence[str], *, color: str = "#3b6fb6", width: int = 560, height: int = 200) -> Markup:
    """A vertical histogram as inline SVG: one bar per bin, ticks and labels on both axes."""
    return templates().get_template("charts.html").module.histogram(list(counts), list(labels), color=color, width=width, height=height)


def findings_per_note_bins(per_note: Mapping[int, int], max_bins: int = 30) -> tuple[list[int], list[str]]:
    """Bin a findings-per-note distribution: one bin per count up to `max_bins`, wider bins beyond."""
    if not per_note:
        return [], []
    top = max(per_note)
    width = max(1, -(-(top + 1) // max_bins))
    nbins = top // width + 1
    counts = [0] * nbins
    for k, v in per_note.items():
        counts[k // width] += v
    labels = [str(i * width) if width == 1 else f"{i * width}-{i * width + width - 1}" for i in range(nbins)]
    return counts, labels


# Labels of the summary's `versions` entries in the Run table.
VERSION_LABELS = {
    "deid": "deid version",
    "model": "spaCy model",
    "model_version": "spaCy model version",
    "prefect": "Prefect version",
    "python": "Python version",
}


def render_html(report: RunReport) -> str:
    """The whole report as one self-contained HTML page (templates/report.html: inline CSS, SVG and a
    small script), every value escaped."""
    s = report.summary
    rows = dict(reconciliation_rows(s))
    findings = s.get("findings", {})
    policy = s.get("policy", {})
    known = s.get("known_identifiers", {})
    columns = s.get("columns", {})
    timing = s.get("timing", {})
    by_count = lambda counts: sorted(counts.items(), key=lambda kv: -kv[1])  # noqa: E731
    per_note_counts, per_note_labels = findings_per_note_bins(report.findings_per_note)
    context = {
        "s": s,
        "report": report,
        "run_id": s.get("run_id", "?"),
        "rows": rows,
        "findings": findings,
        "policy": policy,
        "reconciled": bool(s.get("reconciled")) and rows["read"] == rows["written"] + rows["excluded"] + rows["quarantined"],
        "reasons": [("excluded", k, v) for k, v in s.get("excluded_by_reason", {}).items()]
        + [("quarantined", k, v) for k, v in s.get("quarantined_by_reason", {}).items()],
        "redaction_errors": by_count(s.get("redaction_errors") or {}),
        "by_type": by_count(findings.get("by_entity_type", {})),
        "by_action": by_count(findings.get("by_action", {})),
        "by_recognizer": by_count(findings.get("by_recognizer", {})),
        "per_note_counts": per_note_counts,
        "per_note_labels": per_note_labels,
        "score_labels": [f"{i / SCORE_BINS:.2f}" for i in range(SCORE_BINS)],
        "score_bins": SCORE_BINS,
        "sparse_fraction": SPARSE_FRACTION,
        "low_score_by_type": report.low_score_by_type.most_common(),
        "low_score_rows": [
            (f.note_id, f.start, f.end, f.entity_type, f"{f.score:.2f}", f.recognizer, f.action) for f in report.low_score_findings
        ],
        "sparse_rows": [(n.note_id, n.chars, n.findings, f"{n.per_1000_chars:.2f}") for n in report.sparse_notes],
        "known_rows": [
            (c, n, known.get("missing", {}).get(c, 0), known.get("left", {}).get(c, 0))
            for c, n in known.get("expected", {}).items()
        ],
        "known_left_rows": [(m.note_id, ", ".join(m.columns)) for m in report.known_left_notes],
        "entity_rows": [
            (e, r.get("action"), ", ".join(f"{k}={v}" for k, v in r.items() if k != "action"),
             findings.get("by_entity_type", {}).get(e, 0))
            for e, r in (policy.get("entities") or {}).items()
        ],
        "run_rows": [
            ("key fingerprint", s.get("key_fingerprint") or "none (no key)"),
            *((VERSION_LABELS.get(k, k), v) for k, v in s.get("versions", {}).items()),
            ("started", timing.get("started_at", "")),
            ("finished", timing.get("finished_at", "")),
            ("seconds", timing.get("seconds", "")),
            ("rows per second", timing.get("rows_per_second", "")),
            ("columns written", ", ".join(columns.get("written", []))),
            ("known columns dropped", ", ".join(columns.get("dropped", []))),
            ("batches read", s.get("batches", {}).get("read", "")),
        ],
        "page_size": PAGE_SIZE,
        "css": static("report.css"),
        "js": static("pager.js"),
    }
    return templates().get_template("report.html").render(context)
