"""Peak memory of the deid-extract path (read, redact, write) as a large source streams through it.

    python benchmarks/memory.py                               # 200,000 notes; checkpoints 10k, 50k, 200k
    python benchmarks/memory.py --notes 3000 --checkpoints 500,1000,3000

The source is ``deid.synthetic.generate_notes(N, seed)`` (every note distinct, ~1,900 chars), written
once in chunks to a Parquet file in a temporary folder by a child process, so generating it neither
holds the notes in memory nor raises this process's peak. This process then runs what the flow
runs, in one process and in source order: the Parquet reader in batches, the duplicate-id check,
the `redact-batch` task's body (``redact_batch.fn``: one cached Redactor, ``process_batch``, part
files written atomically) and the manifest rewritten after each batch; like the flow's process it
has Prefect imported. At each checkpoint (notes
read) it records the peak RSS so far (``VmHWM``) and the current RSS (``VmRSS``) from
``/proc/self/status``. Start-up (model, lexicons) sets a peak that streaming may never reach
again, so the RSS growth from the first checkpoint to the last is what shows whether memory stays
flat (target: under 10%), and the peak is what a machine needs (target: under 1.5 GB). Only numbers are printed, never note text, and
connections are refused for the whole run.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from throughput import machine_line, refuse_network  # this folder is on sys.path for scripts in it

ROOT = Path(__file__).resolve().parents[1]
GROWTH_TARGET = 0.10
PEAK_TARGET_MB = 1536
SOURCE_CHUNK = 5000  # notes per Parquet row group while writing the source


@dataclass
class Checkpoint:
    """Memory and time after `notes` notes were read."""

    notes: int
    peak_mb: float
    rss_mb: float | None
    seconds: float


def memory_mb() -> tuple[float, float | None]:
    """(peak RSS, current RSS) of this process in MiB: VmHWM / VmRSS, else getrusage's peak only."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
        )
        return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):  # not Linux: ru_maxrss is KiB on Linux/BSD, bytes on macOS
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024 if sys.platform == "darwin" else 1024), None


def write_source(path: str, n: int, seed: int) -> None:
    """Write `n` synthetic notes and their row columns (all strings) to `path`, SOURCE_CHUNK rows at a time."""
    refuse_network()
    import pyarrow as pa
    import pyarrow.parquet as pq

    from deid.synthetic import generate_notes

    notes = generate_notes(n, seed=seed)
    writer = None
    try:
        while chunk := list(islice(notes, SOURCE_CHUNK)):
            rows = [{"note_id": t.note_id, "patient_id": t.patient_id, "text": t.text, **t.row} for t in chunk]
            if writer is None:
                writer = pq.ParquetWriter(path, pa.schema([(name, pa.string()) for name in rows[0]]))
            writer.write_table(pa.Table.from_pylist(rows, schema=writer.schema))
    finally:
        if writer is not None:
            writer.close()


def _generate(path: Path, n: int, seed: int) -> float:
    """Write the source in a child process; return the seconds it took."""
    started = time.perf_counter()
    child = get_context("spawn").Process(target=write_source, args=(str(path), n, seed))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"generating the source failed (exit code {child.exitcode})")
    return time.perf_counter() - started


def stream(source: Path, out: Path, policy: str, batch_size: int, checkpoints: list[int]) -> list[Checkpoint]:
    """Run the flow's read -> redact-batch -> write -> manifest loop over `source`; measure at each checkpoint."""
    from deid.decide.policy import load_policy
    from deid.flows import extract as flow
    from deid.flows.batch import quarantine_duplicate_ids
    from deid.flows.columns import ExtractColumns
    from deid.io import RunManifest, open_source
    from deid.io.seen import SeenIds
    from deid.transform.keyed import fingerprint

    loaded = load_policy(policy)
    key = flow.load_key(None)  # $DEID_KEY, as the flow reads it without key_secret
    columns = ExtractColumns(
        id_column="note_id", text_column="text", patient_id_column="patient_id",
        known_columns=flow.SYNTHETIC_KNOWN_COLUMNS,
    )
    manifest = RunManifest.start(out, {"source": str(source), "policy": loaded.name, "batch_size": batch_size})
    seen_ids = SeenIds()
    pending = list(checkpoints)
    marks: list[Checkpoint] = []
    read = 0
    started = time.perf_counter()
    with open_source(str(source), "parquet") as src:
        available = src.columns
        columns.check(loaded, available)
        for batch in src.batches(columns.needed(loaded), batch_size):
            batch = quarantine_duplicate_ids(batch, columns.id_column, seen_ids)
            outcome = flow.redact_batch.fn(
                batch, policy, None, columns, str(out), flow.DEFAULT_MAX_NOTE_CHARS, available, fingerprint(key)
            )
            manifest.record(outcome["batch"], outcome["counts"])
            read += outcome["counts"]["read"]
            while pending and read >= pending[0]:
                peak, rss = memory_mb()
                marks.append(Checkpoint(pending.pop(0), peak, rss, time.perf_counter() - started))
                now = "-" if rss is None else f"{rss:,.0f}"
                print(f"  {marks[-1].notes:>9,} notes: peak RSS {peak:,.0f} MiB, RSS {now} MiB, "
                      f"{marks[-1].seconds:,.0f} s", file=sys.stderr)  # a run cut short keeps these
    manifest.finish("completed")
    totals = manifest.totals
    if read != totals["written"] + sum(totals["excluded"].values()) + sum(totals["quarantined"].values()):
        raise SystemExit("counts do not reconcile")
    return marks


