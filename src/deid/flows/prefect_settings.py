"""Prefect settings deid needs wherever it starts or talks to Prefect, set before Prefect is imported.

Defaults only: an operator's own environment wins.
"""

from __future__ import annotations

import os

PREFECT_DEFAULTS = {
    # Offline: Prefect's server sends usage telemetry from every start (a DNS query, then an ERROR
    # line when there is no network), and its client sends analytics events.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The first start of Prefect's ephemeral server migrates its database: on two cores that took
    # about 25 s, past Prefect's 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def use_prefect_defaults() -> None:
    """Put deid's Prefect defaults in the environment (this process and those it starts)."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
