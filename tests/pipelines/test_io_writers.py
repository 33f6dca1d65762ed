"""Atomic part files and the run manifest that lets a killed run resume."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from deid.io import RunManifest, write_json_atomic, write_part
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
