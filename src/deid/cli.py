"""The `deid` command line: thin over the library. Errors are one line on stderr, exit code 2."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from deid.errors import DeidError

app = typer.Typer(
    help="De-identify clinical notes per downstream purpose (research, insurer, ...).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # tracebacks could quote note text; errors are one line
)
out = Console(highlight=False)

PolicyOption = Annotated[
    str, typer.Option("--policy", "-p", help="Policy name (see `deid policies`) or path to a YAML file.")
]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", help="Engine config YAML (default: bundled configs/engine.yaml).")
]
KeyFileOption = Annotated[
    Optional[Path],
    typer.Option("--key-file", help="File holding the key for pseudonyms and date shifts (else $DEID_KEY)."),
]


def _print_version(value: bool) -> None:
    if value:
        from deid import __version__

        print(f"deid {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress (counts only).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print deid's version and exit.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        for handler in logging.getLogger().handlers:
            handler.addFilter(_deid_errors_once)


def _deid_errors_once(record: logging.LogRecord) -> bool:
    """Drop Prefect's traceback and failed-state lines for a DeidError: `main` prints it as one line (-v keeps them)."""
    if record.exc_info and isinstance(record.exc_info[1], DeidError):
        return False
    if record.name.startswith(("prefect.flow_runs", "prefect.task_runs")) and isinstance(record.msg, str):
        message = record.getMessage()
        return not (message.startswith("Finished in state Failed(") and _names_deid_error(message))
    return True


def _names_deid_error(message: str) -> bool:
    """True when a Prefect failed-state message names one of deid's error classes ("...: SourceError: ...")."""
    classes = [DeidError]
    for cls in classes:  # grows while iterating: every subclass loaded so far
        if f"exception: {cls.__name__}: " in message:
            return True
        classes += cls.__subclasses__()
    return False


def _read_key(key_file: Path | None) -> bytes | None:
    if key_file is None:
        return None
    try:
        return key_file.read_bytes().strip()
    except OSError as exc:
        raise DeidError(f"{key_file}: cannot read key file: {exc.strerror}") from None


def _redactor(policy: str, key_file: Path | None, config: Path | None):
    """The Redactor of a command, its key from --key-file or $DEID_KEY."""
    from deid.transform.keyed import resolve_key
    from deid.decide.policy import load_policy
    from deid.redact import Redactor

    loaded = load_policy(policy)
    key = resolve_key(_read_key(key_file))
    loaded.require_key(key, KEY_SOURCES)
    return Redactor(loaded, key=key, config=config)


# Where the command line takes a key from, for the message of a policy that needs one.
KEY_SOURCES = "pass --key-file FILE or set $DEID_KEY"


