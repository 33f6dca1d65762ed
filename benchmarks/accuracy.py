"""Accuracy on every gold set at once: both parts of each dev file, and robustness to case and names.

    python benchmarks/accuracy.py [--corpora ../shared/corpora] [--no-robustness] [--json OUT]

Prints one markdown table (the README's accuracy table is this output). The dev files are read
from the shared corpora folder, never copied into the project; the synthetic set is generated
with a seed no rule was tuned on. Each dev file is split by patient into parts A and B
(`deid.report.evaluate.part_of`): study errors in A only, and keep a change only when B gains too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from deid import Redactor
from deid.report.evaluate import evaluate, load_gold
from deid.report.robustness import variants
from deid.synthetic import generate_notes, to_gold_record

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEV_FILES = ("physionet-dev.jsonl", "annomi-dev.jsonl", "presidio-synth-dev.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--policy", default="research")
    parser.add_argument("--synthetic", type=int, default=300, help="synthetic notes (seed 20261123); 0 for none")
    parser.add_argument("--no-robustness", action="store_true")
    parser.add_argument("--only", help="only gold files whose name contains this")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    sets: list[tuple[str, list[dict]]] = [
        (name.removesuffix("-dev.jsonl"), load_gold(args.corpora / name))
        for name in DEV_FILES
        if (args.corpora / name).exists()
    ]
    if args.synthetic:
        sets.append(("synthetic", [to_gold_record(n) for n in generate_notes(args.synthetic, seed=20261123)]))
    if args.only:
        sets = [(n, r) for n, r in sets if args.only in n]
    redactor = Redactor(args.policy)
    rows: dict[str, dict] = {}
    print("| gold set | notes | recall | precision | false/1000 | part A R / P | part B R / P | upper | lower | names swapped |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |")
    for name, records in sets:
        report = evaluate(records, redactor)
        row = report.to_dict(top=0)
        changes = {}
        if not args.no_robustness:
            for variant, changed in variants(records).items():
                changes[variant] = evaluate(changed, redactor).recall.ratio - report.recall.ratio
        row["robustness_recall_change"] = {k: round(v, 4) for k, v in changes.items()}
        rows[name] = row
        parts = [report.parts.get(p) for p in ("A", "B")]
        cells = [f"{p.recall.ratio:.3f} / {p.precision.ratio:.3f}" if p else "-" for p in parts]
        shifts = [f"{changes[k]:+.3f}" if k in changes else "-" for k in ("upper case", "lower case", "names swapped")]
        print(f"| {name} | {report.notes} | {report.recall.ratio:.4f} | {report.precision.ratio:.4f} | "
              f"{report.flagged_per_1000:.2f} | {cells[0]} | {cells[1]} | " + " | ".join(shifts) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
