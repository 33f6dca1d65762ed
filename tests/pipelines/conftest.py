"""Fixtures for the pipeline tests: synthetic sources, an isolated Prefect, a real PostgreSQL server."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from deid.flows.prefect_settings import PREFECT_DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
PIPELINES = ROOT / "pipelines"

# Before Prefect is imported anywhere in this session: an isolated home, no telemetry, and time
# for the first ephemeral-server database migration (slower than Prefect's 20 s default here).
_PREFECT_HOME = tempfile.mkdtemp(prefix="deid-prefect-home-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
PREFECT_ENV = {"PREFECT_HOME": _PREFECT_HOME, "PREFECT_UI_ENABLED": "false", **PREFECT_DEFAULTS}
os.environ.update(PREFECT_ENV)


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
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def read_parts(folder: Path) -> list[dict]:
    """All rows of the part files in `folder` (empty when there are none)."""
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for part in sorted(folder.glob("part-*.parquet")):
        rows += pq.read_table(part).to_pylist()
    return rows


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """Flows called in this process run against a temporary Prefect database (ephemeral server)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def extract_module(prefect_harness):
    """The module of the deid-extract flow (`deid.flows.extract`), as the CLI and serve.py import it.

    In-process runs use threads: the harness's API URL would otherwise select the process pool,
    whose workers each load the model (the end-to-end server test covers the process pool).
    """
    os.environ.setdefault("DEID_TASK_RUNNER", "thread")
    from deid.flows import extract

    return extract


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server on a free 127.0.0.1 port (initdb + pg_ctl), as a SQLAlchemy URL."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql")
    # PostgreSQL refuses to run as root: run it as `nobody` in a folder that user owns.
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="deid-pg-"))
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "nobody", "--"]
        shutil.chown(base, "nobody")
    data = base / "data"
    port = free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, env=env, timeout=120,
    )
    opts = f"-h 127.0.0.1 -p {port} -k {base} -F"
    started = subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-o", opts, "-w", "-t", "60", "start"],
        capture_output=True, env=env, timeout=120,
    )
    if started.returncode != 0:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {started.stderr.decode(errors='replace')}\n{log}")
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def wait_until(check, timeout: float, what: str, interval: float = 0.5):
    """Poll `check()` until it returns something truthy; fail after `timeout` seconds naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
