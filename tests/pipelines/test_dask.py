"""The deid-extract flow on a Dask cluster: the same outputs as the local runner, clear errors otherwise."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from support import free_port, read_parts, synthetic_rows, write_parquet
from deid.errors import DeidError
from log_capture import captured_logs

pytest.importorskip("prefect_dask", reason="the dask extra is not installed")

CANARY = "Quillon Zabrowski-Vantreece"  # planted in one note; no log line may carry it


def _outputs(out: Path) -> dict:
    """What a run wrote, in an order that does not depend on which worker finished first."""
    summary = json.loads((out / "report" / "summary.json").read_text())
    return {
        "notes": sorted(read_parts(out / "notes"), key=lambda r: r["note_id"]),
        "spans": sorted(read_parts(out / "spans"), key=lambda r: (r["note_id"], r["start"], r["end"], r["entity_type"])),
        "quarantine": sorted(read_parts(out / "quarantine"), key=lambda r: r["location"]),
        "counts": {k: summary[k] for k in ("rows", "excluded_by_reason", "quarantined_by_reason", "findings")},
    }


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 synthetic notes, one without text (quarantined) and one with the canary; some lack consent."""
    rows = synthetic_rows(60, seed=11)
    rows[9]["text"] = None
    rows[20]["text"] += f"\nCollateral call with her brother {CANARY}.\n"
    return write_parquet(tmp_path_factory.mktemp("dask-source") / "notes.parquet", rows)


def _run(flow, extract_module, source: Path, out: Path) -> dict:
    return flow(
        source=str(source), output_dir=str(out), batch_size=4, known_columns=extract_module.SYNTHETIC_KNOWN_COLUMNS
    )


@pytest.fixture(scope="module")
def local_outputs(extract_module, source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The outputs of the run on the local (thread) runner, the reference for the Dask runs."""
    out = tmp_path_factory.mktemp("local") / "out"
    _run(extract_module.deid_extract, extract_module, source, out)
    return _outputs(out)


def test_local_cluster_writes_what_the_local_runner_writes(
    extract_module, source: Path, local_outputs: dict, tmp_path: Path, capfd
) -> None:
    """On a temporary LocalCluster of 2 worker processes the notes, spans, quarantine and counts equal the local run's,
    and neither the flow's logs nor the workers' output holds note text."""
    runner = extract_module.make_task_runner("dask", workers=2)
    with captured_logs() as logs:
        result = _run(extract_module.deid_extract.with_options(task_runner=runner), extract_module, source, tmp_path)
    assert result["rows"]["read"] == 60 and result["rows"]["quarantined"] == 1
    assert _outputs(tmp_path) == local_outputs
    captured = capfd.readouterr()
    for text in (captured.out, captured.err, "\n".join(logs.lines)):
        assert CANARY not in text
    assert any("Register worker" in line for line in logs.lines), "the run did not use a Dask cluster"


def test_existing_cluster_by_address_builds_one_redactor_per_worker(
    extract_module, source: Path, local_outputs: dict, tmp_path: Path
) -> None:
    """Given a scheduler's address, the flow runs its batches on that cluster's two workers, each of which builds
    one Redactor and reuses it; the outputs equal the local run's."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        runner = extract_module.make_task_runner("dask", dask_address=cluster.scheduler_address)
        _run(extract_module.deid_extract.with_options(task_runner=runner), extract_module, source, tmp_path)
        redactors = client.run(
            lambda: sum(key[0] == "redactor" for key in sys.modules["deid.flows.batch"].WORKER_CACHE.keys())
        )
    assert sorted(redactors.values()) == [1, 1], redactors  # 15 batches, both workers, one Redactor each
    assert _outputs(tmp_path) == local_outputs


def test_unreachable_scheduler_fails_before_any_output(extract_module, source: Path, tmp_path: Path) -> None:
    """A scheduler address nothing listens on stops the run with an error naming the address; nothing is written."""
    import dask

    address = f"tcp://127.0.0.1:{free_port()}"
    runner = extract_module.make_task_runner("dask", dask_address=address)
    flow = extract_module.deid_extract.with_options(task_runner=runner)
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(DeidError, match=f"cannot reach the Dask scheduler at {address}"),
    ):
        _run(flow, extract_module, source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_task_runner_choice_is_checked(extract_module) -> None:
    """An unknown runner, or a scheduler address with a runner other than dask, is an error naming the choices."""
    with pytest.raises(DeidError, match="expected 'thread', 'process' or 'dask'"):
        extract_module.make_task_runner("spark")
    with pytest.raises(DeidError, match="address is set but the task runner is 'thread'"):
        extract_module.make_task_runner("thread", dask_address="tcp://127.0.0.1:8786")
