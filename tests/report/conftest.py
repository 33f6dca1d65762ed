"""Fixtures for the report tests: the flow in ephemeral Prefect with an isolated home, and one small run."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from support import synthetic_rows, write_parquet  # first: the session's isolated Prefect home


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
