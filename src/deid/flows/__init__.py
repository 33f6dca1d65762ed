"""Prefect flows of deid.

- `extract`: the `deid-extract` flow (deployments in `pipelines/prefect.yaml`).
- `batch`: its batch step: check rows, redact, write the parts (no Prefect in it).
- `runners`: the task runner each run uses; `prefect_settings`: settings made before Prefect loads.
"""
