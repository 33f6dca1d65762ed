"""`deid run`: the one-command extract in Prefect's ephemeral mode, on generated demo notes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PREFECT_ENV, read_parts


def _deid(
    *args: str, home: Path, cwd: Path, own_prefect_settings: bool = False, **extra_env: str
) -> subprocess.CompletedProcess:
    """Run the CLI; with `own_prefect_settings`, without the suite's Prefect settings (deid's own apply)."""
    env = {**os.environ, **PREFECT_ENV, "PREFECT_HOME": str(home), **extra_env}
    dropped = [n for n in PREFECT_ENV if n != "PREFECT_HOME"] if own_prefect_settings else []
    for name in ("PREFECT_API_URL", "DEID_TASK_RUNNER", "DEID_DASK_ADDRESS", "DEID_KEY", *dropped):
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


# Loaded by every Python process of the run (the CLI, Prefect's temporary server, workers): any
# name lookup or connection outside loopback is written down and refused.
_NETWORK_GUARD = '''
import os, socket
_LOG = os.environ["DEID_TEST_NETWORK_LOG"]
def _local(host):
    host = host.decode() if isinstance(host, bytes) else host
    return host in (None, "", "localhost", "::1", "0.0.0.0") or str(host).startswith("127.")
def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(what + "\\n")
    raise OSError("network refused by the test")
_getaddrinfo, _connect = socket.getaddrinfo, socket.socket.connect
def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse(f"lookup {host}")
    return _getaddrinfo(host, *args, **kwargs)
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect {address[0]}")
    return _connect(self, address)
socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect
'''


@pytest.mark.slow
def test_deid_run_stays_on_this_machine(tmp_path: Path) -> None:
    """`deid run` without the test suite's Prefect settings (deid sets its own): no lookup or
    connection leaves loopback in any process, and Prefect's telemetry service never runs."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NETWORK_GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
        "DEID_TEST_NETWORK_LOG": str(log),
    }
    done = _deid("run", "--notes", "4", home=tmp_path / "home", cwd=tmp_path, own_prefect_settings=True, **env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not log.exists(), log.read_text(encoding="utf-8")
    assert "telemetry" not in (done.stdout + done.stderr).lower()


_FAILS_ON_EVERY_NOTE = '''
from presidio_analyzer import EntityRecognizer


class BrokenRecognizer(EntityRecognizer):
    def __init__(self):
        super().__init__(supported_entities=["ACCOUNT_ID"], name="BrokenRecognizer")

    def load(self):
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        raise ValueError("broken")
'''


@pytest.mark.slow
def test_deid_run_that_writes_nothing_fails(tmp_path: Path) -> None:
    """A plug-in failing on every note: `deid run` exits 2 with one line naming the share and the limit."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text(_FAILS_ON_EVERY_NOTE, encoding="utf-8")
    done = _deid("run", "--notes", "4", home=tmp_path / "home", cwd=tmp_path, DEID_RECOGNIZERS=str(plugins))
    assert done.returncode == 2, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("deid: error:")]
    assert len(errors) == 1 and errors[0].startswith(
        "deid: error: 4 of 4 rows were quarantined (100%), more than max_quarantine_fraction 0.05"
    ), done.stderr[-2000:]
    assert json.loads((tmp_path / "out" / "report" / "summary.json").read_text())["status"] == "failed"
