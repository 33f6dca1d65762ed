"""CSV source: pyarrow's streaming reader; cells are decoded here so bad UTF-8 rejects a row, not the run."""

from __future__ import annotations

import csv as _pycsv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from deid.io.sources import (
    INVALID_UTF8,
    MALFORMED_ROW,
    Rejected,
    Source,
    SourceError,
    describe_files,
    expand_files,
)

# Bytes parsed at a time. A row must fit in one block, so the default leaves room for long notes.
DEFAULT_BLOCK_BYTES = 16 << 20


class CsvSource(Source):
    """Rows of CSV files with a header line; quoted fields may hold newlines."""

    format = "csv"

    def __init__(self, source: str | os.PathLike[str], *, block_bytes: int = DEFAULT_BLOCK_BYTES) -> None:
        self.files = expand_files(source, "csv")
        self.block_bytes = block_bytes
        self._headers = {f: _header(f) for f in self.files}

    @property
    def columns(self) -> list[str]:
        """Columns present in every file's header, in the first file's order."""
        common = set.intersection(*(set(h) for h in self._headers.values()))
        return [c for c in self._headers[self.files[0]] if c in common]

    def describe(self) -> dict[str, Any]:
        """Format and the files read (path, size, mtime)."""
        return {"format": self.format, "files": describe_files(self.files)}

    def count_rows(self) -> int:
        """The rows of the files, malformed ones included, as `batches` will yield them: one more
        pass of pyarrow's parser over the first column only (quoted fields may span lines, so lines
        are no count), far cheaper than redacting them."""
        return sum(1 for f in self.files for _ in self._file_records(f, [], None))

    def _records(self, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:
        for f in self.files:
            yield from self._file_records(f, columns, id_column)

    def _file_records(self, f: Path, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:
        header = self._headers[f]
        present = [c for c in columns if c in header]
        absent = dict.fromkeys(c for c in columns if c not in header)
        invalid: list[Rejected] = []

        def skip_invalid(row: Any) -> str:
            # The row's text is never kept: only where it was and the column counts.
            # pyarrow numbers records from the header (1); data rows are numbered from 1 like good rows.
            where = f"{f}:row {row.number - 1}" if row.number not in (None, -1) else f"{f}"
            invalid.append(
                Rejected(
                    where,
                    MALFORMED_ROW,
                    f"expected {row.expected_columns} columns, got {row.actual_columns}",
                )
            )
            return "skip"

        try:
            reader = pacsv.open_csv(
                f,
                read_options=pacsv.ReadOptions(block_size=self.block_bytes, use_threads=False),
                parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip_invalid),
                # Binary, not string: pyarrow would fail the whole block on one invalid UTF-8 cell.
                convert_options=pacsv.ConvertOptions(
                    column_types={name: pa.binary() for name in header},
                    include_columns=present or header[:1],
                ),
            )
        except (OSError, ValueError) as exc:
            raise SourceError(f"{f}: cannot read CSV ({type(exc).__name__})") from None
        row_number = 0
        while True:
            try:
                record_batch = reader.read_next_batch()
            except StopIteration:
                break
            except (OSError, ValueError) as exc:
                raise SourceError(
                    f"{f}: CSV parse failed after row {row_number} ({type(exc).__name__}); "
                    "a row longer than the read block needs a larger block_bytes"
                ) from None
            for rejected in invalid:
                yield "rejected", rejected.location, rejected
            invalid.clear()
            for raw in record_batch.to_pylist():
                row_number += 1
                location = f"{f}:row {row_number}"
                row, bad_column = _decode(raw, present)
                if bad_column is None:
                    yield "row", location, {**absent, **row}
                else:
                    reason = f"invalid UTF-8 in column {bad_column!r} at row {row_number}"
                    row_id, _ = _decode(raw, [id_column] if id_column in present else [])
                    yield "rejected", location, Rejected(location, INVALID_UTF8, reason, row_id.get(id_column) or None)
        for rejected in invalid:
            yield "rejected", rejected.location, rejected


def _decode(raw: dict[str, bytes | None], columns: list[str]) -> tuple[dict[str, str | None], str | None]:
    row: dict[str, str | None] = {}
    for c in columns:
        value = raw.get(c)
        try:
            row[c] = None if value is None else value.decode("utf-8")
        except UnicodeDecodeError:
            return {}, c
    return row, None


def _header(path: Path) -> list[str]:
    try:
        with open(path, "rb") as fh:
            first = fh.readline()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{path}: the CSV header line is not UTF-8") from None
    names = next(_pycsv.reader([line]), [])
    if not names or not any(n.strip() for n in names):
        raise SourceError(f"{path}: empty file or no CSV header line")
    return names
