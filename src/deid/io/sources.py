"""What every source reader shares: batches of rows, rejected rows, file expansion, format inference."""

from __future__ import annotations

import datetime as dt
import glob
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deid.errors import DeidError

# Reason codes of quarantine records written by readers and by the batch step (stable, countable).
INVALID_JSON = "invalid_json"
INVALID_UTF8 = "invalid_utf8"
MALFORMED_ROW = "malformed_row"
UNREADABLE_DATA = "unreadable_data"

# File extensions of each file format; a folder source is read as every file with one of them.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "csv": (".csv",),
    "jsonl": (".jsonl", ".ndjson"),
}
FORMATS = ("parquet", "csv", "jsonl", "sql")


class SourceError(DeidError):
    """A source cannot be read: missing file, unknown format, missing column, failing query."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row a reader could not decode: where it was and why (never its content)."""

    location: str
    reason_code: str
    reason: str
    row_id: str | None = None


@dataclass(slots=True)
class SourceBatch:
    """A batch of decoded rows (column -> value), each with its location, plus the rows a reader rejected."""

    index: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Rows read in this batch, decoded or rejected."""
        return len(self.rows) + len(self.rejected)

    def __repr__(self) -> str:
        # Never echo row values in reprs (tracebacks, logs).
        return f"SourceBatch(index={self.index}, rows={len(self.rows)}, rejected={len(self.rejected)})"


@dataclass(slots=True)
class _Pending:
    """Rows gathered by a reader until a batch is full."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) + len(self.rejected)

    def take(self, index: int) -> SourceBatch:
        batch = SourceBatch(index, self.rows, self.locations, self.rejected)
        self.rows, self.locations, self.rejected = [], [], []
        return batch


class Source(AbstractContextManager["Source"]):
    """An opened source: its column names, then its rows as a stream of batches (never all at once)."""

    format: str = ""

    @property
    def columns(self) -> list[str]:  # pragma: no cover - abstract
        """Column names every row can have (for files: those present in every file)."""
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """What the source is, for reports and resume checks (paths, sizes; never values)."""
        return {"format": self.format}

    def count_rows(self) -> int | None:
        """How many rows (rejected ones included) the source will yield, when that is cheap to know
        beforehand (for a progress bar); None when only reading it all would tell."""
        return None

    def batches(self, columns: Sequence[str], batch_size: int, *, id_column: str | None = None) -> Iterator[SourceBatch]:
        """Rows restricted to `columns` (absent ones are None), `batch_size` rows per batch, numbered from 0.

        A row the reader rejects keeps its `id_column` value as `row_id` when that cell is readable.
        """
        if batch_size < 1:
            raise SourceError(f"batch_size must be at least 1, got {batch_size}")
        pending = _Pending()
        index = 0
        for kind, location, value in self._records(list(columns), id_column):
            if kind == "row":
                pending.rows.append(value)
                pending.locations.append(location)
            else:
                pending.rejected.append(value)
            if len(pending) >= batch_size:
                yield pending.take(index)
                index += 1
        if len(pending):
            yield pending.take(index)

    def _records(self, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:  # pragma: no cover
        """Yield ("row", location, dict) or ("rejected", location, Rejected) in source order."""
        raise NotImplementedError

    def close(self) -> None:
        """Release files or connections."""

    def __exit__(self, *exc: object) -> None:
        self.close()


def infer_format(source: str) -> str:
    """The format of a source from its URL scheme or file extension(s); a clear error when ambiguous."""
    if "://" in source:
        return "sql"
    path = Path(source)
    if not glob.has_magic(source) and not path.exists():
        raise SourceError(f"{source}: no such file or folder")
    if path.is_dir():
        found = {fmt for fmt, exts in EXTENSIONS.items() for p in path.rglob("*") if p.suffix.lower() in exts}
        if len(found) == 1:
            return found.pop()
        what = "no Parquet, CSV or JSONL files" if not found else f"several formats ({', '.join(sorted(found))})"
        raise SourceError(f"{source}: folder holds {what}; pass format=parquet|csv|jsonl")
    suffix = path.suffix.lower()
    for fmt, exts in EXTENSIONS.items():
        if suffix in exts:
            return fmt
    raise SourceError(
        f"{source}: cannot infer the format from the name; pass format "
        f"({', '.join(FORMATS)})"
    )


def expand_files(source: str | os.PathLike[str], fmt: str) -> list[Path]:
    """The files of a source given as a file, a folder (read recursively) or a glob, sorted by name."""
    text = os.fspath(source)
    if glob.has_magic(text):
        files = [Path(p) for p in sorted(glob.glob(text, recursive=True)) if Path(p).is_file()]
        if not files:
            raise SourceError(f"{text}: no file matches")
        return files
    path = Path(text)
    if path.is_dir():
        exts = EXTENSIONS[fmt]
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in exts)
        if not files:
            raise SourceError(f"{text}: no {'/'.join(exts)} files in this folder")
        return files
    if not path.exists():
        raise SourceError(f"{text}: no such file or folder")
    if not os.access(path, os.R_OK):
        raise SourceError(f"{text}: not readable (permission denied)")
    return [path]


def describe_files(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Path, size and modification time of each file: enough to notice a source changed before a resume."""
    out = []
    for f in files:
        st = f.stat()
        out.append({"path": str(f.resolve()), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns})
    return out


def is_missing(value: object) -> bool:
    """True for None and NaN (pandas writes missing strings as NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def as_text(value: object) -> str | None:
    """A cell as text for the output and for `known=`: None for missing, ISO for dates."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
