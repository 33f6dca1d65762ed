"""Prefect flows of deid.

- `extract`: the `deid-extract` flow (deployments in `prefect.yaml`).
- `batch`: its batch step: check rows, redact, write the parts (no Prefect in it).
- `columns`: which source columns hold what, what each output column is, authorization.
- `outcome`: the run's `summary.json` and why a run fails.
- `runners`: the task runner each run uses; `prefect_settings`: settings made before Prefect loads.
"""

# The attribute of the flow's log records that carries progress counts (numbers only): `deid run`
# draws its progress display from them. {"total": rows or None} once, then per batch {"done": rows,
# "excluded": rows, "quarantined": rows} (a batch finished by an earlier attempt counts as done).
PROGRESS = "deid_progress"
