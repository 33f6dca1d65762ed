"""Fixtures for the pipeline tests: synthetic sources, an isolated Prefect, a real PostgreSQL server."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import free_port  # noqa: F401 - importing it first sets up the session's isolated Prefect home


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
