"""Atomic writers: a file appears under its final name complete or not at all (temp name, then rename)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

TEMP_PREFIX = ".tmp-"


def _replace_durably(tmp: Path, final: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)  # atomic within one folder (same file system)
    try:
        dir_fd = os.open(final.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _temp_for(final: Path) -> Path:
    # Same folder as the final file, so os.replace never crosses file systems.
    return final.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}-{final.name}")


def write_part(folder: str | os.PathLike[str], name: str, table: pa.Table) -> Path:
    """Write `table` as `folder/name` (Parquet) atomically and return the final path."""
    final = Path(folder) / name
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_for(final)
    try:
        pq.write_table(table, tmp)
        _replace_durably(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def write_text_atomic(path: str | os.PathLike[str], text: str, *, mode: int | None = None) -> Path:
    """Write `text` (UTF-8) to `path` atomically and return the path.

    `mode` (e.g. 0o600 for a file holding PHI) applies from the moment the temp file exists.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_for(final)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if mode is not None:
            os.chmod(tmp, mode)  # exactly `mode`, whatever the umask
        _replace_durably(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def write_json_atomic(path: str | os.PathLike[str], payload: Any) -> Path:
    """Write `payload` as indented JSON to `path` atomically and return the path."""
    return write_text_atomic(path, json.dumps(payload, indent=2, sort_keys=False, default=str) + "\n")


def remove_temp_files(folder: str | os.PathLike[str]) -> int:
    """Delete temp files a killed writer left in `folder`; return how many."""
    count = 0
    for p in Path(folder).glob(f"{TEMP_PREFIX}*"):
        p.unlink(missing_ok=True)
        count += 1
    return count
