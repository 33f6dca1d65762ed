"""Sources that stream batches of rows (never a whole table in memory) and writers of atomic Parquet parts.

    from deid.io import open_source
    with open_source("notes/", "parquet") as src:
        for batch in src.batches(["note_id", "text"], batch_size=256):
            ...
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from deid.io.lock import OutputInUseError, OutputLock
from deid.io.manifest import RunManifest
from deid.io.sources import FORMATS, Rejected, Source, SourceBatch, SourceError, infer_format
from deid.io.writers import write_json_atomic, write_part


def open_source(
    source: str | os.PathLike[str],
    format: str | None = None,
    *,
    query: str | None = None,
    csv_block_bytes: int | None = None,
) -> Source:
    """Open a Parquet/CSV/JSONL file, folder or glob, or a SQLAlchemy URL with a query."""
    text = os.fspath(source)
    fmt = format or infer_format(text)
    if fmt == "parquet":
        from deid.io.parquet_reader import ParquetSource

        return ParquetSource(text)
    if fmt == "csv":
        from deid.io.csv_reader import CsvSource

        return CsvSource(text, **({"block_bytes": csv_block_bytes} if csv_block_bytes else {}))
    if fmt == "jsonl":
        from deid.io.jsonl_reader import JsonlSource

        return JsonlSource(text)
    if fmt == "sql":
        from deid.io.sql_reader import SqlSource

        return SqlSource(text, query)
    raise SourceError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")


def read_batches(
    source: str | os.PathLike[str],
    format: str | None = None,
    columns: Sequence[str] | None = None,
    batch_size: int = 256,
    *,
    query: str | None = None,
) -> Iterator[SourceBatch]:
    """Stream a source as batches of rows (all columns unless `columns` is given)."""
    with open_source(source, format, query=query) as src:
        yield from src.batches(src.columns if columns is None else columns, batch_size)


__all__ = [
    "FORMATS",
    "OutputInUseError",
    "OutputLock",
    "Rejected",
    "RunManifest",
    "Source",
    "SourceBatch",
    "SourceError",
    "infer_format",
    "open_source",
    "read_batches",
    "write_json_atomic",
    "write_part",
]