def _read_input(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DeidError(f"{path}: cannot read: {exc.strerror}") from None
        name = str(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeidError(f"{name}: not UTF-8 text (byte {exc.start})") from None


@app.command()
def redact(
    source: Annotated[str, typer.Argument(help="Text file to redact, or - for standard input.")] = "-",
    policy: PolicyOption = "research",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON with the text and the spans.")] = False,
    patient_id: Annotated[Optional[str], typer.Option(help="Patient id (keys per-patient date shifts).")] = None,
    known: Annotated[
        Optional[list[str]],
        typer.Option(help="ENTITY=VALUE of an identifier known for this note, e.g. PATIENT='Dana Whitfield' "
                     "(found wherever it appears; `insurer` keeps the client's name). Repeatable."),
    ] = None,
    config: ConfigOption = None,
    key_file: KeyFileOption = None,
) -> None:
    """Redact one text and print the result."""
    text = _read_input(source)
    values = _parse_known_values(known or [])
    result = _redactor(policy, key_file, config).redact(text, patient_id=patient_id, known=values)
    if as_json:
        payload = {"text": result.text, "spans": [asdict(s) for s in result.spans]}
        out.print_json(json.dumps(payload))
    else:
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")


@app.command()
def policies() -> None:
    """List the bundled policies with a one-line description."""
    from deid.decide.policy import available_policies, load_policy

    rows = []
    for name in available_policies():
        p = load_policy(name)
        rows.append((name, p.description, "yes" if p.needs_key else "no"))
    _listing(("policy", "description", "needs key"), rows)


@app.command()
def recognizers(config: ConfigOption = None) -> None:
    """List the recognizers in use: name, entities and source file."""
    from deid.detect.config import load_engine_config
    from deid.detect.engine import Detector
    from deid.decide import known
    from deid.detect import repeats
    from deid.entities import to_vocabulary

    detector = Detector(load_engine_config(config))
    rows = [
        (rec.name, ", ".join(sorted({to_vocabulary(e) for e in rec.supported_entities})), detector.source_of(rec))
        for rec in detector.recognizers
    ]
    # The two steps after the recognizers that also name findings in a report.
    rows.append((known.RECOGNIZER, "the row's known identifiers (any entity)", known.__file__))
    rows.append((repeats.RECOGNIZER, ", ".join(sorted(repeats.SPREAD)) + " (repeats of a found one)", repeats.__file__))
    _listing(("recognizer", "entities", "source"), sorted(rows))


def _listing(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines, nothing cut or wrapped, when piped or redirected."""
    if not out.is_terminal:
        for row in (header, *rows):
            sys.stdout.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
        return
    table = Table(*header)
    table.columns[-1].overflow = "fold"
    for row in rows:
        table.add_row(*row)
    out.print(table)


@app.command()
def demo(config: ConfigOption = None) -> None:
    """Redact a bundled synthetic therapy note under the research and insurer policies."""
    from deid.redact import Redactor

    text = resources.files("deid").joinpath("data/demo_note.txt").read_text(encoding="utf-8")
    # The row's structured columns: known identifiers, found wherever they appear in the note.
    known = {"PATIENT": "Dana Whitfield", "MRN": "00731942", "MEMBER_ID": "XJH448120977", "DOB": "1988-04-02"}
    for name in ("research", "insurer"):
        result = Redactor(name, config=config).redact(text, known=known, patient_id="demo-1")
        out.rule(f"[bold]policy: {name}[/bold]  ({len(result.spans)} findings)")
        out.print(result.text, markup=False)


@app.command("eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: {id, text, spans: [{start, end, label}]} per line.")],
    policy: PolicyOption = "research",
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the metrics as JSON here.")] = None,
    show_text: Annotated[
        bool, typer.Option("--show-text", help="List missed/false tokens as text, not shapes (contains PHI).")
    ] = False,
    top: Annotated[int, typer.Option(help="How many missed and false-positive shapes to list.")] = 15,
    config: ConfigOption = None,
    key_file: KeyFileOption = None,
    robustness: Annotated[
        bool, typer.Option("--robustness", help="Also score every note in capitals, in lower case and with its names swapped for names of other cultures.")
    ] = False,
) -> None:
    """Measure detection on gold data: token recall and precision, overall, per part and per label."""
    from deid.report.evaluate import evaluate, load_gold

    records = load_gold(gold)
    redactor = _redactor(policy, key_file, config)
    report = evaluate(records, redactor, show_text=show_text)
    summary = report.to_dict(top=top)
    head = Table("notes", "gold tokens", "recall", "precision", "F1", "false/1000 tokens", "notes/s")
    head.add_row(
        str(report.notes), str(report.recall.total), f"{report.recall.ratio:.4f}",
        f"{report.precision.ratio:.4f}", f"{report.f1:.4f}", f"{report.flagged_per_1000:.2f}",
        f"{report.notes / max(report.seconds, 1e-9):.1f}",
    )
    out.print(head)
    parts = Table("part (by patient)", "notes", "gold tokens", "recall", "precision", title="by part")
    for name, part in sorted(report.parts.items()):
        parts.add_row(name, str(part.notes), str(part.recall.total), f"{part.recall.ratio:.4f}", f"{part.precision.ratio:.4f}")
    out.print(parts)
    if robustness:
        from deid.report.robustness import variants

        rows = Table("variant", "recall", "change", "precision", title="robustness")
        rows.add_row("as written", f"{report.recall.ratio:.4f}", "", f"{report.precision.ratio:.4f}")
        summary["robustness"] = {}
        for name, changed in variants(records).items():
            other = evaluate(changed, redactor)
            rows.add_row(name, f"{other.recall.ratio:.4f}", f"{other.recall.ratio - report.recall.ratio:+.4f}", f"{other.precision.ratio:.4f}")
            summary["robustness"][name] = {"recall": round(other.recall.ratio, 4), "precision": round(other.precision.ratio, 4)}
        out.print(rows)
    labels = Table("gold label", "tokens", "recall", title="recall by gold label")
    for label, tally in sorted(report.by_label.items()):
        labels.add_row(label, str(tally.total), f"{tally.ratio:.4f}")
    types = Table("predicted type", "tokens", "precision", title="precision by predicted type")
    for entity, tally in sorted(report.by_type.items()):
        types.add_row(entity, str(tally.total), f"{tally.ratio:.4f}")
    out.print(labels, types)
    what = "text" if show_text else "shape"
    for title, rows in (("most missed", summary["top_missed"]), ("most falsely flagged", summary["top_false_positives"])):
        table = Table("type", what, "tokens", title=title)
        for kind, token, n in rows:
            table.add_row(kind, token, str(n))
        out.print(table, markup=False)
    if json_out is not None:
        json_out.write_text(json.dumps(summary, indent=2), encoding="utf-8")


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
) -> None:
    """Run the deid-extract Prefect flow here (ephemeral Prefect, no server); with no --source, on demo notes."""
    from deid.io import OutputLock, RunManifest
    from deid.flows.batch import ExtractColumns
    from deid.transform.keyed import ENV_KEY
    from deid.flows.prefect_settings import use_prefect_defaults

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
            os.environ[ENV_KEY] = _read_key(key_file).decode("utf-8")
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
    path, count = write_review(
        output_dir, source, output, format=format, query=query, limit=limit, low_score=score_below, queue_only=queue_only
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


def _parse_known_values(pairs: list[str]) -> dict[str, list[str]]:
    from deid.entities import ENTITIES

    known: dict[str, list[str]] = {}
    for pair in pairs:
        entity, sep, value = pair.partition("=")
        entity = entity.strip().upper()
        if not sep or not value.strip() or entity not in ENTITIES:
            raise DeidError(
                f"--known: expected ENTITY=VALUE with ENTITY one of {', '.join(ENTITIES)}, e.g. PATIENT='Dana Whitfield'"
            )
        known.setdefault(entity, []).append(value.strip())
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


def main() -> None:
    """Console entry point: run the app, turning deid's errors into one line and exit code 2."""
    try:
        app()
    except DeidError as exc:
        sys.stderr.write(f"deid: error: {exc}\n")
        raise SystemExit(2) from None
