"""The `deid-extract` Prefect flow: stream a source in batches, redact each batch in a task, write parts and a summary.

Tasks receive batches in memory and return counts and paths only; their results are never
persisted and they have no cache policy, so no note text reaches Prefect's database or disk.
The key comes from a Prefect Secret block (named by `key_secret`) or `$DEID_KEY`, never from a
parameter (parameters are stored and shown in the UI).

Run it: `deid run`, `python pipelines/deid_extract.py SOURCE [POLICY] [OUTPUT_DIR]`, or the
deployments of `prefect.yaml` (served by `pipelines/serve.py` or a work pool's worker). Batches
run in threads, processes or on a Dask cluster (`$DEID_TASK_RUNNER`, `$DEID_DASK_ADDRESS`, or
`make_task_runner` with `with_options`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from deid.flows.prefect_settings import use_prefect_defaults

use_prefect_defaults()  # before Prefect is imported: no telemetry, time for a first migration

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext

import deid
from deid.decide.policy import load_policy
from deid.errors import DeidError, KeyRequiredError
from deid.flows import PROGRESS_LOG, report_progress
from deid.flows import batch as _batch_step
from deid.flows.batch import DEFAULT_MAX_NOTE_CHARS, process_batch, quarantine_duplicate_ids
from deid.flows.columns import ExtractColumns, plan_columns
from deid.flows.outcome import EARLY_BATCHES, fails_every_note, quarantine_failure, run_summary
from deid.flows.runners import api_for_workers, default_task_runner, make_task_runner, task_slots  # noqa: F401 - make_task_runner: part of this module's API
from deid.io import OutputLock, RunManifest, open_source, write_json_atomic
from deid.io.manifest import add_counts
from deid.io.seen import SeenIds
from deid.io.sources import infer_format
from deid.transform.keyed import ENV_KEY, fingerprint, resolve_key

# Known-identifier columns of deid's synthetic notes (deid.synthetic / `deid run` demo input).
SYNTHETIC_KNOWN_COLUMNS: dict[str, str] = {
    "client_name": "PATIENT",
    "mrn": "MRN",
    "member_id": "MEMBER_ID",
    "dob": "DOB",
    "phone": "PHONE_NUMBER",
    "clinician": "CLINICIAN",
    "date_of_service": "DATE",
}
DEFAULT_BATCH_SIZE = 128
# A run that quarantines more than this share of its rows fails (its outputs are still written).
DEFAULT_MAX_QUARANTINE_FRACTION = 0.05


class ReconciliationError(DeidError):
    """Rows read differ from rows written + excluded + quarantined: something was lost or doubled."""


def load_key(key_secret: str | None) -> bytes | None:
    """The key from the named Prefect Secret block, else `$DEID_KEY`, else None. Never logged."""
    if not key_secret:
        return resolve_key(None)
    from prefect.blocks.system import Secret

    try:
        value = Secret.load(key_secret).get()
    except ValueError:
        raise KeyRequiredError(f"key_secret {key_secret!r}: no Secret block with that name") from None
    if not isinstance(value, (str, bytes)) or not value:
        raise KeyRequiredError(f"key_secret {key_secret!r}: the Secret block holds no usable key")
    return resolve_key(value)


def _build_redactor(policy: str, key_secret: str | None) -> deid.Redactor:
    return deid.Redactor(policy, key=load_key(key_secret))


def check_request(
    policy: str, source: str, format: str | None, batch_size: int, max_note_chars: int, max_quarantine_fraction: float
) -> tuple[deid.Policy, str]:
    """The policy and the source's format; DeidError for a request that cannot run."""
    loaded = load_policy(policy)
    if batch_size < 1 or max_note_chars < 1:
        raise DeidError("batch_size and max_note_chars must be at least 1")
    if not 0 <= max_quarantine_fraction <= 1:
        raise DeidError(f"max_quarantine_fraction must be between 0 and 1, got {max_quarantine_fraction}")
    return loaded, format or infer_format(source)


