"""Helpers shared by the tests (plain functions and constants; fixtures live in the conftest files).

Importing this module gives the test session one isolated Prefect home, before Prefect is imported
anywhere (the conftest files import it first). `tests/` is on the path (pytest's `pythonpath`).
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from deid.flows.prefect_settings import PREFECT_DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
PIPELINES = ROOT / "pipelines"

# Before Prefect is imported anywhere in this session: an isolated home, no telemetry, and time
# for the first ephemeral-server database migration (slower than Prefect's 20 s default here).
_PREFECT_HOME = tempfile.mkdtemp(prefix="deid-prefect-home-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
PREFECT_ENV = {"PREFECT_HOME": _PREFECT_HOME, "PREFECT_UI_ENABLED": "false", **PREFECT_DEFAULTS}
os.environ.update(PREFECT_ENV)


def prefect_home() -> Path:
    """The Prefect home directory of this test session."""
    return Path(_PREFECT_HOME)


def synthetic_rows(n: int, seed: int = 0, **overrides: str) -> list[dict]:
    """Rows of deid's synthetic notes: id, patient, text and the structured columns."""
    from deid.synthetic import generate_notes

    rows = []
    for note in generate_notes(n, seed=seed):
        row = {"note_id": note.note_id, "patient_id": note.patient_id, "text": note.text, **note.row}
        row.update(overrides)
        rows.append(row)
    return rows


def write_parquet(path: Path, rows: list[dict]) -> Path:
    """Write rows (all strings) as one Parquet file."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def read_parts(folder: Path) -> list[dict]:
    """All rows of the part files in `folder` (empty when there are none)."""

    rows: list[dict] = []
    for part in sorted(folder.glob("part-*.parquet")):
        rows += pq.read_table(part).to_pylist()
    return rows


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.5):
    """Poll `check()` until it returns something truthy; fail after `timeout` seconds naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
