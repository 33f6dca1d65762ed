"""The run report as one self-contained HTML page (no note text, no identifiers)."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

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

def write_report(
    output_dir: str | os.PathLike[str], *, low_score: float = LOW_SCORE, long_note_chars: int = LONG_NOTE_CHARS
) -> Path:
    """(Re)write `output_dir/report/report.html` atomically and return its path."""
    report = report_from_dir(output_dir, low_score=low_score, long_note_chars=long_note_chars)
    return write_text_atomic(Path(output_dir) / "report" / REPORT_NAME, render_html(report))


# ---------------------------------------------------------------------------------------------
# HTML


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


CSS = """
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--bar:#3b6fb6;--bar2:#c2622d;--warn:#a33}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#1d2433;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c9d1e0}
main{padding:18px 28px;max-width:1240px}section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 18px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:12px 0 6px}
.tiles{display:flex;flex-wrap:wrap;gap:10px}.tile{flex:1 1 130px;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.tile b{display:block;font-size:24px}.tile span{color:var(--muted)}.bad{color:var(--warn)}.ok{color:#2b7a3d}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line)}
th{background:#eef1f5}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}
.muted{color:var(--muted)}.pager{margin:6px 0;display:flex;gap:8px;align-items:center}
.pager button{border:1px solid var(--line);background:#fff;border-radius:4px;padding:2px 8px;cursor:pointer}
input.filter{padding:3px 6px;border:1px solid var(--line);border-radius:4px;width:220px}
svg text{font:12px system-ui,sans-serif;fill:var(--ink)}.todo{margin:0 0 10px;padding:6px 10px;background:#eef4fb;border-left:3px solid var(--bar)}
"""

# Vanilla pagination and filtering for tables marked data-page; with scripts off every row shows.
PAGER_JS = """
(function(){
  function setup(t){
    var size=parseInt(t.getAttribute('data-page'),10)||25, rows=[].slice.call(t.tBodies[0].rows), page=0, shown=rows;
    var bar=document.createElement('div'); bar.className='pager';
    var f=document.createElement('input'); f.className='filter'; f.placeholder='filter (id, type, recognizer)';
    var prev=document.createElement('button'); prev.textContent='\\u2039 prev';
    var next=document.createElement('button'); next.textContent='next \\u203a';
    var info=document.createElement('span'); info.className='muted';
    bar.appendChild(f); bar.appendChild(prev); bar.appendChild(next); bar.appendChild(info);
    t.parentNode.insertBefore(bar,t);
    function draw(){
      var pages=Math.max(1,Math.ceil(shown.length/size)); if(page>=pages){page=pages-1;}
      rows.forEach(function(r){r.style.display='none';});
      shown.slice(page*size,(page+1)*size).forEach(function(r){r.style.display='';});
      info.textContent='page '+(page+1)+' of '+pages+' ('+shown.length+' rows)';
    }
    f.addEventListener('input',function(){
      var q=f.value.toLowerCase(); shown=rows.filter(function(r){return r.textContent.toLowerCase().indexOf(q)>=0;}); page=0; draw();
    });
    prev.addEventListener('click',function(){if(page>0){page--;draw();}});
    next.addEventListener('click',function(){page++;draw();});
    draw();
  }
  document.querySelectorAll('table[data-page]').forEach(setup);
})();
"""


def bar_chart(items: Sequence[tuple[str, int]], *, color: str = "#3b6fb6", width: int = 560) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, value)."""
    if not items:
        return '<p class="muted">none</p>'
    row, label_w, pad = 22, 170, 60
    top = max(v for _, v in items) or 1
    h = row * len(items) + 6
    parts = [f'<svg role="img" width="{width}" height="{h}" viewBox="0 0 {width} {h}">']
    for i, (label, value) in enumerate(items):
        y = i * row + 3
        w = (width - label_w - pad) * value / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(label[:28])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{color}"><title>{_e(label)}: {value}</title></rect>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(counts: Sequence[int], labels: Sequence[str], *, color: str = "#3b6fb6", width: int = 560, height: int = 200) -> str:
    """A vertical histogram as inline SVG: one bar per bin, ticks and labels on both axes."""
    if not counts or not any(counts):
        return '<p class="muted">no data</p>'
    left, bottom, top_pad = 44, 34, 14
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    base = top_pad + plot_h
    top = max(counts)
    bw = plot_w / len(counts)
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="#999"/>')
    parts.append(f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{base}" stroke="#999"/>')
    for value in sorted({0, top // 2, top}):
        y = base - plot_h * value / top
        parts.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" stroke="#999"/>')
        if value:  # a grid line, except on the axis itself
            parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    for i, c in enumerate(counts):
        h = plot_h * c / top
        x = left + i * bw
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{max(bw - 2, 1):.1f}" height="{h:.1f}" fill="{color}">'
            f"<title>{_e(labels[i])}: {c}</title></rect>"
        )
    step = max(1, -(-len(counts) // 6))
    for i in range(0, len(counts), step):
        x = left + (i + 0.5) * bw
        parts.append(f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" stroke="#999"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle">{_e(labels[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)


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


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = (), page: bool = False) -> str:
    """An HTML table (paged and filterable with `page`); "none" when there are no rows."""
    rows = list(rows)
    if not rows:
        return '<p class="muted">none</p>'
    page = page and len(rows) > PAGE_SIZE
    num = set(numeric)
    out = ["<table" + (f' data-page="{PAGE_SIZE}"' if page else "") + "><thead><tr>"]
    out += [f'<th{" class=n" if i in num else ""}>{_e(h)}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f'<td{" class=n" if i in num else ""}>{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _capped(shown: int, total: int) -> str:
    return f'<p class="muted">showing {shown} of {total}</p>' if total > shown else ""


# Labels of the summary's `versions` entries in the Run table.
VERSION_LABELS = {
    "deid": "deid version",
    "model": "spaCy model",
    "model_version": "spaCy model version",
    "prefect": "Prefect version",
    "python": "Python version",
}


def _todo(sentence: str) -> str:
    """The one sentence under a section's title that says what a privacy officer does with it."""
    return f'<p class="todo">{_e(sentence)}</p>'


def render_html(report: RunReport) -> str:
    """The whole report as one self-contained HTML page (inline CSS, SVG and a small script)."""
    s = report.summary
    rows = dict(reconciliation_rows(s))
    findings = s.get("findings", {})
    policy = s.get("policy", {})
    versions = s.get("versions", {})
    timing = s.get("timing", {})
    reconciled = bool(s.get("reconciled")) and rows["read"] == rows["written"] + rows["excluded"] + rows["quarantined"]
    by_type = sorted(findings.get("by_entity_type", {}).items(), key=lambda kv: -kv[1])
    by_action = sorted(findings.get("by_action", {}).items(), key=lambda kv: -kv[1])
    by_recognizer = sorted(findings.get("by_recognizer", {}).items(), key=lambda kv: -kv[1])
    per_note_counts, per_note_labels = findings_per_note_bins(report.findings_per_note)
    score_labels = [f"{i / SCORE_BINS:.2f}" for i in range(SCORE_BINS)]
    run_id = s.get("run_id", "?")

    def tile(label: str, value: object, cls: str = "") -> str:
        return f'<div class="tile"><b class="{cls}" data-total="{_e(label)}">{_e(value)}</b><span>{_e(label)}</span></div>'

    p: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>deid report: run {_e(run_id)}</title>",
        f"<style>{CSS}</style></head><body>",
        (
            f"<header><h1>deid redaction report</h1><p>run <code>{_e(run_id)}</code> &middot; policy "
            f"<b>{_e(policy.get('name'))}</b> &middot; status {_e(s.get('status'))} &middot; "
            f"generated {_e(report.generated_at)}. No note text or detected values are in this report.</p></header><main>"
        ),
        f'<p class="bad"><b>This run failed:</b> {_e(s["failure"])}</p>' if s.get("failure") else "",
        '<section id="totals"><h2>Totals and reconciliation</h2>',
        _todo(
            "Check that the run reconciles and read each reason: excluded and quarantined rows are in no "
            "output, so an extract that must be complete needs them fixed at the source and a rerun."
        ),
        '<div class="tiles">',
        tile("read", rows["read"]),
        tile("written", rows["written"]),
        tile("excluded", rows["excluded"]),
        tile("quarantined", rows["quarantined"], "bad" if rows["quarantined"] else ""),
        tile("findings", findings.get("total", 0)),
        tile("reconciled", "yes" if reconciled else "NO", "ok" if reconciled else "bad"),
        "</div>",
        (
            f'<p>read {rows["read"]} = written {rows["written"]} + excluded {rows["excluded"]} '
            f'+ quarantined {rows["quarantined"]} '
            f'<b class="{"ok" if reconciled else "bad"}">{"&#10003;" if reconciled else "does NOT reconcile"}</b></p>'
        ),
    ]
    reasons = [("excluded", k, v) for k, v in s.get("excluded_by_reason", {}).items()]
    reasons += [("quarantined", k, v) for k, v in s.get("quarantined_by_reason", {}).items()]
    p.append("<h3>Reasons</h3>" + _table(["outcome", "reason", "rows"], reasons, numeric=[2]))
    if s.get("redaction_errors"):
        p.append(
            "<h3>Redaction errors</h3>"
            + _table(["what failed", "notes"], sorted(s["redaction_errors"].items(), key=lambda kv: -kv[1]), numeric=[1])
        )
    p.append("</section>")

    p.append('<section id="findings"><h2>Findings</h2>')
    p.append(
        _todo(
            "Compare these with what the notes should hold: an entity type with no findings, or a recognizer "
            "far above or below earlier runs of the same source, deserves a look at a few notes with deid review."
        )
    )
    p.append('<div class="grid">')
    p.append(f"<div><h3>By entity type</h3>{bar_chart(by_type)}</div>")
    p.append(f'<div><h3>By action</h3>{bar_chart(by_action, color="#c2622d")}</div>')
    p.append(
        f"<div><h3>Findings per note</h3>{histogram(per_note_counts, per_note_labels)}"
        f'<p class="muted">{report.notes_indexed} notes; x: findings in a note, y: notes</p></div>'
    )
    p.append(
        f'<div><h3>Score histogram</h3>{histogram(report.score_histogram, score_labels, color="#5a8f4e")}'
        f'<p class="muted">x: detection score (bins of {1 / SCORE_BINS:.2f}), y: findings</p></div>'
    )
    p.append("</div><h3>By recognizer</h3>" + _table(["recognizer", "findings"], by_recognizer, numeric=[1]) + "</section>")

    # Review queue.
    p.append('<section id="review"><h2>Review queue</h2>')
    p.append(
        _todo(
            "Open these notes with deid review (a separate local file that contains PHI) and confirm that nothing "
            "identifying is left in the redacted text: each list is a lead to check, not a confirmed error."
        )
    )
    p.append(
        '<div class="tiles">'
        + tile(f"findings scoring below {report.low_score:g}", report.low_score_total, "bad" if report.low_score_total else "")
        + tile(f"notes of {report.long_note_chars}+ chars with few findings", report.sparse_total, "bad" if report.sparse_total else "")
        + tile("notes with part of a known identifier left", report.known_left_total, "bad" if report.known_left_total else "")
        + "</div>"
    )
    p.append(
        '<p class="muted">Offsets are character positions in the original note. Open notes with '
        "<code>deid review OUT_DIR --source ...</code> (a separate file that contains PHI).</p>"
    )
    p.append(f"<h3>Low-confidence findings (score &lt; {report.low_score:g})</h3>")
    if report.low_score_by_type:
        p.append('<p class="muted">by type: ' + ", ".join(f"{_e(k)} {v}" for k, v in report.low_score_by_type.most_common()) + "</p>")
    p.append(
        _table(
            ["note id", "start", "end", "entity type", "score", "recognizer", "action"],
            ((f.note_id, f.start, f.end, f.entity_type, f"{f.score:.2f}", f.recognizer, f.action) for f in report.low_score_findings),
            numeric=[1, 2, 4],
            page=True,
        )
        + _capped(len(report.low_score_findings), report.low_score_total)
    )
    p.append(
        f"<h3>Long notes with zero or unusually few findings</h3><p class=\"muted\">notes of at least "
        f"{report.long_note_chars} characters with no findings or fewer than {SPARSE_FRACTION:g} &times; the median of the run's long notes "
        f"({report.median_per_1000:.2f} findings per 1,000 characters)</p>"
    )
    p.append(
        _table(
            ["note id", "characters", "findings", "per 1,000 chars"],
            ((n.note_id, n.chars, n.findings, f"{n.per_1000_chars:.2f}") for n in report.sparse_notes),
            numeric=[1, 2, 3],
            page=True,
        )
        + _capped(len(report.sparse_notes), report.sparse_total)
    )
    p.append(
        "<h3>Row-known identifiers</h3><p class=\"muted\">A row's known identifiers (its client name, MRN, phone...) "
        "are removed wherever the note writes them, in any of the forms deid looks for. \"Not mentioned\" counts "
        "notes that never write the value: usual, and no risk. \"Piece left\" counts notes that hold a piece of "
        "the value outside every finding (e.g. the last four digits of a member number): check those notes.</p>"
    )
    known = s.get("known_identifiers", {})
    p.append(
        _table(
            ["column", "notes with a value", "not mentioned in the text", "piece left in the text"],
            (
                (c, n, known.get("missing", {}).get(c, 0), known.get("left", {}).get(c, 0))
                for c, n in known.get("expected", {}).items()
            ),
            numeric=[1, 2, 3],
        )
    )
    p.append("<h3>Notes with part of a known identifier left in the text</h3>")
    p.append(
        _table(
            ["note id", "columns"],
            ((m.note_id, ", ".join(m.columns)) for m in report.known_left_notes),
            page=True,
        )
        + _capped(len(report.known_left_notes), report.known_left_total)
    )
    p.append("</section>")

    # Policy, versions, provenance.
    p.append('<section id="policy"><h2>Policy in force</h2>')
    p.append(
        _todo(
            "Confirm that this is the policy approved for this release: its content hash must match the hash of "
            "the reviewed YAML file (deid policies lists the bundled ones)."
        )
    )
    p.append(
        f"<p>name <b>{_e(policy.get('name'))}</b>, content hash <code>{_e(policy.get('content_hash'))}</code>"
        + (f", threshold {_e(policy.get('threshold'))}" if policy.get("threshold") is not None else "")
        + (f", default action <b>{_e(policy.get('default_action'))}</b>" if policy.get("default_action") else "")
        + (f", authorization column <code>{_e(policy.get('authorization_column'))}</code>" if policy.get("authorization_column") else "")
        + "</p>"
    )
    entities = policy.get("entities") or {}
    if entities:
        p.append(
            _table(
                ["entity", "action", "options", "findings"],
                (
                    (e, r.get("action"), ", ".join(f"{k}={v}" for k, v in r.items() if k != "action"), findings.get("by_entity_type", {}).get(e, 0))
                    for e, r in entities.items()
                ),
                numeric=[3],
            )
        )
    p.append("</section>")
    p.append('<section id="run"><h2>Run</h2>')
    p.append(
        _todo(
            "Keep this with the release: it records which software, model and key produced the output "
            "(the key only as a fingerprint, which tells keys apart and cannot be turned back into the key)."
        )
    )
    columns = s.get("columns", {})
    run_rows = [
        ("key fingerprint", s.get("key_fingerprint") or "none (no key)"),
        *((VERSION_LABELS.get(k, k), v) for k, v in versions.items()),
        ("started", timing.get("started_at", "")),
        ("finished", timing.get("finished_at", "")),
        ("seconds", timing.get("seconds", "")),
        ("rows per second", timing.get("rows_per_second", "")),
        ("columns written", ", ".join(columns.get("written", []))),
        ("known columns dropped", ", ".join(columns.get("dropped", []))),
        ("batches read", s.get("batches", {}).get("read", "")),
    ]
    p.append(_table(["", ""], run_rows) + "</section>")
    p.append(f"</main><script>{PAGER_JS}</script></body></html>")
    return "\n".join(p) + "\n"
