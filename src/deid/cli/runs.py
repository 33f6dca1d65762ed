"""Commands on bulk runs: run (the deid-extract flow here), report, review."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from deid.cli.app import KEY_SOURCES, KeyFileOption, PolicyOption, app, out, read_key
from deid.cli.progress import RunProgress, counting
from deid.errors import DeidError
from deid.flows import PROGRESS_LOG


@app.command()
def run(
    policy: PolicyOption = "research",
    source: Annotated[
        Optional[str],
        typer.Option(help="Parquet/CSV/JSONL file, folder or glob, or a SQLAlchemy URL. Default: generated demo notes."),
    ] = None,
    format: Annotated[Optional[str], typer.Option(help="parquet, csv, jsonl or sql (default: from the name).")] = None,
    query: Annotated[Optional[str], typer.Option(help="SQL query (for a database URL source).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output directory.")] = Path("out"),
    id_column: Annotated[str, typer.Option(help="Column holding the note id.")] = "note_id",
    text_column: Annotated[str, typer.Option(help="Column holding the note text.")] = "text",
    patient_id_column: Annotated[str, typer.Option(help="Column holding the patient id ('' for none).")] = "patient_id",
    known: Annotated[
        Optional[list[str]],
        typer.Option(help="COLUMN=ENTITY of a known-identifier column, repeatable (default: the demo schema's)."),
    ] = None,
    keep: Annotated[Optional[list[str]], typer.Option(help="Other column to copy unchanged, repeatable.")] = None,
    batch_size: Annotated[int, typer.Option(help="Rows per batch (one task each).")] = 128,
    notes: Annotated[int, typer.Option(help="Number of demo notes to generate (no --source).")] = 200,
    seed: Annotated[int, typer.Option(help="Seed of the demo notes.")] = 0,
    key_file: KeyFileOption = None,
    key_secret: Annotated[Optional[str], typer.Option(help="Prefect Secret block holding the key (instead of --key-file or $DEID_KEY).")] = None,
    run_id: Annotated[Optional[str], typer.Option(help="Resume this run (its manifest is in the output directory).")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace another run's outputs in the output directory.")] = False,
    max_note_chars: Annotated[int, typer.Option(help="Longer notes are quarantined.")] = 1_000_000,
    max_quarantine_fraction: Annotated[
        float, typer.Option(help="Fail the run (outputs still written) when more rows than this share are quarantined.")
    ] = 0.05,
    task_runner: Annotated[
        Optional[str],
        typer.Option(help="thread, process or dask (default: $DEID_TASK_RUNNER, else threads; $DEID_WORKERS of them)."),
    ] = None,
    dask_address: Annotated[
        Optional[str],
        typer.Option(help="Dask scheduler to run the batches on, e.g. tcp://10.0.0.5:8786 (implies --task-runner dask; "
                     "without it, dask starts a local cluster)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display (the outputs are still listed).")] = False,
) -> None:
    """Run the deid-extract Prefect flow here (ephemeral Prefect, no server); with no --source, on demo notes."""
    from deid.flows.columns import ExtractColumns
    from deid.flows.prefect_settings import use_prefect_defaults
    from deid.io import OutputLock, RunManifest
    from deid.transform.keyed import ENV_KEY

    use_prefect_defaults()  # before the flow module imports Prefect

    extract = _extract_module()
    flow = extract.deid_extract
    if task_runner or dask_address:
        runner = extract.make_task_runner(task_runner or "dask", dask_address=dask_address)
        flow = flow.with_options(task_runner=runner)
    output = output.resolve()
    OutputLock(output).check()  # a folder another run is writing: say so now, not after Prefect starts
    known_columns = _parse_known(known) if known else dict(extract.SYNTHETIC_KNOWN_COLUMNS)
    if key_file is not None:
        # The flow reads $DEID_KEY (never a parameter: parameters are stored); so do pool workers.
        try:
            os.environ[ENV_KEY] = read_key(key_file).decode("utf-8")
        except UnicodeDecodeError:
            raise DeidError(f"{key_file}: the key file is not UTF-8 text") from None
    if source is None:
        demo_file = _write_demo_notes(output / "input", notes, seed)
        source, format = str(demo_file), "parquet"
        previous = RunManifest.load(output)
        files = (previous.data.get("fingerprint", {}).get("source", {}).get("files") or []) if previous else []
        # A demo run replaces an earlier demo run in the same folder; anything else needs --overwrite.
        if run_id is None and files and all(f["path"] == str(demo_file) for f in files):
            overwrite = True
    columns = ExtractColumns(
        id_column=id_column,
        text_column=text_column,
        patient_id_column=patient_id_column or None,
        known_columns=known_columns,
        keep_columns=tuple(keep or ()),
    )
    _check_run(extract, policy, source, format, columns, key_secret, batch_size, max_note_chars, max_quarantine_fraction)
    progress = None if quiet else RunProgress()
    if progress is not None:
        PROGRESS_LOG.addHandler(progress)
    try:
        result = flow(
            source=source,
            format=format,
            query=query,
            id_column=id_column,
            text_column=text_column,
            patient_id_column=patient_id_column or None,
            known_columns=known_columns,
            keep_columns=list(keep or []),
            policy=policy,
            output_dir=str(output),
            batch_size=batch_size,
            key_secret=key_secret,
            run_id=run_id,
            overwrite=overwrite,
            max_note_chars=max_note_chars,
            max_quarantine_fraction=max_quarantine_fraction,
        )
    finally:
        if progress is not None:
            PROGRESS_LOG.removeHandler(progress)
            progress.close()
    rows = result["rows"]
    out.rule(f"[bold]deid-extract run {result['run_id']}[/bold]")
    out.print(
        f"rows read {rows['read']}, written {rows['written']}, excluded {rows['excluded']}, "
        f"quarantined {rows['quarantined']}"
    )
    # soft_wrap: paths stay on one line (copyable) whatever the terminal width.
    for name in ("notes", "spans", "quarantine"):
        out.print(f"{name + ':':12}{output / name}/part-*.parquet", soft_wrap=True, markup=False)
    out.print(f"{'report:':12}{result['summary']}", soft_wrap=True, markup=False)
    if result.get("report"):
        out.print(f"{'html:':12}{result['report']}", soft_wrap=True, markup=False)


@app.command()
def report(
    output_dir: Annotated[Path, typer.Argument(help="Output directory of a deid-extract run.")],
    html: Annotated[bool, typer.Option("--html", help="Regenerate report/report.html from the run's files.")] = False,
    score_below: Annotated[float, typer.Option(help="Findings scoring below this go to the review queue.")] = 0.6,
) -> None:
    """Print a run's summary as tables (counts, reasons, findings, review queue, policy); no note text."""
    from deid.report.html import write_report
    from deid.report.summary import reconciliation_rows, report_from_dir

    rep = report_from_dir(output_dir, low_score=score_below)
    s = rep.summary
    policy = s.get("policy", {})
    out.rule(f"[bold]deid-extract run {s.get('run_id', '?')}[/bold] ({s.get('status', '?')})")
    rows = Table(title="Rows")
    for label, _ in reconciliation_rows(s):
        rows.add_column(label, justify="right")
    rows.add_column("reconciled")
    rows.add_row(*(str(v) for _, v in reconciliation_rows(s)), "yes" if s.get("reconciled") else "[red]NO[/red]")
    out.print(rows)
    reasons = [("excluded", k, v) for k, v in s.get("excluded_by_reason", {}).items()]
    reasons += [("quarantined", k, v) for k, v in s.get("quarantined_by_reason", {}).items()]
    if reasons:
        t = Table("outcome", "reason", "rows", title="Reasons")
        for outcome, reason, count in reasons:
            t.add_row(outcome, reason, str(count))
        out.print(t)
    findings = s.get("findings", {})
    for title, key in (("Findings by entity type", "by_entity_type"), ("by action", "by_action"), ("by recognizer", "by_recognizer")):
        t = Table("", "findings", title=title)
        for name, count in sorted(findings.get(key, {}).items(), key=lambda kv: -kv[1]):
            t.add_row(name, str(count))
        out.print(t)
    queue = Table("review queue", "count", title="Review queue")
    queue.add_row(f"findings scoring below {score_below:g}", str(rep.low_score_total))
    queue.add_row(f"notes of {rep.long_note_chars}+ chars with zero or few findings", str(rep.sparse_total))
    queue.add_row("notes with part of a known identifier left in the text", str(rep.known_left_total))
    out.print(queue)
    out.print(
        f"policy {policy.get('name')} (hash {str(policy.get('content_hash', ''))[:12]}), "
        f"key fingerprint {s.get('key_fingerprint') or 'none'}, "
        + ", ".join(f"{k} {v}" for k, v in s.get("versions", {}).items()),
        soft_wrap=True, markup=False,
    )
    if html:
        path = write_report(output_dir, low_score=score_below)
        out.print(f"{'report:':12}{path}", soft_wrap=True, markup=False)


