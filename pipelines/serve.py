"""Serve the deployments that `prefect.yaml` declares (`deid-extract/research`, `deid-extract/insurer`) from this machine.

    PREFECT_SERVER_ANALYTICS_ENABLED=false prefect server start   # another terminal
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    python pipelines/serve.py                  # keeps running; executes the deployments' runs
    prefect deployment run 'deid-extract/research' --param source=/data/notes.parquet

`prefect.yaml` is the one place the deployments are defined (name, description, tags, parameters);
this script serves them instead of a work pool's worker. Runs execute here, so the key for keyed
policies comes from a Prefect Secret block (`--param key_secret=NAME`) or from $DEID_KEY in this
process's environment, and a relative `output_dir` is under $DEID_OUTPUT_ROOT (default: the
directory this runs in).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from deid.flows.prefect_settings import use_prefect_defaults

use_prefect_defaults()  # before Prefect is imported

from prefect import serve  # noqa: E402

from deid.flows.extract import deid_extract  # noqa: E402

# Beside pipelines/: the repository root, or deid/_bundled/ in an installed wheel.
PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployments() -> list:
    """The deployments of prefect.yaml, to serve from this process."""
    spec = yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))
    return [
        deid_extract.to_deployment(
            name=d["name"],
            description=d.get("description"),
            parameters=d.get("parameters") or {},
            tags=d.get("tags") or [],
        )
        for d in spec["deployments"]
    ]


if __name__ == "__main__":
    serve(*deployments())
