"""`deid run`: the one-command extract in Prefect's ephemeral mode, on generated demo notes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from deid.io import RunManifest
from deid.transform.keyed import fingerprint

from support import PREFECT_ENV, read_parts, synthetic_rows, wait_until, write_parquet


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
    # Not a terminal: plain progress lines, ending with every note; none of Prefect's per-task lines.
    progress = [line for line in done.stderr.splitlines() if line.startswith("deid: ")]
    assert progress and progress[-1].startswith("deid: 16 of 16 notes (100%), "), done.stderr[-2000:]
    assert "Finished in state" not in done.stderr and "batch 0:" not in done.stderr

    # A second demo run into the same folder replaces the first (another run would need --overwrite),
    # here with a keyed policy and its key from --key-file.
    key = tmp_path / "key"
    key.write_text("demo-key-123\n")
    again = _deid("run", "--policy", "consultation", "--key-file", str(key), "--notes", "16", "--quiet",
                  home=tmp_path / "home", cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "deid: " not in again.stderr  # --quiet: no progress
    summary = json.loads((out / "report" / "summary.json").read_text())
    assert summary["policy"]["name"] == "consultation" and summary["key_fingerprint"] == fingerprint(b"demo-key-123")


def test_deid_run_reports_bad_requests_in_one_line(tmp_path: Path) -> None:
    """A malformed --known option exits with code 2 and one line on stderr, before Prefect starts."""
    done = _deid("run", "--known", "client_name", home=tmp_path / "home", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "deid: error: --known 'client_name': expected COLUMN=ENTITY, e.g. client_name=PATIENT"
    ]


def test_deid_run_rejects_requests_that_cannot_run_in_one_line_before_prefect_starts(tmp_path: Path) -> None:
    """A missing column, a missing source or a missing key: exit 2, one line, no traceback, no Prefect server."""
    csv = tmp_path / "notes.csv"
    csv.write_text("note_id,body\n1,hello\n")
    cases = {
        ("--source", str(csv)): "deid: error: source has no column 'text' (text_column), 'research_consent' "
        "(authorization column of policy 'research'); its columns: note_id, body",
        ("--source", str(tmp_path / "no_such_folder")): f"deid: error: {tmp_path / 'no_such_folder'}: no such file or folder",
        ("--policy", "consultation"): "deid: error: policy 'consultation' pseudonymizes or shifts dates and needs a key: "
        "pass --key-file FILE or set $DEID_KEY (or name a Prefect Secret block with --key-secret)",
    }
    for args, message in cases.items():
        done = _deid("run", *args, home=tmp_path / "home", cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.splitlines() == [message], done.stderr[-2000:]
    assert not any((tmp_path / "home").rglob("*"))  # Prefect never started (no database, no settings)


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
    done = _deid("-v", "run", "--task-runner", "dask", "--notes", "12", "--batch-size", "3",
                 home=tmp_path / "home", cwd=tmp_path, DEID_WORKERS="2")  # -v: Prefect's own lines too
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
    connection leaves loopback in any process, and Prefect's telemetry service never runs. Its
    default process pool's workers use the run's one temporary Prefect server."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NETWORK_GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
        "DEID_TEST_NETWORK_LOG": str(log),
    }
    done = _deid("-v", "run", "--notes", "4", "--batch-size", "2", home=tmp_path / "home", cwd=tmp_path,
                 own_prefect_settings=True, **env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not log.exists(), log.read_text(encoding="utf-8")
    assert done.stderr.count("Starting temporary server") == 1, done.stderr[-2000:]
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
    """A plug-in failing on every note: `deid run` stops after the first two batches and exits 2 with one
    line naming the recognizer; the summary and report say why (no traceback without -v)."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text(_FAILS_ON_EVERY_NOTE, encoding="utf-8")
    done = _deid("run", "--notes", "60", "--batch-size", "4", home=tmp_path / "home", cwd=tmp_path,
                 DEID_RECOGNIZERS=str(plugins), DEID_WORKERS="1")
    assert done.returncode == 2, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("deid: error:")]
    # No traceback or Prefect failure line repeats it (-v keeps those).
    assert "Traceback" not in done.stderr and "Failed(" not in done.stderr, done.stderr[-2000:]
    assert len(errors) == 1 and re.match(
        r"deid: error: recognizer BrokenRecognizer failed \(ValueError\) on all \d+ notes of the first 2 batches, "
        r"so the run stopped early", errors[0]
    ), done.stderr[-2000:]
    summary = json.loads((tmp_path / "out" / "report" / "summary.json").read_text())
    assert summary["status"] == "failed" and summary["failure"] in errors[0] and summary["reconciled"]
    assert summary["rows"]["read"] < 60 and summary["rows"]["written"] == 0  # it did not read on to the end
    assert summary["redaction_errors"] == {"recognizer BrokenRecognizer failed (ValueError)": summary["rows"]["quarantined"]}
    assert (tmp_path / "out" / "report" / "report.html").is_file()


@pytest.mark.slow
def test_one_run_at_a_time_writes_an_output_folder(extract_module, tmp_path: Path) -> None:
    """While run A writes out/, another run with --overwrite and a second resume of A are refused in one
    line, from the CLI and from the flow itself; once A is killed, its lock is gone."""
    from deid.io import OutputInUseError, OutputLock

    out = tmp_path / "out"
    env = {**os.environ, **PREFECT_ENV, "PREFECT_HOME": str(tmp_path / "home"), "DEID_WORKERS": "1"}
    for name in ("PREFECT_API_URL", "DEID_TASK_RUNNER", "DEID_KEY"):
        env.pop(name, None)
    run_a = subprocess.Popen(
        [sys.executable, "-c", "from deid.cli import main; main()", "run", "--notes", "1500", "--batch-size", "4",
         "--output", str(out)],
        env=env, cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        def running_id():
            manifest = RunManifest.load(out)  # written atomically: absent or whole
            return manifest.run_id if manifest and manifest.finished_batches else None

        run_id = wait_until(running_id, 300, "run A's first batch")
        other = write_parquet(tmp_path / "other.parquet", synthetic_rows(3))
        refused = f"deid: error: {out}: in use by run {run_id} (process "
        for args in (("--source", str(other), "--overwrite"), ("--run-id", run_id)):
            done = _deid("run", "--output", str(out), *args, home=tmp_path / "home", cwd=tmp_path)
            assert done.returncode == 2, done.stderr[-2000:]
            assert done.stderr.startswith(refused) and done.stderr.count("\n") == 1, done.stderr[-2000:]
        # The flow holds the lock itself (deployments do not pass through the CLI).
        with pytest.raises(OutputInUseError, match=f"in use by run {run_id}"):
            extract_module.deid_extract(source=str(other), output_dir=str(out), overwrite=True)
        assert run_a.poll() is None, "run A finished before the checks ended"
    finally:
        os.killpg(run_a.pid, signal.SIGKILL)  # the run and its ephemeral Prefect server
        run_a.wait(30)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run_id"] == run_id and manifest["status"] == "running"  # nothing of A was replaced
    assert not (out / "report").exists() or not (out / "report" / "summary.json").exists()
    OutputLock(out).check()  # a killed run leaves no stale lock


def test_the_readme_demo_numbers_hold() -> None:
    """The README says the default demo reads 200 notes, writes 100 and excludes 100 (no research consent)."""
    from deid.synthetic import generate_notes

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "rows read 200, written 100, excluded 100, quarantined 0" in readme
    consent = [n.row["research_consent"] for n in generate_notes(200, seed=0)]
    assert consent.count("true") == 100 and len(consent) == 200
