"""The run manifest: which batches are finished and their running totals, so a killed run can resume."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from deid.errors import DeidError
from deid.io.writers import remove_temp_files, write_json_atomic

MANIFEST_NAME = "manifest.json"
# The folders of part files a run owns inside its output directory.
PART_FOLDERS = ("notes", "spans", "quarantine", "notes_index")
REPORT_FOLDER = "report"


class RunConflictError(DeidError):
    """The output directory belongs to another run, or a resume does not match the original run."""


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def add_counts(total: dict[str, Any], more: Mapping[str, Any]) -> dict[str, Any]:
    """Add nested count dicts in place (ints add up, dicts merge recursively); return `total`."""
    for key, value in more.items():
        if isinstance(value, Mapping):
            add_counts(total.setdefault(key, {}), value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            total[key] = total.get(key, 0) + value
    return total


def _to_ranges(indices: Iterable[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for i in sorted(indices):
        if ranges and i == ranges[-1][1] + 1:
            ranges[-1][1] = i
        else:
            ranges.append([i, i])
    return ranges


def _from_ranges(ranges: Iterable[Iterable[int]]) -> set[int]:
    return {i for start, end in ranges for i in range(start, end + 1)}


class RunManifest:
    """`OUTPUT/manifest.json`, rewritten atomically after every finished batch (single writer: the flow)."""

    def __init__(self, output_dir: Path, data: dict[str, Any]) -> None:
        self.output_dir = output_dir
        self.path = output_dir / MANIFEST_NAME
        self.data = data
        self._done = _from_ranges(data.get("finished_batches", []))

    @property
    def run_id(self) -> str:
        """The run this manifest belongs to."""
        return self.data["run_id"]

    @property
    def resumed(self) -> bool:
        """True when this run continues an earlier attempt."""
        return bool(self.data.get("attempts", 1) > 1)

    @property
    def totals(self) -> dict[str, Any]:
        """Counts summed over the finished batches."""
        return self.data["totals"]

    @property
    def finished_batches(self) -> set[int]:
        """Indices of the batches whose parts are all written."""
        return set(self._done)

    @classmethod
    def load(cls, output_dir: str | Path) -> RunManifest | None:
        """The manifest in `output_dir`, or None when there is none."""
        out = Path(output_dir)
        path = out / MANIFEST_NAME
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RunConflictError(f"{path}: unreadable run manifest ({type(exc).__name__})") from None
        return cls(out, data)

    @classmethod
    def start(
        cls,
        output_dir: str | Path,
        fingerprint: Mapping[str, Any],
        run_id: str | None = None,
        overwrite: bool = False,
    ) -> RunManifest:
        """Resume run `run_id` found in `output_dir`, or start a new run there (refusing to mix runs)."""
        out = Path(output_dir)
        existing = cls.load(out)
        if existing is not None and run_id is not None and existing.run_id == run_id:
            if existing.data.get("fingerprint") != json.loads(json.dumps(fingerprint, default=str)):
                changed = sorted(
                    k for k in set(fingerprint) | set(existing.data.get("fingerprint", {}))
                    if json.dumps(fingerprint.get(k), default=str)
                    != json.dumps(existing.data.get("fingerprint", {}).get(k), default=str)
                )
                raise RunConflictError(
                    f"{out}: cannot resume run {run_id}: {', '.join(changed)} changed since it started "
                    "(same source, columns, policy and batch size are needed)"
                )
            existing.data["attempts"] = existing.data.get("attempts", 1) + 1
            existing.data["status"] = "running"
            # A kill mid-write leaves temp files (parts, manifest, summary); never final names.
            for folder in (out, *(out / f for f in (*PART_FOLDERS, REPORT_FOLDER))):
                if folder.is_dir():
                    remove_temp_files(folder)
            existing.save()
            return existing
        if existing is not None or _has_parts(out):
            # A run that failed or was killed before its first batch finished holds nothing to protect.
            holds_nothing = existing is not None and not existing.finished_batches and not _has_parts(out)
            if not (overwrite or holds_nothing):
                held = f"run {existing.run_id} ({existing.data.get('status')})" if existing else "part files"
                raise RunConflictError(
                    f"{out}: already holds {held}; resume with run_id=<that id>, "
                    "pass overwrite=True to replace it, or choose another output directory"
                )
            clear_outputs(out)
        data = {
            "run_id": run_id or new_run_id(),
            "status": "running",
            "attempts": 1,
            "started_at": _now(),
            "fingerprint": json.loads(json.dumps(fingerprint, default=str)),
            "finished_batches": [],
            "totals": {},
        }
        manifest = cls(out, data)
        manifest.save()
        return manifest

    def is_finished(self, index: int) -> bool:
        """True when batch `index` was finished by this run (now or by an earlier attempt)."""
        return index in self._done

    def record(self, index: int, counts: Mapping[str, Any]) -> None:
        """Mark batch `index` finished, add its counts to the totals and rewrite the manifest."""
        if index in self._done:
            return
        self._done.add(index)
        add_counts(self.data["totals"], counts)
        self.save()

    def finish(self, status: str = "completed") -> None:
        """Record the run's final status."""
        self.data["status"] = status
        self.data["finished_at"] = _now()
        self.save()

    def save(self) -> None:
        """Atomically rewrite the manifest file."""
        self.data["finished_batches"] = _to_ranges(self._done)
        self.data["updated_at"] = _now()
        write_json_atomic(self.path, self.data)


def _has_parts(out: Path) -> bool:
    return any((out / f).is_dir() and any((out / f).glob("part-*.parquet")) for f in PART_FOLDERS)


def clear_outputs(out: Path) -> None:
    """Delete what a previous run wrote into `out` (its part files, report and manifest), nothing else."""
    for folder in PART_FOLDERS:
        if (out / folder).is_dir():
            for p in (out / folder).glob("part-*.parquet"):
                p.unlink()
            remove_temp_files(out / folder)
    remove_temp_files(out)
    summary = out / REPORT_FOLDER / "summary.json"
    summary.unlink(missing_ok=True)
    (out / REPORT_FOLDER / "report.html").unlink(missing_ok=True)
    (out / MANIFEST_NAME).unlink(missing_ok=True)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
