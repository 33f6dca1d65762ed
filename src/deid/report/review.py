"""The reviewer's page: original and redacted text side by side, findings highlighted. CONTAINS PHI.

Built only on explicit request (`deid review`), never by a flow. It re-reads the source rows with
the same readers as the flow (`deid.io`), and the run's `notes/` and `spans/` parts, by note id,
for a bounded number of notes: the review queue first.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deid.io.writers import write_text_atomic
from deid.report.summary import (
    LOW_SCORE,
    ReportError,
    RunReport,
    iter_part_rows,
    report_from_dir,
)

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
) -> tuple[RunReport, list[ReviewNote]]:
    """Gather the selected notes: source text by id (streamed), redacted text and spans from the run's parts."""
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


def highlight(text: str, spans: Sequence[Mapping[str, Any]], low_score: float = LOW_SCORE) -> str:
    """`text` as HTML with each finding wrapped in a <mark> titled with its type, score, recognizer and action."""
    parts: list[str] = []
    at = 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = max(int(s["start"]), at), min(int(s["end"]), len(text))
        if end <= start:
            continue
        parts.append(html.escape(text[at:start]))
        title = f"{s['entity_type']} · score {float(s['score']):.2f} · {s['recognizer']} · {s.get('action') or ''}"
        low = " low" if float(s["score"]) < low_score else ""
        parts.append(
            f'<mark class="f{low}" title="{html.escape(title)}">{html.escape(text[start:end])}'
            f'<sup>{html.escape(str(s["entity_type"]))} {float(s["score"]):.2f}</sup></mark>'
        )
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1d2433;background:#f6f7f9}
.phi{background:#b00020;color:#fff;padding:12px 24px;font-weight:700;font-size:15px;position:sticky;top:0;z-index:2}
header{padding:12px 24px;background:#fff;border-bottom:1px solid #d9dee7}header h1{margin:0 0 4px;font-size:18px}
.filters button{border:1px solid #c5ccd8;background:#fff;border-radius:4px;padding:3px 10px;margin-right:6px;cursor:pointer}
.filters button.on{background:#1d2433;color:#fff}main{padding:16px 24px}
article{background:#fff;border:1px solid #d9dee7;border-radius:6px;margin:0 0 16px;padding:12px 16px}
article h2{font-size:15px;margin:0 0 6px}.tag{display:inline-block;background:#fde7c8;border-radius:3px;padding:0 6px;margin-right:4px;font-size:12px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}.cols pre{white-space:pre-wrap;word-wrap:break-word;font:13px/1.5 ui-monospace,monospace;background:#fafbfc;border:1px solid #e3e7ee;padding:8px;margin:0;max-height:520px;overflow:auto}
mark.f{background:#ffe08a;border-radius:2px}mark.low{background:#ffb3b3}mark sup{font:10px system-ui,sans-serif;color:#6b4b00;margin-left:2px}
table{border-collapse:collapse;font-size:12px;margin-top:8px}td,th{padding:2px 8px;border-bottom:1px solid #e3e7ee;text-align:left}
"""

FILTER_JS = """
(function(){
  var buttons=document.querySelectorAll('.filters button'), notes=document.querySelectorAll('article');
  function show(flag){
    buttons.forEach(function(b){b.classList.toggle('on', b.getAttribute('data-flag')===flag);});
    var n=0; notes.forEach(function(a){var ok=flag==='all'||(' '+a.getAttribute('data-flags')+' ').indexOf(' '+flag+' ')>=0; a.style.display=ok?'':'none'; if(ok){n++;}});
    document.getElementById('count').textContent=n+' notes shown';
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){show(b.getAttribute('data-flag'));});});
  show('all');
})();
"""


def render_review(report: RunReport, notes: Sequence[ReviewNote]) -> str:
    """The review page as one self-contained HTML file, marked as containing PHI in its title and banner."""
    s = report.summary
    policy = s.get("policy", {})
    e = html.escape
    p = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">',
        f"<title>CONTAINS PHI: deid review of run {e(str(s.get('run_id', '?')))}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<div class="phi" role="alert">&#9888; {e(PHI_BANNER)}</div>',
        f"<header><h1>deid review: run <code>{e(str(s.get('run_id', '?')))}</code>, policy {e(str(policy.get('name')))}</h1>",
        (
            f"<p>{len(notes)} notes (review queue first). Highlights: findings with type and score; "
            f"red = score below {report.low_score:g}. Hover a highlight for its recognizer and action.</p>"
        ),
        '<div class="filters"><button data-flag="all">all</button>'
        + "".join(f'<button data-flag="{k}">{e(v)}</button>' for k, v in FLAG_LABELS.items())
        + ' <span id="count"></span></div></header><main>',
    ]
    for n in notes:
        tags = "".join(f'<span class="tag">{e(FLAG_LABELS[f])}</span>' for f in sorted(n.flags))
        if n.known_left_columns:
            tags += f'<span class="tag">piece left: {e(", ".join(n.known_left_columns))}</span>'
        rows = "".join(
            f"<tr><td>{sp['start']}</td><td>{sp['end']}</td><td>{e(str(sp['entity_type']))}</td>"
            f"<td>{float(sp['score']):.2f}</td><td>{e(str(sp['recognizer']))}</td><td>{e(str(sp.get('action') or ''))}</td></tr>"
            for sp in n.spans
        )
        redacted = e(n.redacted) if n.redacted is not None else "<i>(not in the run's notes/)</i>"
        p.append(
            f'<article data-flags="{" ".join(sorted(n.flags))}" id="note-{e(n.note_id)}"><h2>note {e(n.note_id)} '
            f"<small>{len(n.original)} chars, {len(n.spans)} findings</small> {tags}</h2>"
            f'<div class="cols"><div><b>original</b><pre>{highlight(n.original, n.spans, report.low_score)}</pre></div>'
            f"<div><b>redacted</b><pre>{redacted}</pre></div></div>"
            f"<details><summary>findings</summary><table><tr><th>start</th><th>end</th><th>type</th><th>score</th>"
            f"<th>recognizer</th><th>action</th></tr>{rows}</table></details></article>"
        )
    p.append(f"</main><script>{FILTER_JS}</script></body></html>")
    return "\n".join(p) + "\n"


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
