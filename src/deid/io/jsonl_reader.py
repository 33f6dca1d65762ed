"""JSON Lines source: one JSON object per line; a broken line is rejected, the rest is read."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from deid.io.sources import (
    INVALID_JSON,
    INVALID_UTF8,
    MALFORMED_ROW,
    Rejected,
    Source,
    SourceError,
    as_text,
    describe_files,
    expand_files,
)


class JsonlSource(Source):
    """Rows of JSON Lines files, read line by line (blank lines are skipped)."""

    format = "jsonl"

    def __init__(self, source: str | os.PathLike[str]) -> None:
        self.files = expand_files(source, "jsonl")
        self._columns = self._first_keys()

    def _first_keys(self) -> list[str]:
        # JSON Lines has no header: the first object of the first file stands for the schema.
        for f in self.files:
            for _, _, value in _lines(f):
                if isinstance(value, dict):
                    return list(value)
        raise SourceError(f"{self.files[0]}: no JSON object found in the source")

    @property
    def columns(self) -> list[str]:
        """The keys of the first JSON object (rows lacking a key get None for it)."""
        return list(self._columns)

    def describe(self) -> dict[str, Any]:
        """Format and the files read (path, size, mtime)."""
        return {"format": self.format, "files": describe_files(self.files)}

    def count_rows(self) -> int:
        """The non-blank lines of the files (one row, or one rejected row, each), counted in one pass
        over the bytes: far cheaper than redacting them."""
        count = 0
        for f in self.files:
            try:
                with open(f, "rb") as fh:
                    count += sum(1 for raw in fh if raw.strip())
            except OSError as exc:
                raise SourceError(f"{f}: cannot read: {exc.strerror}") from None
        return count

    def _records(self, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:
        for f in self.files:
            for number, problem, value in _lines(f):
                location = f"{f}:line {number}"
                if problem is not None:
                    row_id = _readable_id(value, id_column)
                    yield "rejected", location, Rejected(
                        location, problem[0], f"{problem[1]} at line {number}", row_id
                    )
                elif not isinstance(value, dict):
                    yield "rejected", location, Rejected(
                        location, MALFORMED_ROW, f"not a JSON object at line {number}"
                    )
                else:
                    yield "row", location, {c: value.get(c) for c in columns}


def _lines(path) -> Iterator[tuple[int, tuple[str, str] | None, Any]]:
    """(line number, problem or None, parsed value) for each non-blank line."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                # The value, decoded with U+FFFD for the bad bytes, only lends the row its id.
                try:
                    damaged = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8", "replace"))
                except (ValueError, RecursionError):
                    damaged = None
                yield number, (INVALID_UTF8, "invalid UTF-8"), damaged
                continue
            try:
                yield number, None, json.loads(line)
            except (ValueError, RecursionError):  # JSONDecodeError, or nesting too deep
                yield number, (INVALID_JSON, "invalid JSON"), None


def _readable_id(value: Any, id_column: str | None) -> str | None:
    """The id of a rejected row when it survived intact (not touched by the bad bytes), else None."""
    if not id_column or not isinstance(value, dict):
        return None
    row_id = as_text(value.get(id_column))
    return row_id if row_id and "\ufffd" not in row_id else None
