"""Parquet source: a file, a folder or a glob of files, read row group by row group."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from deid.io.sources import (
    UNREADABLE_DATA,
    Rejected,
    Source,
    SourceError,
    as_text,
    describe_files,
    expand_files,
)

# Rows converted to Python at a time; bounded memory whatever the row group size.
_READ_ROWS = 512


class ParquetSource(Source):
    """Rows of Parquet files; only the requested columns are read from disk."""

    format = "parquet"

    def __init__(self, source: str | os.PathLike[str]) -> None:
        self.files = expand_files(source, "parquet")
        self._schemas: dict[Path, list[str]] = {}
        self._rows = 0  # from the same footers: a progress bar's total
        for f in self.files:
            try:
                footer = pq.ParquetFile(f)
                self._schemas[f] = footer.schema_arrow.names
                self._rows += footer.metadata.num_rows
            except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
                raise SourceError(f"{f}: not a readable Parquet file ({type(exc).__name__})") from None

    @property
    def columns(self) -> list[str]:
        """Columns present in every file, in the first file's order."""
        common = set.intersection(*(set(names) for names in self._schemas.values()))
        return [c for c in self._schemas[self.files[0]] if c in common]

    def describe(self) -> dict[str, Any]:
        """Format and the files read (path, size, mtime)."""
        return {"format": self.format, "files": describe_files(self.files)}

    def count_rows(self) -> int:
        """The rows in the files' footers (a damaged row group's rows are yielded as rejected)."""
        return self._rows

    def _records(self, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:
        for f in self.files:
            present = [c for c in columns if c in self._schemas[f]]
            absent = dict.fromkeys(c for c in columns if c not in self._schemas[f])
            parquet = pq.ParquetFile(f)
            start = 0  # rows before this row group
            # Row group by row group: a damaged one quarantines its own rows, and the rest is read.
            for group in range(parquet.metadata.num_row_groups):
                size = parquet.metadata.row_group(group).num_rows
                done = 0
                try:
                    for record_batch in parquet.iter_batches(
                        batch_size=_READ_ROWS, row_groups=[group], columns=present
                    ):
                        for row in record_batch.to_pylist():
                            done += 1
                            yield "row", f"{f}:row {start + done}", {**absent, **row}
                except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
                    reason = f"unreadable Parquet data in row group {group} ({type(exc).__name__})"
                    ids = _ids(parquet, group, id_column if id_column in present else None)
                    for offset in range(done, size):
                        location = f"{f}:row {start + offset + 1}"
                        yield "rejected", location, Rejected(
                            location, UNREADABLE_DATA, reason, ids[offset] if ids else None
                        )
                start += size


def _ids(parquet: pq.ParquetFile, group: int, id_column: str | None) -> list[str | None]:
    """The id column of a damaged row group when that column alone is readable, else []."""
    if id_column is None:
        return []
    try:
        return [as_text(v) or None for v in parquet.read_row_group(group, columns=[id_column]).column(0).to_pylist()]
    except (OSError, ValueError):
        return []