@app.command()
def review(
    output_dir: Annotated[Path, typer.Argument(help="Output directory of a deid-extract run.")],
    source: Annotated[str, typer.Option(help="The run's source (file, folder, glob or SQLAlchemy URL), re-read for the original text.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page (it CONTAINS PHI).")] = Path(
        "review-CONTAINS-PHI.html"
    ),
    format: Annotated[Optional[str], typer.Option(help="parquet, csv, jsonl or sql (default: from the name).")] = None,
    query: Annotated[Optional[str], typer.Option(help="SQL query (for a database URL source).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many notes (the review queue first).")] = 50,
    queue_only: Annotated[bool, typer.Option(help="Only notes in the review queue.")] = False,
    score_below: Annotated[float, typer.Option(help="Findings scoring below this go to the review queue.")] = 0.6,
) -> None:
    """Write a local review page: original and redacted text side by side. The page CONTAINS PHI."""
    from deid.report.review import write_review

    if limit < 1:
        raise DeidError(f"--limit must be at least 1, got {limit}")
    with counting("reading the source", None) as advance:
        path, count = write_review(
            output_dir, source, output, format=format, query=query, limit=limit, low_score=score_below,
            queue_only=queue_only, on_rows=lambda rows, found: advance(rows, note=f"{found} notes found"),
        )
    sys.stderr.write(f"deid: warning: {path} CONTAINS PHI (original note text); keep it local and delete it after review\n")
    out.print(f"review page with {count} notes: {path}", soft_wrap=True, markup=False)


