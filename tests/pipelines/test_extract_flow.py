"""The deid-extract flow called in-process against a temporary Prefect database (ephemeral mode)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from support import PREFECT_ENV, read_parts, synthetic_rows, wait_until, write_parquet
from deid.errors import DeidError, KeyRequiredError
from deid.io import RunManifest


def _run(extract_module, source: Path | str, out: Path, **params):
    params.setdefault("known_columns", extract_module.SYNTHETIC_KNOWN_COLUMNS)
    return extract_module.deid_extract(source=str(source), output_dir=str(out), **params)


def test_flow_writes_parts_and_a_reconciled_summary(extract_module, tmp_path: Path) -> None:
    """A Parquet extract writes notes, spans and report/summary.json whose counts reconcile."""
    rows = synthetic_rows(12)
    source = write_parquet(tmp_path / "in" / "notes.parquet", rows)
    result = _run(extract_module, source, tmp_path / "out", batch_size=5, policy="insurer")
    out = tmp_path / "out"
    summary = json.loads((out / "report" / "summary.json").read_text())
    authorized = sum(r["roi_signed"] == "true" for r in rows)
    assert result["rows"] == summary["rows"] == {
        "read": 12, "written": authorized, "excluded": 12 - authorized, "quarantined": 0,
    }
    assert summary["excluded_by_reason"] == ({"roi_signed not true": 12 - authorized} if authorized < 12 else {})
    assert summary["reconciled"] and summary["batches"]["read"] == 3
    assert summary["policy"]["name"] == "insurer" and len(summary["policy"]["content_hash"]) == 64
    assert summary["versions"]["model"] and summary["versions"]["deid"]
    assert summary["findings"]["total"] == len(read_parts(out / "spans"))
    assert summary["timing"]["rows_per_second"] > 0
    notes = read_parts(out / "notes")
    assert len(notes) == authorized
    assert set(notes[0]) == {"note_id", "text", "client_name", "member_id", "dob", "clinician", "date_of_service"}
    assert json.loads((out / "manifest.json").read_text())["status"] == "completed"


def test_prefect_stores_no_note_text(extract_module, tmp_path: Path) -> None:
    """After a run, Prefect's database holds no note text or known identifier, only counts and paths."""
    from prefect.settings import get_current_settings

    rows = synthetic_rows(4, seed=7, research_consent="true")
    canary = "Quillon Zabrowski-Vantreece"
    rows[0]["text"] += f"\nCollateral call with her brother {canary}.\n"
    source = write_parquet(tmp_path / "notes.parquet", rows)
    _run(extract_module, source, tmp_path / "out")
    db_url = get_current_settings().server.database.connection_url.get_secret_value()
    db = Path(db_url.split("///", 1)[1])
    blob = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    for secret in (canary, rows[0]["client_name"], rows[1]["text"][40:80]):
        assert secret.encode() not in blob
    assert canary not in json.dumps(read_parts(tmp_path / "out" / "notes"))


def test_bad_rows_in_jsonl_are_quarantined_and_the_run_goes_on(extract_module, tmp_path: Path) -> None:
    """Broken JSON lines and non-string texts end in quarantine with reasons; counts still reconcile."""
    rows = synthetic_rows(5, research_consent="true")
    rows[1]["text"] = 12345
    path = tmp_path / "notes.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps(row) + "\n")
            if i == 2:
                fh.write('{"note_id": "broken", "text": \n')
    result = _run(extract_module, path, tmp_path / "out", batch_size=2, max_quarantine_fraction=1)
    assert result["rows"] == {"read": 6, "written": 4, "excluded": 0, "quarantined": 2}
    summary = json.loads((tmp_path / "out" / "report" / "summary.json").read_text())
    assert summary["quarantined_by_reason"] == {"invalid_json": 1, "not_a_string": 1}
    reasons = {q["reason"] for q in read_parts(tmp_path / "out" / "quarantine")}
    assert reasons == {"invalid JSON at line 4", "text is int, not a string"}