def retry_on_io_error(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry condition for the writing tasks: retry an OSError (a full disk, a file system
    that went away for a moment), never a deid error or a bug, which would only fail again."""
    try:
        state.result()
    except OSError:
        return True
    except BaseException:  # noqa: BLE001 - anything else is not worth a retry
        return False
    return False


# The tasks that write: a transient OSError is retried after 1, 5 and 20 s; parts are rewritten whole.
WRITE_RETRIES = {"retries": 3, "retry_delay_seconds": [1, 5, 20], "retry_condition_fn": retry_on_io_error}


@task(name="redact-batch", persist_result=False, cache_policy=NO_CACHE, log_prints=False, **WRITE_RETRIES)
def redact_batch(
    batch: Any,
    policy: str,
    key_secret: str | None,
    columns: ExtractColumns,
    output_dir: str,
    max_note_chars: int,
    available_columns: list[str],
    key_fingerprint: str | None = None,
) -> dict[str, Any]:
    """Redact one batch and write its notes/spans/quarantine parts; return counts and paths."""
    # One Redactor per worker process (loading the model is slow), shared by its threads in turn.
    # Cached per key fingerprint too: a rotated Secret or another $DEID_KEY must not reuse the old key.
    cache_key = ("redactor", policy, key_secret, key_fingerprint)
    redactor = _batch_step.WORKER_CACHE.get(cache_key, lambda: _build_redactor(policy, key_secret))
    if redactor.key_fingerprint != key_fingerprint:
        _batch_step.WORKER_CACHE.forget(cache_key)
        raise KeyRequiredError(
            "this worker's key differs from the flow's: the Secret block or $DEID_KEY changed while the "
            "run was starting (rerun with the same run_id), or a Dask worker has another $DEID_KEY"
        )
    plan = plan_columns(columns, redactor.policy, available_columns)
    return process_batch(batch, redactor, columns, plan, output_dir, max_note_chars=max_note_chars)


@task(name="check-counts", persist_result=False, cache_policy=NO_CACHE)
def check_counts(totals: Mapping[str, Any], batches_read: int, batches_finished: int) -> dict[str, int]:
    """Fail unless rows read == written + excluded + quarantined and every batch read is finished."""
    read = int(totals.get("read", 0))
    written = int(totals.get("written", 0))
    excluded = sum(totals.get("excluded", {}).values())
    quarantined = sum(totals.get("quarantined", {}).values())
    if read != written + excluded + quarantined or batches_read != batches_finished:
        raise ReconciliationError(
            f"counts do not reconcile: read {read} != written {written} + excluded {excluded} "
            f"+ quarantined {quarantined} (batches read {batches_read}, finished {batches_finished})"
        )
    return {"read": read, "written": written, "excluded": excluded, "quarantined": quarantined}


@task(name="write-summary", persist_result=False, cache_policy=NO_CACHE, **WRITE_RETRIES)
def write_summary(output_dir: str, summary: dict[str, Any]) -> str:
    """Write `report/summary.json` atomically; return its path."""
    return str(write_json_atomic(Path(output_dir) / "report" / "summary.json", summary))


@task(name="write-report", persist_result=False, cache_policy=NO_CACHE, **WRITE_RETRIES)
def write_report(output_dir: str) -> str:
    """Write `report/report.html` from the run's summary, spans and notes_index; return its path."""
    from deid.report.html import write_report as write_html

    return str(write_html(output_dir))


@task(name="publish-report-artifact", persist_result=False, cache_policy=NO_CACHE)
def publish_report_artifact(summary: dict[str, Any], report_path: str) -> None:
    """Attach the summary (counts, types, policy; no PHI) and the report's local path to the flow run."""
    from prefect.artifacts import create_markdown_artifact

    from deid.report.summary import render_markdown

    create_markdown_artifact(
        markdown=render_markdown(summary, report_path),
        key="deid-extract-report",
        description=f"deid-extract run {summary.get('run_id')}: counts and the path of report.html",
    )


@flow(
    name="deid-extract",
    task_runner=default_task_runner(),
    persist_result=False,
    log_prints=False,
    validate_parameters=True,
)
def deid_extract(
    source: str,
    format: str | None = None,
    query: str | None = None,
    id_column: str = "note_id",
    text_column: str = "text",
    patient_id_column: str | None = "patient_id",
    known_columns: dict[str, str] | None = None,
    keep_columns: list[str] | None = None,
    policy: str = "research",
    output_dir: str = "out",
    batch_size: int = DEFAULT_BATCH_SIZE,
    key_secret: str | None = None,
    run_id: str | None = None,
    overwrite: bool = False,
    max_note_chars: int = DEFAULT_MAX_NOTE_CHARS,
    max_quarantine_fraction: float = DEFAULT_MAX_QUARANTINE_FRACTION,
) -> dict[str, Any]:
    """De-identify a Parquet/CSV/JSONL source (file, folder, glob) or a SQL query into `output_dir`.

    Writes `notes/`, `spans/`, `quarantine/` and `notes_index/` part files, `report/summary.json` and
    `report/report.html`; resumes run
    `run_id` when its manifest is in `output_dir` (`{run_id}` in `output_dir` is replaced by the run
    id, giving each run its own folder). The run fails, its outputs and report written, when more
    than `max_quarantine_fraction` of the rows read were quarantined. Returns counts and paths only.
    """
    logger = get_run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    clock = time.monotonic()

    # Everything that can be wrong with the request fails here, before any output is written.
    loaded, fmt = check_request(policy, source, format, batch_size, max_note_chars, max_quarantine_fraction)
    key = load_key(key_secret)
    where = f"the Secret block {key_secret!r}" if key_secret else f"${ENV_KEY}"
    loaded.require_key(key, f"set {where} (or name a Prefect Secret block with key_secret=...)")
    if fmt == "sql":
        from deid.io.sql_reader import has_password

        if has_password(source):
            logger.warning(
                "the source URL holds a password, which Prefect stores with the run's parameters; "
                "prefer PGPASSWORD / ~/.pgpass or a URL without it"
            )
    columns = ExtractColumns(
        id_column=id_column,
        text_column=text_column,
        patient_id_column=patient_id_column,
        known_columns=dict(known_columns or {}),
        keep_columns=tuple(keep_columns or ()),
    )
    with open_source(source, fmt, query=query) as src, ExitStack() as held:
        available = src.columns
        absent = columns.check(loaded, available)
        if absent:
            logger.warning("columns not in the source, ignored: %s", ", ".join(absent))
        plan = plan_columns(columns, loaded, available)
        fingerprint_of_run = {
            "source": src.describe(),
            "columns": {
                "id": id_column,
                "text": text_column,
                "patient_id": patient_id_column,
                "known": dict(columns.known_columns),
                "keep": list(columns.keep_columns),
            },
            "policy": {"name": loaded.name, "content_hash": loaded.content_hash},
            "key_fingerprint": fingerprint(key),
            "batch_size": batch_size,
            "max_note_chars": max_note_chars,
        }
        context = FlowRunContext.get()
        # The flow run's id by default: Prefect's own "Retry" of a failed run resumes it.
        run_id = run_id or str(context.flow_run.id)
        # One folder per run (deployments); resuming with the same run_id finds it again. A relative
        # folder is under $DEID_OUTPUT_ROOT when set (served and worker runs), else the working directory.
        out = (Path(os.environ.get("DEID_OUTPUT_ROOT") or ".") / output_dir.replace("{run_id}", run_id)).resolve()
        runner = context.task_runner
        slots = task_slots(runner)  # starts or reaches a Dask cluster: a bad address fails before any output
        # One writer per folder, until the run is marked finished: another run (or a second resume) is refused.
        lock = held.enter_context(OutputLock(out))
        manifest = RunManifest.start(out, fingerprint_of_run, run_id=run_id, overwrite=overwrite)
        lock.record(manifest.run_id)
        logger.info(
            "run %s: policy %s, %s source, batch size %d, %s",
            manifest.run_id, loaded.name, fmt, batch_size,
            "resuming" if manifest.resumed else "new run",
        )
        # Counting may read the source once more (JSONL): only when someone shows the progress.
        total = src.count_rows() if PROGRESS_LOG.handlers else None
        if total is not None:
            logger.info("source rows: %d", total)
        report_progress(total=total)

        in_flight: list[Any] = []
        limit = 2 * slots
        batches_read = 0
        skipped = 0
        done_now: dict[str, int] = {"read": 0, "chars": 0}

        first_batches: dict[str, Any] = {}  # counts of the first EARLY_BATCHES batches this attempt finished
        stop: list[str] = []  # why the run stopped before the end of the source

        def settle(future: Any) -> None:
            outcome = future.result()
            manifest.record(outcome["batch"], outcome["counts"])
            done_now["read"] += outcome["counts"]["read"]
            done_now["chars"] += outcome["counts"]["chars"]
            c = outcome["counts"]
            excluded, quarantined = sum(c["excluded"].values()), sum(c["quarantined"].values())
            logger.info(
                "batch %d: read %d, written %d, excluded %d, quarantined %d, findings %d",
                outcome["batch"], c["read"], c["written"], excluded, quarantined, c["findings"]["total"],
            )
            report_progress(done=c["read"], excluded=excluded, quarantined=quarantined)
            if first_batches.get("batches", 0) < EARLY_BATCHES:
                add_counts(first_batches, c)
                reason = fails_every_note(first_batches) if first_batches["batches"] == EARLY_BATCHES else None
                if reason and not stop:
                    stop.append(reason)

        # Ids seen so far in source order, finished batches included: a resume rebuilds the same set.
        seen_ids = SeenIds()
        try:
            for batch in src.batches(columns.needed(loaded), batch_size, id_column=id_column):
                batches_read += 1
                batch = quarantine_duplicate_ids(batch, id_column, seen_ids)
                if manifest.is_finished(batch.index):
                    skipped += 1
                    logger.info("batch %d: finished by an earlier attempt", batch.index)
                    report_progress(done=batch.size)
                    continue
                with api_for_workers(runner):
                    future = redact_batch.submit(
                        batch, policy, key_secret, columns, str(out), max_note_chars, available,
                        fingerprint(key),
                    )
                in_flight.append(future)
                # Bounded window: memory stays flat however large the source is.
                while len(in_flight) >= limit:
                    settle(in_flight.pop(0))
                if stop:
                    break
            while in_flight:
                settle(in_flight.pop(0))
        except BaseException:
            # Keep what finished so a rerun with the same run_id resumes after it, then fail.
            for future in in_flight:
                try:
                    settle(future)
                except BaseException:  # noqa: BLE001 - the first failure is the one re-raised
                    pass
            manifest.finish("failed")
            raise

        totals = manifest.totals
        seconds = max(time.monotonic() - clock, 1e-9)
        summary = run_summary(
            manifest, loaded, key, src.describe(), plan, absent, started, seconds, done_now, skipped, batches_read
        )
        try:
            rows = check_counts(totals, batches_read, len(manifest.finished_batches))
        except ReconciliationError:
            summary["reconciled"] = False
            write_summary(str(out), summary)
            manifest.finish("failed")
            raise
        failure = stop[0] if stop else quarantine_failure(rows, max_quarantine_fraction)
        if failure:
            summary["status"], summary["failure"] = "failed", failure
        summary_path = write_summary(str(out), summary)
        # The report is written before the run is marked finished: a run marked done has its report.
        report_path = write_report(str(out))
        publish_report_artifact(summary, report_path)
        if failure:
            manifest.finish("failed")
            raise DeidError(f"{failure} (report: {report_path})")
        manifest.finish("completed")
        logger.info(
            "run %s done: read %d, written %d, excluded %d, quarantined %d in %.1f s",
            manifest.run_id, rows["read"], rows["written"], rows["excluded"], rows["quarantined"], seconds,
        )
        return {
            "run_id": manifest.run_id,
            "output_dir": str(out),
            "summary": summary_path,
            "report": report_path,
            "rows": rows,
        }


def main() -> None:
    """`python pipelines/deid_extract.py SOURCE [POLICY] [OUTPUT_DIR]`: run the flow, print the summary's path."""
    if len(sys.argv) < 2:
        sys.exit("usage: python pipelines/deid_extract.py SOURCE [POLICY] [OUTPUT_DIR]")
    args = sys.argv[1:]
    result = deid_extract(
        source=args[0],
        policy=args[1] if len(args) > 1 else "research",
        output_dir=args[2] if len(args) > 2 else "out",
    )
    print(result["summary"])
