"""How a run ends: the counts, policy, versions and timing of `report/summary.json`, and why a
run fails (every note failing the same way, too many quarantined)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from typing import Any

import deid
from deid.entities import ENTITIES
from deid.io import RunManifest
from deid.transform.keyed import fingerprint

# A run whose first EARLY_BATCHES batches fail redaction the same way on every note stops there.
EARLY_BATCHES = 2


def fails_every_note(counts: Mapping[str, Any]) -> str | None:
    """Why to stop a run whose first batches failed redaction the same way on every note; else None."""
    errors = counts.get("redaction_errors", {})
    attempted = counts.get("written", 0) + sum(errors.values())
    for reason, failed in errors.items():
        if attempted and failed == attempted:
            return (
                f"{reason} on all {failed} notes of the first {EARLY_BATCHES} batches, so the run stopped early: "
                "fix it (or remove the recognizer's file), then run again with overwrite"
            )
    return None


def quarantine_failure(rows: Mapping[str, int], max_fraction: float) -> str | None:
    """Why a run whose quarantined share is above `max_fraction` failed; None when it is not."""
    if not rows["read"] or rows["quarantined"] <= max_fraction * rows["read"]:
        return None
    return (
        f"{rows['quarantined']} of {rows['read']} rows were quarantined "
        f"({rows['quarantined'] / rows['read']:.0%}), more than max_quarantine_fraction "
        f"{max_fraction:g}: see the reasons in the report, or raise the limit to accept such a run"
    )


def run_summary(
    manifest: RunManifest,
    policy: deid.Policy,
    key: bytes | None,
    source: dict[str, Any],
    plan: Any,
    absent: list[str],
    started: dt.datetime,
    seconds: float,
    done_now: Mapping[str, int],
    skipped: int,
    batches_read: int,
) -> dict[str, Any]:
    """Counts, policy, versions and timing for `report/summary.json` (no text, no values)."""
    import prefect
    import spacy.util

    from deid.detect.config import load_engine_config

    totals = manifest.totals
    model = load_engine_config().model
    excluded = totals.get("excluded", {})
    quarantined = totals.get("quarantined", {})
    findings = totals.get("findings", {})
    return {
        "run_id": manifest.run_id,
        "status": "completed",
        "reconciled": True,
        "source": source,
        "policy": {
            "name": policy.name,
            "content_hash": policy.content_hash,
            "authorization_column": policy.authorization_column,
            "threshold": policy.threshold,
            "default_action": policy.default_action.action,
            "entities": {entity: policy.rule_for(entity).model_dump() for entity in ENTITIES},
        },
        "key_fingerprint": fingerprint(key),
        "versions": {
            "deid": deid.__version__,
            "model": model,
            "model_version": spacy.util.get_package_version(model),
            "prefect": prefect.__version__,
            "python": sys.version.split()[0],
        },
        "rows": {
            "read": totals.get("read", 0),
            "written": totals.get("written", 0),
            "excluded": sum(excluded.values()),
            "quarantined": sum(quarantined.values()),
        },
        "excluded_by_reason": dict(sorted(excluded.items())),
        "quarantined_by_reason": dict(sorted(quarantined.items())),
        "redaction_errors": dict(sorted(totals.get("redaction_errors", {}).items())),
        "findings": {
            "total": findings.get("total", 0),
            "by_entity_type": dict(sorted(findings.get("by_entity_type", {}).items())),
            "by_action": dict(sorted(findings.get("by_action", {}).items())),
            "by_recognizer": dict(sorted(findings.get("by_recognizer", {}).items())),
        },
        "known_identifiers": {
            what: dict(sorted(totals.get("known_identifiers", {}).get(what, {}).items()))
            for what in ("expected", "missing", "left")
        },
        "columns": {
            "written": [c for c, _, _ in plan.outputs],
            "actions": {c: how for c, how, entity in plan.outputs if entity},
            "dropped": list(plan.dropped),
            "absent": absent,
        },
        "batches": {"read": batches_read, "skipped_as_finished": skipped, "attempts": manifest.data["attempts"]},
        "timing": {
            "run_started_at": manifest.data["started_at"],
            "started_at": started.isoformat(timespec="seconds"),
            "finished_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(seconds, 3),
            "rows_per_second": round(done_now["read"] / seconds, 2),
            "chars_per_second": round(done_now["chars"] / seconds, 1),
        },
        "outputs": {
            "notes": "notes/part-*.parquet",
            "spans": "spans/part-*.parquet",
            "quarantine": "quarantine/part-*.parquet",
            "notes_index": "notes_index/part-*.parquet",
            "report": "report/report.html",
            "manifest": "manifest.json",
        },
    }
