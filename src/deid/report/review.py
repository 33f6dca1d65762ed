"""The reviewer's page: original and redacted text side by side, findings highlighted. CONTAINS PHI.

Built only on explicit request (`deid review`), never by a flow. It re-reads the source rows with
the same readers as the flow (`deid.io`), and the run's `notes/` and `spans/` parts, by note id,
for a bounded number of notes: the review queue first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from deid.io.writers import write_text_atomic
from deid.report.summary import (
    LOW_SCORE,
    ReportError,
    RunReport,
    iter_part_rows,
    report_from_dir,
)
from deid.report.templates import static, templates

DEFAULT_REVIEW_NAME = "review-CONTAINS-PHI.html"
DEFAULT_LIMIT = 50
PHI_BANNER = (
    "CONTAINS PHI: original note text with identifiers highlighted. For authorized review only; "
    "do not share, upload or commit this file, and delete it when the review is done."
)
FLAG_LABELS = {
    "low_score": "low-confidence finding",
    "sparse": "long note, few findings",
    "known_left": "piece of a known identifier left",
}


@dataclass
class ReviewNote:
    """One note for the review page: original and redacted text, its findings and review-queue flags."""

    note_id: str
    original: str
    redacted: str | None
    spans: list[dict[str, Any]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    known_left_columns: tuple[str, ...] = ()


def _fingerprint_columns(output_dir: Path) -> dict[str, Any]:
    manifest = output_dir / "manifest.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint", {}).get("columns", {})
    except (OSError, ValueError):
        return {}


def select_notes(report: RunReport, output_dir: Path, limit: int, queue_only: bool = False) -> list[str]:
    """Up to `limit` note ids: the review queue first, then (unless `queue_only`) other written notes in order."""
    chosen = report.queue_note_ids()[:limit]
    if len(chosen) < limit and not queue_only:
        seen = set(chosen)
        for row in iter_part_rows(output_dir / "notes_index", ["note_id"]) if (output_dir / "notes_index").is_dir() else ():
            if row["note_id"] not in seen:
                chosen.append(row["note_id"])
                seen.add(row["note_id"])
                if len(chosen) >= limit:
                    break
    return chosen


def collect_review(
    output_dir: str | os.PathLike[str],
    source: str,
    *,
    format: str | None = None,
    query: str | None = None,
    limit: int = DEFAULT_LIMIT,
    low_score: float = LOW_SCORE,
    queue_only: bool = False,
    id_column: str | None = None,
    text_column: str | None = None,
    on_rows: Callable[[int, int], object] | None = None,
) -> tuple[RunReport, list[ReviewNote]]:
    """Gather the selected notes: source text by id (streamed), redacted text and spans from the run's
    parts. `on_rows(rows, found)` is called after each batch of source rows (a progress display)."""
    from deid.io import open_source
    from deid.io.sources import as_text

    out = Path(output_dir)
    report = report_from_dir(out, low_score=low_score)
    cols = _fingerprint_columns(out)
    id_col = id_column or cols.get("id") or "note_id"
    text_col = text_column or cols.get("text") or "text"
    wanted = select_notes(report, out, limit, queue_only)
    want = set(wanted)
    flags = report.flags_by_note()
    left = {m.note_id: m.columns for m in report.known_left_notes}

    originals: dict[str, str] = {}
    with open_source(source, format, query=query) as src:
        absent = [c for c in (id_col, text_col) if c not in src.columns]
        if absent:
            raise ReportError(f"source has no column {', '.join(map(repr, absent))} (the run used id {id_col!r}, text {text_col!r})")
        for batch in src.batches([id_col, text_col], 512):
            for row in batch.rows:
                nid = as_text(row.get(id_col))
                text = row.get(text_col)
                if nid in want and nid not in originals and isinstance(text, str):
                    originals[nid] = text
            if on_rows is not None:
                on_rows(batch.size, len(originals))
            if len(originals) == len(want):
                break
    redacted: dict[str, str | None] = {}
    if (out / "notes").is_dir():
        for row in iter_part_rows(out / "notes", [id_col, text_col]):
            if row[id_col] in want:
                redacted[row[id_col]] = row[text_col]
    spans: dict[str, list[dict[str, Any]]] = {}
    if (out / "spans").is_dir():
        for row in iter_part_rows(out / "spans"):
            if row["note_id"] in want:
                spans.setdefault(row["note_id"], []).append(row)
    notes = [
        ReviewNote(
            nid, originals[nid], redacted.get(nid), sorted(spans.get(nid, []), key=lambda s: (s["start"], s["end"])),
            flags.get(nid, set()), left.get(nid, ()),
        )
        for nid in wanted
        if nid in originals
    ]
    return report, notes


def highlight(text: str, spans: Sequence[Mapping[str, Any]], low_score: float = LOW_SCORE) -> Markup:
    """`text` as HTML with each finding wrapped in a <mark> titled with its type, score, recognizer and
    action; the text and every field escaped."""
    parts: list[str] = []
    at = 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = max(int(s["start"]), at), min(int(s["end"]), len(text))
        if end <= start:
            continue
        score = float(s["score"])
        title = f"{s['entity_type']} · score {score:.2f} · {s['recognizer']} · {s.get('action') or ''}"
        parts += [
            escape(text[at:start]),
            Markup('<mark class="f{}" title="{}">{}<sup>{} {}</sup></mark>').format(
                " low" if score < low_score else "", title, text[start:end], s["entity_type"], f"{score:.2f}"
            ),
        ]
        at = end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)


def render_review(report: RunReport, notes: Sequence[ReviewNote]) -> str:
    """The review page as one self-contained HTML file (templates/review.html), marked as containing
    PHI in its title and banner; every value escaped."""
    s = report.summary
    return templates().get_template("review.html").render(
        run_id=str(s.get("run_id", "?")),
        policy_name=str(s.get("policy", {}).get("name")),
        banner=PHI_BANNER,
        flag_labels=FLAG_LABELS,
        notes=notes,
        low_score=report.low_score,
        highlight=highlight,
        css=static("review.css"),
        js=static("filter.js"),
    )


def write_review(
    output_dir: str | os.PathLike[str],
    source: str,
    destination: str | os.PathLike[str] = DEFAULT_REVIEW_NAME,
    **options: Any,
) -> tuple[Path, int]:
    """Build the review page for the run in `output_dir` and write it (owner-only permissions) to `destination`."""
    report, notes = collect_review(output_dir, source, **options)
    path = write_text_atomic(Path(destination), render_review(report, notes), mode=0o600)
    return path, len(notes)