def test_sqlite_source_runs_through_the_flow(extract_module, tmp_path: Path) -> None:
    """A SQLAlchemy URL plus query is a source like a file."""
    import sqlalchemy as sa

    rows = synthetic_rows(6)
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (" + ", ".join(f"{c} TEXT" for c in rows[0]) + ")"))
        conn.execute(sa.text("INSERT INTO notes VALUES (" + ", ".join(f":{c}" for c in rows[0]) + ")"), rows)
    engine.dispose()
    result = _run(extract_module, url, tmp_path / "out", query="SELECT * FROM notes", batch_size=4)
    consented = sum(r["research_consent"] == "true" for r in rows)
    assert result["rows"]["read"] == 6 and result["rows"]["written"] == consented


def test_request_errors_stop_before_any_output(extract_module, tmp_path: Path) -> None:
    """A missing text column, a keyed policy without a key and a bad source fail before output exists."""
    source = write_parquet(tmp_path / "notes.parquet", synthetic_rows(2))
    out = tmp_path / "out"
    with pytest.raises(DeidError, match=r"'body' \(text_column\)"):
        _run(extract_module, source, out, text_column="body")
    with pytest.raises(KeyRequiredError, match="needs a key"):
        _run(extract_module, source, out, policy="consultation")
    with pytest.raises(DeidError, match="no such file"):
        _run(extract_module, tmp_path / "missing.parquet", out)
    assert not out.exists()


def test_keyed_policy_reads_the_key_from_the_environment(extract_module, tmp_path: Path, monkeypatch) -> None:
    """With $DEID_KEY set a keyed policy runs; the summary has the key's fingerprint, never the key."""
    monkeypatch.setenv("DEID_KEY", "flow-test-key-123")
    source = write_parquet(tmp_path / "notes.parquet", synthetic_rows(3))
    _run(extract_module, source, tmp_path / "out", policy="consultation")
    text = (tmp_path / "out" / "report" / "summary.json").read_text()
    assert json.loads(text)["key_fingerprint"] and "flow-test-key-123" not in text
    assert "flow-test-key-123" not in (tmp_path / "out" / "manifest.json").read_text()


KILLABLE = """
if __name__ == "__main__":
    from deid.flows import extract as m
    m.deid_extract(source={source!r}, output_dir={out!r}, run_id="run-1", batch_size=2,
                   known_columns=m.SYNTHETIC_KNOWN_COLUMNS)
"""


