"""End-to-end scaling of the deid-extract flow from one worker process to two: process pool and Dask.

    python benchmarks/flow_scaling.py                          # 4,000 notes; process pool and Dask; 1 and 2 workers
    python benchmarks/flow_scaling.py --notes 1000 --runners process --repeats 1

N synthetic notes (``deid.synthetic.generate_notes(N, seed)`` with their row columns) are written
once to a Parquet file in a temporary folder. Each measurement is the README's run command on
that file, ``deid run --source notes.parquet --quiet``, in a fresh process (ephemeral Prefect, its
database in a temporary PREFECT_HOME, migrated once by a small warm-up run), with
``$DEID_TASK_RUNNER`` (process: Prefect's process pool, deid's default; dask: a Dask LocalCluster
of single-threaded worker processes) and ``$DEID_WORKERS`` set. The time is the flow's own, from
its ``summary.json`` (``timing.seconds``: from the flow's start to its report, so reading the
source, starting the workers and their Redactors, redaction, writing the parts and the manifest);
the command's wall time, Prefect's start-up included, is printed beside it. One and two workers
take turns (``--repeats`` rounds) so the machine's drift weighs on both; each ratio is the best
two-worker time against the best one-worker time. Only numbers are printed; connections other
than to this machine's loopback (Prefect's temporary server, Dask) are never made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from memory import write_source  # this folder is on sys.path for scripts in it
from throughput import machine_line

SCALING_TARGETS = {"process": 1.9, "dask": 1.8}


@dataclass
class Measured:
    """One `deid run`: the flow's seconds (summary.json) and the command's wall seconds."""

    runner: str
    workers: int
    flow_s: float
    wall_s: float
    rows: int


def deid_run(source: Path, out: Path, runner: str, workers: int, policy: str, batch_size: int, env: dict[str, str]) -> Measured:
    """Run `deid run` on `source` in a fresh process; read the flow's timing from its summary."""
    command = [
        shutil.which("deid") or "deid", "run", "--source", str(source), "--policy", policy,
        "--output", str(out), "--batch-size", str(batch_size), "--quiet",
    ]
    started = time.perf_counter()
    done = subprocess.run(
        command, env={**env, "DEID_TASK_RUNNER": runner, "DEID_WORKERS": str(workers)},
        capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        # The run's own messages name files and counts, never note text.
        raise SystemExit(f"deid run ({runner}, {workers} workers) failed:\n{done.stderr[-2000:]}")
    summary = json.loads((out / "report" / "summary.json").read_text())
    shutil.rmtree(out)
    return Measured(runner, workers, summary["timing"]["seconds"], wall, summary["rows"]["read"])


def best(runs: list[Measured], runner: str, workers: int) -> Measured:
    return min((r for r in runs if r.runner == runner and r.workers == workers), key=lambda r: r.flow_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=4000, help="synthetic notes in the source (default 4000)")
    parser.add_argument("--runners", default="process,dask", help="comma-separated: process, dask (default both)")
    parser.add_argument("--repeats", type=int, default=2, help="rounds of 1 then 2 workers per runner (default 2)")
    parser.add_argument("--policy", default="limited_data_set",
                        help="policy (default limited_data_set: every kind of action, keyed ones included)")
    parser.add_argument("--batch-size", type=int, default=128, help="rows per batch (the flow's default, 128)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    args = parser.parse_args(argv)
    runners = [r.strip() for r in args.runners.split(",") if r.strip()]
    if not runners or any(r not in SCALING_TARGETS for r in runners):
        parser.error(f"--runners: choose from {', '.join(SCALING_TARGETS)}")
    if args.notes < 1 or args.repeats < 1:
        parser.error("--notes and --repeats must be >= 1")

    with tempfile.TemporaryDirectory(prefix="deid-flow-scaling-") as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "PREFECT_HOME": str(root / "prefect"),
            "DEID_KEY": os.environ.get("DEID_KEY") or "flow-scaling-benchmark-key-0123456789",
        }
        source, warmup = root / "notes.parquet", root / "warmup.parquet"
        print(f"generating {args.notes:,} notes (seed {args.seed}) ...", file=sys.stderr)
        for path, n in ((source, args.notes), (warmup, 32)):
            child = get_context("spawn").Process(target=write_source, args=(str(path), n, args.seed))
            child.start()
            child.join()
            if child.exitcode != 0:
                raise SystemExit(f"generating the source failed (exit code {child.exitcode})")
        print("warm-up run (Prefect's database is migrated once) ...", file=sys.stderr)
        deid_run(warmup, root / "out", "process", 1, args.policy, args.batch_size, env)
        runs: list[Measured] = []
        for round_ in range(args.repeats):
            for runner in runners:
                for workers in (1, 2) if round_ % 2 == 0 else (2, 1):
                    runs.append(deid_run(source, root / "out", runner, workers, args.policy, args.batch_size, env))
                    m = runs[-1]
                    print(f"  {runner} x{workers}: flow {m.flow_s:.1f} s, command {m.wall_s:.1f} s", file=sys.stderr)

    print()
    print(machine_line())
    print(f"source: {args.notes:,} synthetic notes (seed {args.seed}), Parquet; policy {args.policy}; "
          f"batch size {args.batch_size}; best of {args.repeats} per row")
    print()
    print("| task runner | workers | flow seconds | notes/s | command seconds | vs 1 worker | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    met = True
    for runner in runners:
        one = best(runs, runner, 1)
        for workers in (1, 2):
            m = best(runs, runner, workers)
            ratio = one.flow_s / m.flow_s
            target = f">= {SCALING_TARGETS[runner]}x" if workers == 2 else ""
            if workers == 2:
                met &= ratio >= SCALING_TARGETS[runner]
            print(f"| {runner} | {workers} | {m.flow_s:.1f} | {m.rows / m.flow_s:.1f} | {m.wall_s:.1f} | "
                  f"{ratio:.2f}x | {target} |")
    print()
    print(f"scaling targets {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