def growth(marks: list[Checkpoint], attr: str) -> float | None:
    """Relative change of `attr` (peak_mb or rss_mb) from the first checkpoint to the last."""
    first, last = getattr(marks[0], attr), getattr(marks[-1], attr)
    return None if first is None or last is None else (last - first) / first


def print_report(marks: list[Checkpoint], n: int, seed: int, policy: str, batch_size: int, generated_s: float) -> None:
    first, last = marks[0], marks[-1]
    peak_growth, rss_growth = growth(marks, "peak_mb"), growth(marks, "rss_mb")
    # Start-up (model, lexicons) sets a peak that steady streaming may stay under: the current RSS is
    # what shows a leak, the peak is what the machine must have.
    judged = rss_growth if rss_growth is not None else peak_growth
    print()
    print(machine_line())
    print(f"source: {n:,} synthetic notes (seed {seed}), Parquet, generated in {generated_s:.0f} s; "
          f"policy {policy}; batch size {batch_size}; one process")
    print()
    header = f"{'notes read':>10} {'peak RSS MiB':>13} {'RSS MiB':>9} {'seconds':>9} {'notes/s':>8}"
    print(header)
    print("-" * len(header))
    for m in marks:
        rss = "-" if m.rss_mb is None else f"{m.rss_mb:,.0f}"
        print(f"{m.notes:>10,} {m.peak_mb:>13,.0f} {rss:>9} {m.seconds:>9.0f} {m.notes / m.seconds:>8.1f}")
    print()
    ok = judged < GROWTH_TARGET and last.peak_mb < PEAK_TARGET_MB
    print(f"growth {first.notes:,} -> {last.notes:,} notes: peak RSS {pct(peak_growth)}, RSS {pct(rss_growth)} "
          f"(targets: RSS growth < {100 * GROWTH_TARGET:.0f}%, peak < {PEAK_TARGET_MB / 1024:.1f} GiB: "
          f"{'met' if ok else 'NOT met'})")
    print()
    print("Markdown (README):")
    print()
    print("| notes | " + " | ".join(f"peak / RSS at {m.notes:,} (MiB)" for m in marks)
          + " | growth (peak / RSS) | notes/s |")
    print("| ---: " * (len(marks) + 3) + "|")
    cells = " | ".join(f"{m.peak_mb:,.0f} / {'-' if m.rss_mb is None else f'{m.rss_mb:,.0f}'}" for m in marks)
    print(f"| {n:,} | {cells} | {pct(peak_growth)} / {pct(rss_growth)} | {last.notes / last.seconds:.1f} |")
    print()
    print(f"_{machine_line()}; policy {policy}, batch size {batch_size}, seed {seed}._")


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:+.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200_000, help="notes in the generated source (default 200000)")
    parser.add_argument("--checkpoints", default="10000,50000,200000",
                        help="notes read at which to measure, comma-separated; larger than --notes are dropped and "
                             "--notes is always last (default 10000,50000,200000)")
    parser.add_argument("--batch-size", type=int, default=128, help="rows per batch (the flow's default, 128)")
    parser.add_argument("--policy", default="research", help="policy name or YAML path (default research)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    args = parser.parse_args(argv)
    try:
        wanted = [int(c) for c in args.checkpoints.split(",") if c.strip()]
    except ValueError:
        parser.error(f"--checkpoints {args.checkpoints!r}: expected whole numbers separated by commas")
    if args.notes < 1 or args.batch_size < 1 or any(c < 1 for c in wanted):
        parser.error("--notes, --batch-size and every checkpoint must be >= 1")
    checkpoints = sorted({c for c in wanted if c < args.notes} | {args.notes})

    refuse_network()
    with tempfile.TemporaryDirectory(prefix="deid-memory-") as tmp:
        source = Path(tmp) / "notes.parquet"
        print(f"generating {args.notes:,} notes (seed {args.seed}) ...", file=sys.stderr)
        generated_s = _generate(source, args.notes, args.seed)
        print(f"streaming them through read -> redact -> write (policy {args.policy}) ...", file=sys.stderr)
        marks = stream(source, Path(tmp) / "out", args.policy, args.batch_size, checkpoints)
    print_report(marks, args.notes, args.seed, args.policy, args.batch_size, generated_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
