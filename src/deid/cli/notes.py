"""Commands on one text and on gold data: redact, policies, recognizers, demo, eval."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from deid.cli.app import (
    ConfigOption,
    KeyFileOption,
    PolicyOption,
    app,
    listing,
    out,
    read_input,
    redactor_for,
)
from deid.cli.progress import counting
from deid.errors import DeidError


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
    text = read_input(source)
    values = _parse_known_values(known or [])
    result = redactor_for(policy, key_file, config).redact(text, patient_id=patient_id, known=values)
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
    listing(("policy", "description", "needs key"), rows)


@app.command()
def recognizers(config: ConfigOption = None) -> None:
    """List the recognizers in use: name, entities and source file."""
    from deid.decide import known
    from deid.detect import repeats
    from deid.detect.config import load_engine_config
    from deid.detect.engine import Detector
    from deid.entities import to_vocabulary

    detector = Detector(load_engine_config(config))
    rows = [
        (rec.name, ", ".join(sorted({to_vocabulary(e) for e in rec.supported_entities})), detector.source_of(rec))
        for rec in detector.recognizers
    ]
    # The two steps after the recognizers that also name findings in a report.
    rows.append((known.RECOGNIZER, "the row's known identifiers (any entity)", known.__file__))
    rows.append((repeats.RECOGNIZER, ", ".join(sorted(repeats.SPREAD)) + " (repeats of a found one)", repeats.__file__))
    listing(("recognizer", "entities", "source"), sorted(rows))



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
    redactor = redactor_for(policy, key_file, config)
    with counting("scoring", len(records)) as advance:
        report = evaluate(records, redactor, show_text=show_text, on_note=advance)
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
            with counting(name, len(records)) as advance:
                other = evaluate(changed, redactor, on_note=advance)
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


