"""Where the deid-extract flow's batches run: threads, processes or a Dask cluster, and how many at once."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from prefect import get_run_logger
from prefect.context import FlowRunContext
from prefect.settings import get_current_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from deid.errors import DeidError


def default_task_runner() -> TaskRunner:
    """A process pool (one Redactor per worker process, every core), on a Prefect server and in
    ephemeral mode alike: the pool's processes reach the run's API (`api_for_workers`).

    `$DEID_TASK_RUNNER` (thread|process|dask), `$DEID_DASK_ADDRESS` (a Dask scheduler; implies dask)
    and `$DEID_WORKERS` override. The runner is made when the flow's module is imported, by the
    process that will run the flow (the CLI, a served process, a worker).
    """
    address = os.environ.get("DEID_DASK_ADDRESS") or None
    kind = os.environ.get("DEID_TASK_RUNNER") or ("dask" if address else "process")
    return make_task_runner(kind, dask_address=address)


def make_task_runner(kind: str, *, dask_address: str | None = None, workers: int | None = None) -> TaskRunner:
    """The task runner `kind` (thread|process|dask) with `workers` workers (default `$DEID_WORKERS`).

    dask: the scheduler at `dask_address`, else a temporary LocalCluster of `workers` single-threaded
    processes on 127.0.0.1 without a dashboard. E.g.
    `deid_extract.with_options(task_runner=make_task_runner("dask", dask_address="tcp://10.0.0.5:8786"))`.
    """
    workers = workers or _workers()
    if dask_address and kind != "dask":
        raise DeidError(f"a Dask scheduler address is set but the task runner is {kind!r}; use 'dask'")
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        return _dask_task_runner(dask_address, workers)
    raise DeidError(f"task runner {kind!r}: expected 'thread', 'process' or 'dask'")


def _dask_task_runner(address: str | None, workers: int) -> TaskRunner:
    try:
        from distributed import LocalCluster
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise DeidError(
            "the Dask task runner needs the dask extra: python -m pip install \"deid[dask]\""
        ) from None
    if address:
        return DaskTaskRunner(address=address)
    # One thread per worker: a worker's threads would take turns on its one Redactor anyway.
    # No dashboard; the scheduler, its small status server and the workers listen on loopback only.
    return DaskTaskRunner(
        cluster_class=LocalCluster,
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "host": "127.0.0.1",
            "dashboard_address": None,
        },
    )


def _is_dask(runner: TaskRunner) -> bool:
    # Only a run that built a Dask runner has imported prefect_dask; the others need not pay for it.
    module = sys.modules.get("prefect_dask")
    return module is not None and isinstance(runner, module.DaskTaskRunner)


def task_slots(runner: TaskRunner) -> int:
    """Batches that can run at once: the Dask cluster's worker threads (reaching it now), else `$DEID_WORKERS`."""
    if not _is_dask(runner):
        return _workers()
    try:
        threads = sum(runner.client.nthreads().values())
    except Exception as exc:  # whatever failed to start or reach the cluster, it is this one error
        where = f"the Dask scheduler at {runner.address}" if runner.address else "a local Dask cluster"
        raise DeidError(f"cannot reach {where}: {type(exc).__name__}: {exc}") from exc
    address = runner.address or ""
    host = urlsplit(address if "://" in address else f"tcp://{address}").hostname
    if host and host not in ("127.0.0.1", "::1", "localhost") and not get_current_settings().api.url:
        get_run_logger().warning(
            "this run's Prefect API is a temporary one on 127.0.0.1, which Dask workers on other machines "
            "cannot reach: set PREFECT_API_URL to a Prefect server they can reach"
        )
    # A scheduler whose workers have not joined yet reports none; they get the default window.
    return threads or _workers()


@contextmanager
def api_for_workers(runner: TaskRunner) -> Iterator[None]:
    """Tasks submitted here carry this run's Prefect API URL, the ephemeral server's included.

    Dask workers take their Prefect settings from each task, and a process pool from the settings
    of its first submission; in ephemeral mode those hold no URL and every worker process would
    start a temporary server of its own.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    context = FlowRunContext.get()
    in_other_processes = _is_dask(runner) or isinstance(runner, ProcessPoolTaskRunner)
    if not in_other_processes or get_current_settings().api.url or context is None:
        yield
        return
    with temporary_settings(updates={PREFECT_API_URL: str(context.client.api_url)}):
        yield


def _workers() -> int:
    raw = os.environ.get("DEID_WORKERS")
    try:
        return max(1, int(raw)) if raw else max(1, min(os.cpu_count() or 1, 4))
    except ValueError:
        raise DeidError(f"DEID_WORKERS={raw!r}: expected a whole number") from None
