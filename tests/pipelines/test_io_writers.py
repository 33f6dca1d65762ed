"""Atomic part files, the run manifest that lets a killed run resume, and the lock of an output folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from deid.io import OutputInUseError, OutputLock, RunManifest, write_json_atomic, write_part
from deid.io.manifest import RunConflictError, add_counts

FINGERPRINT = {"source": {"format": "parquet", "files": [{"path": "/x.parquet", "bytes": 1}]}, "batch_size": 2}


def test_write_part_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    """A part appears complete under its final name; rewriting it replaces it; no temp file is left."""
    first = write_part(tmp_path / "notes", "part-000000.parquet", pa.table({"a": ["1"]}))
    second = write_part(tmp_path / "notes", "part-000000.parquet", pa.table({"a": ["2", "3"]}))
    assert first == second
    assert pq.read_table(second).column("a").to_pylist() == ["2", "3"]
    assert [p.name for p in (tmp_path / "notes").iterdir()] == ["part-000000.parquet"]


def test_failed_write_leaves_neither_part_nor_temp(tmp_path: Path) -> None:
    """A write that fails midway leaves no file under the final name and no temp file."""
    with pytest.raises(AttributeError):
        write_part(tmp_path, "part-000001.parquet", "not a table")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_json_is_written_atomically(tmp_path: Path) -> None:
    """write_json_atomic writes readable JSON and nothing else."""
    path = write_json_atomic(tmp_path / "report" / "summary.json", {"rows": {"read": 3}})
    assert json.loads(path.read_text())["rows"]["read"] == 3
    assert [p.name for p in path.parent.iterdir()] == ["summary.json"]


def test_manifest_records_batches_and_resumes_with_the_same_run_id(tmp_path: Path) -> None:
    """Finished batches and their totals survive a restart; resuming with the run id skips them."""
    first = RunManifest.start(tmp_path, FINGERPRINT)
    first.record(0, {"read": 2, "written": 1, "excluded": {"consent not true": 1}})
    first.record(1, {"read": 2, "written": 2})
    first.record(3, {"read": 1, "quarantined": {"invalid_json": 1}})
    first.record(1, {"read": 2, "written": 2})  # recorded twice: counted once
    data = json.loads((tmp_path / "manifest.json").read_text())
    assert data["finished_batches"] == [[0, 1], [3, 3]]

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".tmp-abc-part-000002.parquet").write_bytes(b"half")  # killed mid-write
    (tmp_path / ".tmp-def-manifest.json").write_text("{")
    again = RunManifest.start(tmp_path, FINGERPRINT, run_id=first.run_id)
    assert again.resumed and again.finished_batches == {0, 1, 3}
    assert not again.is_finished(2)
    assert again.totals == {"read": 5, "written": 3, "excluded": {"consent not true": 1}, "quarantined": {"invalid_json": 1}}
    assert list((tmp_path / "notes").iterdir()) == [] and not list(tmp_path.glob(".tmp-*"))


def test_manifest_refuses_to_mix_runs_or_resume_a_changed_run(tmp_path: Path) -> None:
    """Another run into a used folder needs overwrite; a resume with changed inputs is refused."""
    first = RunManifest.start(tmp_path, FINGERPRINT)
    first.record(0, {"read": 2, "written": 2})
    with pytest.raises(RunConflictError, match=f"already holds run {first.run_id}"):
        RunManifest.start(tmp_path, FINGERPRINT)
    changed = {**FINGERPRINT, "batch_size": 3}
    with pytest.raises(RunConflictError, match="batch_size changed"):
        RunManifest.start(tmp_path, changed, run_id=first.run_id)
    write_part(tmp_path / "notes", "part-000000.parquet", pa.table({"a": ["1"]}))
    replaced = RunManifest.start(tmp_path, FINGERPRINT, overwrite=True)
    assert replaced.run_id != first.run_id and not (tmp_path / "notes" / "part-000000.parquet").exists()


def test_add_counts_merges_nested_counters() -> None:
    """Nested count dicts add up key by key."""
    total = add_counts({"read": 1, "findings": {"by_action": {"remove": 2}}}, {"read": 2, "findings": {"by_action": {"remove": 1, "keep": 4}}})
    assert total == {"read": 3, "findings": {"by_action": {"remove": 3, "keep": 4}}}


def test_a_run_that_finished_no_batch_does_not_hold_its_folder(tmp_path: Path) -> None:
    """A run that failed (or was killed) before its first batch leaves nothing a new run must overwrite."""
    failed = RunManifest.start(tmp_path, FINGERPRINT)
    failed.finish("failed")
    again = RunManifest.start(tmp_path, FINGERPRINT)
    assert again.run_id != failed.run_id and not again.resumed


def test_one_live_run_holds_an_output_folder(tmp_path: Path) -> None:
    """A second holder is refused with the first one's run id; released, or its process killed, the folder is free."""
    with OutputLock(tmp_path) as held:
        held.record("run-a")
        with pytest.raises(OutputInUseError, match=r"in use by run run-a \(process \d+ on "):
            OutputLock(tmp_path).acquire()
        with pytest.raises(OutputInUseError):
            OutputLock(tmp_path).check()
    OutputLock(tmp_path).check()
    assert (tmp_path / ".deid.lock").read_bytes() == b""  # the file stays (no race on deletion), empty

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from deid.io import OutputLock; "
         "OutputLock(sys.argv[1]).acquire().record('run-b'); print('held', flush=True); time.sleep(600)",
         str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputInUseError, match="run run-b"):
            OutputLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with OutputLock(tmp_path):  # a killed holder leaves no stale lock
        pass


def test_checking_a_folder_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    OutputLock(tmp_path / "new").check()
    assert not (tmp_path / "new").exists()


def test_write_text_atomic_applies_the_mode_and_leaves_no_temp_files(tmp_path: Path) -> None:
    """A file written with mode 0o600 (the PHI review page) is owner-only whatever the umask; no temp file is left."""
    import os
    import stat

    from deid.io.writers import write_text_atomic

    old = os.umask(0)
    try:
        path = write_text_atomic(tmp_path / "review.html", "<p>x</p>", mode=0o600)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_text() == "<p>x</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]
