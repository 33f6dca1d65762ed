"""The `deid` command line: thin over the library. Errors are one line on stderr, exit code 2."""

from __future__ import annotations

import json
import logging
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


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress (counts only).")] = False) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _read_key(key_file: Path | None) -> bytes | None:
    if key_file is None:
        return None
    try:
        return key_file.read_bytes().strip()
    except OSError as exc:
        raise DeidError(f"{key_file}: cannot read key file: {exc.strerror}") from None


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
    config: ConfigOption = None,
    key_file: KeyFileOption = None,
) -> None:
    """Redact one text and print the result."""
    from deid.redact import Redactor

    text = _read_input(source)
    result = Redactor(policy, key=_read_key(key_file), config=config).redact(text, patient_id=patient_id)
    if as_json:
        payload = {"text": result.text, "spans": [asdict(s) for s in result.spans]}
        out.print_json(json.dumps(payload))
    else:
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")


@app.command()
def policies() -> None:
    """List the bundled policies with a one-line description."""
    from deid.policy import available_policies, load_policy

    table = Table("policy", "description", "needs key")
    for name in available_policies():
        p = load_policy(name)
        table.add_row(name, p.description, "yes" if p.needs_key else "no")
    out.print(table)


@app.command()
def recognizers(config: ConfigOption = None) -> None:
    """List the recognizers in use: name, entities and source file."""
    from deid.config import load_engine_config
    from deid.detect import Detector
    from deid.entities import to_vocabulary

    detector = Detector(load_engine_config(config))
    table = Table("recognizer", "entities", "source")
    table.columns[2].overflow = "fold"
    for rec in sorted(detector.recognizers, key=lambda r: r.name):
        entities = ", ".join(sorted({to_vocabulary(e) for e in rec.supported_entities}))
        table.add_row(rec.name, entities, detector.source_of(rec))
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
) -> None:
    """Measure detection on gold data: token recall and precision, overall and per label."""
    from deid.evaluate import evaluate, load_gold
    from deid.redact import Redactor

    records = load_gold(gold)
    report = evaluate(records, Redactor(policy, key=_read_key(key_file), config=config), show_text=show_text)
    summary = report.to_dict(top=top)
    head = Table("notes", "gold tokens", "recall", "precision", "F1", "notes/s")
    head.add_row(
        str(report.notes), str(report.recall.total), f"{report.recall.ratio:.4f}",
        f"{report.precision.ratio:.4f}", f"{report.f1:.4f}", f"{report.notes / max(report.seconds, 1e-9):.1f}",
    )
    out.print(head)
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


def main() -> None:
    """Console entry point: run the app, turning deid's errors into one line and exit code 2."""
    try:
        app()
    except DeidError as exc:
        sys.stderr.write(f"deid: error: {exc}\n")
        raise SystemExit(2) from None
