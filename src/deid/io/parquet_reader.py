"""Parquet source: a file, a folder or a glob of files, read row group by row group."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from deid.io.sources import Source, SourceError, describe_files, expand_files

# Rows converted to Python at a time; bounded memory whatever the row group size.
_READ_ROWS = 512


class ParquetSource(Source):
    """Rows of Parquet files; only the requested columns are read from disk."""

    format = "parquet"

    def __init__(self, source: str | os.PathLike[str]) -> None:
        self.files = expand_files(source, "parquet")
        self._schemas: dict[Path, list[str]] = {}
        for f in self.files:
            try:
                self._schemas[f] = pq.ParquetFile(f).schema_arrow.names
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

    def _records(self, columns: list[str]) -> Iterator[tuple[str, str, Any]]:
        for f in self.files:
            present = [c for c in columns if c in self._schemas[f]]
            absent = dict.fromkeys(c for c in columns if c not in self._schemas[f])
            row_number = 0
            try:
                batches = pq.ParquetFile(f).iter_batches(batch_size=_READ_ROWS, columns=present)
                for record_batch in batches:
                    for row in record_batch.to_pylist():
                        row_number += 1
                        yield "row", f"{f}:row {row_number}", {**absent, **row}
            except (OSError, ValueError) as exc:
                raise SourceError(
                    f"{f}: Parquet read failed after row {row_number} ({type(exc).__name__})"
                ) from None
