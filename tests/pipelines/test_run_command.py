"""`deid run`: the one-command extract in Prefect's ephemeral mode, on generated demo notes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PREFECT_ENV, read_parts


def _deid(*args: str, home: Path, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **PREFECT_ENV, "PREFECT_HOME": str(home), **extra_env}
    for name in ("PREFECT_API_URL", "DEID_TASK_RUNNER", "DEID_DASK_ADDRESS", "DEID_KEY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", "from deid.cli import main; main()", *args],
        capture_output=True, env=env, cwd=cwd, timeout=600, text=True,
    )


@pytest.mark.slow
def test_deid_run_extracts_the_demo_with_no_server(tmp_path: Path) -> None:
    """`deid run --policy research` generates seeded notes, runs the flow ephemerally and prints the outputs."""
    done = _deid("run", "--policy", "research", "--notes", "16", home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    out = tmp_path / "out"
    assert (out / "input" / "demo_notes.parquet").is_file()
    assert f"{out / 'report' / 'summary.json'}" in done.stdout
    summary = json.loads((out / "report" / "summary.json").read_text())
    assert summary["rows"]["read"] == 16 and summary["reconciled"]
    assert summary["policy"]["name"] == "research" and summary["key_fingerprint"] is None
    assert len(read_parts(out / "notes")) == summary["rows"]["written"]

    # A second demo run into the same folder replaces the first (another run would need --overwrite).
    again = _deid("run", "--policy", "insurer", "--notes", "16", home=tmp_path / "home", cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert json.loads((out / "report" / "summary.json").read_text())["policy"]["name"] == "insurer"


def test_deid_run_reports_bad_requests_in_one_line(tmp_path: Path) -> None:
    """A malformed --known option exits with code 2 and one line on stderr, before Prefect starts."""
    done = _deid("run", "--known", "client_name", home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "deid: error: --known 'client_name': expected COLUMN=ENTITY, e.g. client_name=PATIENT"
    ]


def test_deid_run_rejects_a_dask_address_with_another_runner(tmp_path: Path) -> None:
    """--dask-address with --task-runner thread exits with code 2 and one line, before Prefect starts."""
    done = _deid("run", "--task-runner", "thread", "--dask-address", "tcp://127.0.0.1:8786",
                 home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "deid: error: a Dask scheduler address is set but the task runner is 'thread'; use 'dask'"
    ]


@pytest.mark.slow
def test_deid_run_on_a_local_dask_cluster(tmp_path: Path) -> None:
    """`deid run --task-runner dask` runs the batches on a temporary LocalCluster whose workers report to the
    run's one temporary Prefect server (none of their own)."""
    pytest.importorskip("prefect_dask", reason="the dask extra is not installed")
    done = _deid("run", "--task-runner", "dask", "--notes", "12", "--batch-size", "3",
                 home=tmp_path / "home", cwd=tmp_path, DEID_WORKERS="2")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads((tmp_path / "out" / "report" / "summary.json").read_text())
    assert summary["rows"]["read"] == 12 and summary["reconciled"] and summary["batches"]["read"] == 4
    assert "Creating a new Dask cluster" in done.stderr
    assert done.stderr.count("Starting temporary server") == 1, done.stderr[-2000:]
