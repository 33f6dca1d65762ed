"""Fixtures for the report tests: the flow in ephemeral Prefect with an isolated home, and one small run."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from deid.flows.prefect_settings import PREFECT_DEFAULTS

HOME_PREFIX = "deid-prefect-home-"

# The same isolation as tests/pipelines/conftest.py; when that conftest was loaded first (whole
# suite), its Prefect home is reused so one session has one Prefect home and one test server.
if HOME_PREFIX not in os.environ.get("PREFECT_HOME", ""):
    _home = tempfile.mkdtemp(prefix=HOME_PREFIX)
    atexit.register(shutil.rmtree, _home, ignore_errors=True)
    os.environ.update({"PREFECT_HOME": _home, "PREFECT_UI_ENABLED": "false", **PREFECT_DEFAULTS})


def prefect_home() -> Path:
    """The Prefect home directory of this test session."""
    return Path(os.environ["PREFECT_HOME"])


@pytest.fixture(scope="session")
def report_flow() -> Iterator[object]:
    """The deid-extract flow's module with flows running against a temporary Prefect database (threads, in-process).

    Reuses the test harness of tests/pipelines when it is already active in this session.
    """
    from prefect.settings import get_current_settings
    from prefect.testing.utilities import prefect_test_harness

    os.environ.setdefault("DEID_TASK_RUNNER", "thread")
    from deid.flows import extract

    if get_current_settings().api.url:
        yield extract
    else:
        with prefect_test_harness(server_startup_timeout=120):
            yield extract


def synthetic_rows(n: int, seed: int = 0, **overrides: str) -> list[dict]:
    """Rows of deid's synthetic notes: id, patient, text and the structured columns."""
    from deid.synthetic import generate_notes

    rows = []
    for note in generate_notes(n, seed=seed):
        rows.append({"note_id": note.note_id, "patient_id": note.patient_id, "text": note.text, **note.row, **overrides})
    return rows


def write_parquet(path: Path, rows: list[dict]) -> Path:
    """Write rows as one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.fixture(scope="session")
def small_run(report_flow, tmp_path_factory) -> dict:
    """One research extract of 30 synthetic notes (all consented): source path, output dir, flow result."""
    base = tmp_path_factory.mktemp("report-run")
    source = write_parquet(base / "in" / "notes.parquet", synthetic_rows(30, seed=3, research_consent="true"))
    out = base / "out"
    result = report_flow.deid_extract(
        source=str(source), output_dir=str(out), known_columns=report_flow.SYNTHETIC_KNOWN_COLUMNS, batch_size=10
    )
    return {"source": source, "out": out, "result": result}
