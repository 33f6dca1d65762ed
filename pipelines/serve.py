"""Serve the `deid-extract/research` and `deid-extract/insurer` deployments from this machine.

    PREFECT_SERVER_ANALYTICS_ENABLED=false prefect server start   # another terminal
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    python pipelines/serve.py                  # keeps running; executes the deployments' runs
    prefect deployment run 'deid-extract/research' --param source=/data/notes.parquet

Runs execute here, so the key for keyed policies comes from a Prefect Secret block
(`--param key_secret=NAME`) or from $DEID_KEY in this process's environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from deid.prefect_settings import use_prefect_defaults

use_prefect_defaults()  # before Prefect is imported

from prefect import serve  # noqa: E402

# `python pipelines/serve.py` puts this folder on sys.path; make `import deid_extract` work from anywhere.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_extract import SYNTHETIC_KNOWN_COLUMNS, deid_extract  # noqa: E402

# Where runs write unless a run passes output_dir: one folder per run under OUTPUT_ROOT/<policy>/.
OUTPUT_ROOT = Path(os.environ.get("DEID_OUTPUT_ROOT", "out")).resolve()

COMMON = {
    "id_column": "note_id",
    "text_column": "text",
    "patient_id_column": "patient_id",
    "known_columns": SYNTHETIC_KNOWN_COLUMNS,
    "batch_size": 128,
}
PRESETS = {
    "research": "HIPAA Safe Harbor research extract: every identifier removed, dates to year; rows need research_consent.",
    "insurer": "Insurer extract: client name, member ID, DOB, dates and clinician kept, everyone else removed; rows need roi_signed.",
}


def deployments() -> list:
    """The two deployments: policy and output folder preset, `source` given per run."""
    return [
        deid_extract.to_deployment(
            name=policy,
            description=description,
            parameters={**COMMON, "policy": policy, "output_dir": str(OUTPUT_ROOT / policy / "{run_id}")},
            tags=["deid", policy],
        )
        for policy, description in PRESETS.items()
    ]


if __name__ == "__main__":
    serve(*deployments())