def _check_run(extract, policy, source, format, columns, key_secret, batch_size, max_note_chars, max_quarantine_fraction) -> None:
    """Reject now, in one line, what the flow would reject at its start (a SQL query only runs in the flow)."""
    from deid.io import open_source
    from deid.transform.keyed import resolve_key

    loaded, fmt = extract.check_request(policy, source, format, batch_size, max_note_chars, max_quarantine_fraction)
    if not key_secret:
        loaded.require_key(resolve_key(None), f"{KEY_SOURCES} (or name a Prefect Secret block with --key-secret)")
    if fmt != "sql":
        with open_source(source, fmt) as src:
            columns.check(loaded, src.columns)


def _extract_module():
    """The module of the deid-extract flow (imported late: it imports Prefect)."""
    from deid.flows import extract

    return extract


def _parse_known(pairs: list[str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for pair in pairs:
        column, sep, entity = pair.partition("=")
        if not sep or not column.strip() or not entity.strip():
            raise DeidError(f"--known {pair!r}: expected COLUMN=ENTITY, e.g. client_name=PATIENT")
        known[column.strip()] = entity.strip().upper()
    return known


def _write_demo_notes(folder: Path, count: int, seed: int) -> Path:
    """Write `count` seeded synthetic notes with their row columns to folder/demo_notes.parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from deid.io import write_part
    from deid.synthetic import generate_notes

    if count < 1:
        raise DeidError(f"--notes must be at least 1, got {count}")
    rows = (
        {"note_id": n.note_id, "patient_id": n.patient_id, "kind": n.kind, "text": n.text, **n.row}
        for n in generate_notes(count, seed=seed)
    )
    first = next(rows)
    schema = pa.schema([(name, pa.string()) for name in first])
    path = folder / "demo_notes.parquet"
    if path.is_file() and pq.ParquetFile(path).metadata.num_rows == count:
        previous = pq.ParquetFile(path).schema_arrow
        stored_seed = (pq.read_metadata(path).metadata or {}).get(b"deid_demo_seed")
        if previous.equals(schema) and stored_seed == str(seed).encode():
            return path  # same notes as last time: keep the file (and a resumable fingerprint)
    table = pa.Table.from_pylist([first, *rows], schema=schema).replace_schema_metadata(
        {"deid_demo_seed": str(seed)}
    )
    return write_part(folder, path.name, table)


