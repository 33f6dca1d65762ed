"""The benchmark scripts run end to end on a handful of notes (their full runs take hours)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_memory_benchmark_prints_its_table_and_no_note_text(tmp_path: Path) -> None:
    """memory.py with --notes 60 --checkpoints 20,60 measures at both checkpoints, prints the table and the
    Markdown line, and prints nothing of the notes."""
    from deid.synthetic import generate_notes

    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "DO_NOT_TRACK": "1"}
    env.pop("DEID_KEY", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "memory.py"), "--notes", "60", "--checkpoints", "20,60",
         "--batch-size", "16"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line.split() for line in done.stdout.splitlines() if re.fullmatch(r"\s*(20|60)(\s+[\d,.]+){4}", line)]
    assert [r[0] for r in rows] == ["20", "60"], done.stdout
    assert "| notes | peak / RSS at 20 (MiB) | peak / RSS at 60 (MiB) | growth (peak / RSS) | notes/s |" in done.stdout
    assert re.search(r"growth 20 -> 60 notes: peak RSS [+-]\d+\.\d%, RSS [+-]\d+\.\d%", done.stdout)
    for note in generate_notes(60):
        for value in (note.row["client_name"], note.row["mrn"], note.text[:60]):
            assert value not in done.stdout + done.stderr


def test_ablation_benchmark_prints_a_row_per_recognizer_left_out(tmp_path: Path) -> None:
    """ablation.py on a few synthetic notes: the full set's scores, then one row of changes per file
    left out (leaving out the phone recognizer loses recall), and no note text."""
    from deid.synthetic import generate_notes

    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ablation.py"), "--corpora", str(tmp_path), "--synthetic", "20",
         "--leave-out", "phone.py", "url.py"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "| left out | synthetic A R / P | synthetic B R / P |"
    assert lines[2].startswith("| (none: R / P) | ")
    phone = re.fullmatch(r"\| phone\.py \| ([+-]\d\.\d{3}) / [+-]\d\.\d{3} \| ([+-]\d\.\d{3}) / [+-]\d\.\d{3} \|", lines[3])
    assert phone is not None and float(phone.group(1)) + float(phone.group(2)) < 0, lines
    assert lines[4].startswith("| url.py | ")
    for note in generate_notes(20, seed=20261123):
        assert note.row["client_name"] not in done.stdout + done.stderr


def test_throughput_benchmark_takes_turns_and_prints_the_ratio(tmp_path: Path) -> None:
    """throughput.py on a few notes: vanilla Presidio and deid on alternating chunks, both rows and
    the ratio printed, recall and precision for each, and no note text."""
    from deid.synthetic import generate_notes

    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "throughput.py"), "--notes", "6", "--chunk", "2", "--workers", "0"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alternating chunks of 2 notes" in done.stderr
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| (vanilla Presidio|deid research, 1 process) \| (.*) \|$", done.stdout, re.M)}
    assert set(rows) == {"vanilla Presidio", "deid research, 1 process"}, done.stdout
    assert re.search(r"speed ratio deid \(1 process\) / vanilla Presidio: \d+\.\d\dx", done.stdout)
    assert all(re.search(r"\d+\.\d% \| \d+\.\d%$", row) for row in rows.values()), rows
    for note in generate_notes(6):
        assert note.row["client_name"] not in done.stdout + done.stderr