@pytest.mark.slow
def test_a_killed_run_resumes_with_its_run_id(extract_module, tmp_path: Path) -> None:
    """SIGKILL mid-run, rerun with the same run id: finished batches are skipped, every row lands exactly once
    in notes, quarantine or the excluded count (a duplicate id late in the source is still caught after the resume)."""
    rows = synthetic_rows(60, research_consent="true")
    rows[7]["text"] = None  # quarantined: missing text
    rows[33]["research_consent"] = "false"  # excluded
    rows[50]["note_id"] = rows[3]["note_id"]  # quarantined: duplicate id (its first row is in batch 1)
    source = write_parquet(tmp_path / "notes.parquet", rows)
    out = tmp_path / "out"
    script = tmp_path / "killable.py"
    script.write_text(KILLABLE.format(source=str(source), out=str(out)))
    env = {**os.environ, **PREFECT_ENV, "PREFECT_HOME": str(tmp_path / "home"), "DEID_WORKERS": "1"}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([sys.executable, str(script)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def some_batches_done():
            manifest = RunManifest.load(out)  # written atomically: absent or whole
            ranges = manifest.data["finished_batches"] if manifest else []
            return ranges and ranges[0][1] >= 2

        wait_until(some_batches_done, 180, "the first batches to finish")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its ephemeral Prefect server
        proc.wait(30)
    killed = json.loads((out / "manifest.json").read_text())
    finished_before = sum(b - a + 1 for a, b in killed["finished_batches"])
    assert killed["status"] == "running" and finished_before < 30, "the run finished before it was killed"

    result = _run(extract_module, source, out, run_id="run-1", batch_size=2)
    summary = json.loads((out / "report" / "summary.json").read_text())
    assert summary["batches"]["skipped_as_finished"] == finished_before, summary["batches"]
    assert summary["batches"]["attempts"] == 2, summary["batches"]
    ids = [n["note_id"] for n in read_parts(out / "notes")]
    quarantine = read_parts(out / "quarantine")
    assert sorted(ids + [q["row_id"] for q in quarantine]) == sorted(
        r["note_id"] for i, r in enumerate(rows) if i != 33
    )  # each row exactly once (the excluded one is only counted)
    assert len(set(ids)) == len(ids) == 57
    assert {q["row_id"]: q["reason"] for q in quarantine} == {
        rows[7]["note_id"]: "text is missing", rows[3]["note_id"]: "duplicate id",
    }
    assert result["rows"] == {"read": 60, "written": 57, "excluded": 1, "quarantined": 2}
    assert not list(out.rglob(".tmp-*")), list(out.rglob(".tmp-*"))


def test_key_comes_from_a_prefect_secret_block(extract_module, tmp_path: Path) -> None:
    """key_secret names a Secret block: its value keys the run (fingerprint only); an unknown name is an error."""
    from prefect.blocks.system import Secret

    from deid.transform.keyed import fingerprint

    Secret(value="secret-block-key-456").save("deid-test-key", overwrite=True)
    source = write_parquet(tmp_path / "notes.parquet", synthetic_rows(2))
    _run(extract_module, source, tmp_path / "out", policy="research_shifted", key_secret="deid-test-key")
    text = (tmp_path / "out" / "report" / "summary.json").read_text()
    assert json.loads(text)["key_fingerprint"] == fingerprint(b"secret-block-key-456")
    assert "secret-block-key-456" not in text
    with pytest.raises(KeyRequiredError, match="no Secret block"):
        _run(extract_module, source, tmp_path / "out2", policy="research_shifted", key_secret="no-such-block")


def _task_runs(flow_run_id: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        return client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))


def test_a_write_that_fails_for_a_moment_is_retried(extract_module, tmp_path: Path) -> None:
    """The batch's write hits an OSError (a file where the notes folder goes); once it is gone, Prefect's
    retry writes the batch and the run completes. The run id is the flow run's id."""
    import threading

    source = write_parquet(tmp_path / "notes.parquet", synthetic_rows(2, research_consent="true"))
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "notes"
    blocker.write_text("in the way")

    def clear_after_a_failed_attempt() -> None:
        def run_id():
            manifest = RunManifest.load(out)  # written atomically: absent or whole
            return manifest.run_id if manifest else None

        flow_run_id = wait_until(run_id, 120, "the run's manifest")
        wait_until(
            lambda: any(r.state_name == "AwaitingRetry" for r in _task_runs(flow_run_id)), 120, "a retry"
        )
        blocker.unlink()

    clearer = threading.Thread(target=clear_after_a_failed_attempt, daemon=True)
    clearer.start()
    result = _run(extract_module, source, out, batch_size=2)
    clearer.join(5)
    assert result["rows"]["written"] == 2 and len(read_parts(out / "notes")) == 2
    batch = [r for r in _task_runs(result["run_id"]) if r.name.startswith("redact-batch")]
    assert len(batch) == 1 and batch[0].run_count >= 2 and batch[0].state_name == "Completed"


def test_only_io_errors_are_retried() -> None:
    """The retry condition: an OSError yes; a deid error or a bug no (they would fail again)."""
    from prefect.states import Completed, Failed

    from deid.flows.extract import retry_on_io_error

    assert retry_on_io_error(None, None, Failed(data=OSError(28, "No space left on device")))
    assert not retry_on_io_error(None, None, Failed(data=DeidError("policy needs a key")))
    assert not retry_on_io_error(None, None, Failed(data=ValueError("a bug")))
    assert not retry_on_io_error(None, None, Completed())


def test_the_default_runner_is_a_process_pool_in_every_mode(monkeypatch) -> None:
    """Every core by default, with or without a Prefect server (issue 16); $DEID_TASK_RUNNER overrides."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    from deid.flows.runners import default_task_runner

    monkeypatch.delenv("DEID_TASK_RUNNER", raising=False)
    monkeypatch.delenv("DEID_DASK_ADDRESS", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert isinstance(default_task_runner(), ProcessPoolTaskRunner)
    monkeypatch.setenv("DEID_TASK_RUNNER", "thread")
    assert isinstance(default_task_runner(), ThreadPoolTaskRunner)
