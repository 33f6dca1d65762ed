"""What each bundled recognizer is worth: recall and precision with it left out, by part of each gold set.

    python benchmarks/ablation.py [--corpora ../shared/corpora] [--synthetic N] [--leave-out FILE ...]

For every plug-in file in `recognizers/` (or only those named), the engine is built without it
and scored on parts A and B of each dev file (`deid.report.evaluate.part_of`). A recognizer whose loss
shows on one part only, or that gains precision when left out, is the first to audit for fitting.
Prints a Markdown table of changes against the full set; never note text. A full run builds one
engine per file: about 40 s each on the three dev files.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import yaml

from deid import Redactor
from deid.detect.config import load_engine_config
from deid.paths import recognizers_dir
from deid.report.evaluate import evaluate, load_gold, part_of
from deid.synthetic import generate_notes, to_gold_record

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEV_FILES = ("physionet-dev.jsonl", "annomi-dev.jsonl", "presidio-synth-dev.jsonl")


def scores(redactor: Redactor, sets: dict[str, list[dict]]) -> dict[str, tuple[float, float]]:
    """(recall, precision) for each part of each set, keyed "set A" / "set B"."""
    out = {}
    for name, records in sets.items():
        for part in "AB":
            report = evaluate([r for r in records if part_of(r) == part], redactor)
            out[f"{name} {part}"] = (report.recall.ratio, report.precision.ratio)
    return out


def engine_without(left_out: str | None, folder: Path) -> Path:
    """An engine config whose recognizers are the bundled ones but `left_out`, copied into `folder`."""
    plugins = folder / "recognizers"
    plugins.mkdir()
    for file in recognizers_dir().iterdir():
        if file.suffix in (".py", ".yaml") and file.name != left_out:
            shutil.copy(file, plugins / file.name)
    config = load_engine_config().model_dump(mode="json")
    config.update(include_bundled_recognizers=False, recognizer_folders=[str(plugins)])
    path = folder / "engine.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--policy", default="research")
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic notes (seed 20261123) as one more set")
    parser.add_argument("--leave-out", nargs="*", help="only these recognizer files (default: every one)")
    args = parser.parse_args()

    sets = {
        name.removesuffix("-dev.jsonl"): load_gold(args.corpora / name)
        for name in DEV_FILES if (args.corpora / name).exists()
    }
    if args.synthetic:
        sets["synthetic"] = [to_gold_record(n) for n in generate_notes(args.synthetic, seed=20261123)]
    files = args.leave_out or sorted(f.name for f in recognizers_dir().iterdir() if f.suffix in (".py", ".yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        def run(left_out: str | None) -> dict[str, tuple[float, float]]:
            folder = Path(tmp) / (left_out or "all")
            folder.mkdir()
            return scores(Redactor(args.policy, config=engine_without(left_out, folder)), sets)

        full = run(None)
        columns = list(full)
        print("| left out | " + " | ".join(f"{c} R / P" for c in columns) + " |")
        print("| --- |" + " ---: |" * len(columns))
        print("| (none: R / P) | " + " | ".join(f"{r:.3f} / {p:.3f}" for r, p in full.values()) + " |")
        for name in files:
            changed = run(name)
            cells = [f"{changed[c][0] - full[c][0]:+.3f} / {changed[c][1] - full[c][1]:+.3f}" for c in columns]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
