"""Prefect flows of deid.

- `extract`: the `deid-extract` flow (deployments in `prefect.yaml`).
- `batch`: its batch step: check rows, redact, write the parts (no Prefect in it).
- `columns`: which source columns hold what, what each output column is, authorization.
- `outcome`: the run's `summary.json` and why a run fails.
- `runners`: the task runner each run uses; `prefect_settings`: settings made before Prefect loads.
"""

import logging

# The flow reports its progress as counts (numbers only) on the `deid.progress` logger, in the
# attribute PROGRESS of each record: {"total": rows or None} once, then per batch {"done": rows,
# "excluded": rows, "quarantined": rows} (a batch finished by an earlier attempt counts as done).
# `deid run` draws its progress display from them; elsewhere nobody listens. Apart from Prefect's
# loggers, so that quieting Prefect (`deid run` without -v) keeps the progress.
PROGRESS = "deid_progress"
PROGRESS_LOG = logging.getLogger("deid.progress")
PROGRESS_LOG.setLevel(logging.INFO)
PROGRESS_LOG.propagate = False


def report_progress(**counts: int | None) -> None:
    """One progress record of the running flow."""
    PROGRESS_LOG.info("progress", extra={PROGRESS: counts})
