"""SQL source: a SQLAlchemy URL and a query, streamed with a server-side cursor (never fetched whole)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from deid.io.sources import Source, SourceError

# Rows fetched from the server at a time.
_FETCH_ROWS = 500


def masked_url(url: str) -> str:
    """The URL with any password replaced by ***, for logs and reports."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "(invalid URL)"


def has_password(url: str) -> bool:
    """True when the URL itself holds a password (it would then be stored with flow parameters)."""
    try:
        return make_url(url).password is not None
    except sa.exc.ArgumentError:
        return False


class SqlSource(Source):
    """Rows of one query; the query runs once, its result is streamed in partitions."""

    format = "sql"

    def __init__(self, url: str, query: str | None) -> None:
        if not query or not query.strip():
            raise SourceError(f"{masked_url(url)}: a SQL source needs query=... (a SELECT)")
        self.url = url
        self.query = query
        try:
            self._engine = sa.create_engine(url)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise SourceError(f"{masked_url(url)}: unusable database URL ({type(exc).__name__})") from None
        try:
            self._conn = self._engine.connect()
            # stream_results: a server-side cursor where the driver has one (PostgreSQL), so rows
            # arrive in partitions instead of the whole result set at once.
            self._result = self._conn.execution_options(
                stream_results=True, yield_per=_FETCH_ROWS
            ).execute(sa.text(query))
        except sa.exc.SQLAlchemyError as exc:
            self.close()
            raise SourceError(f"{masked_url(url)}: SQL query failed ({_describe(exc)})") from None
        if not self._result.returns_rows:
            self.close()
            raise SourceError(f"{masked_url(url)}: the query returns no rows (use a SELECT)")
        self._columns = list(self._result.keys())

    @property
    def columns(self) -> list[str]:
        """Columns of the query result."""
        return list(self._columns)

    def describe(self) -> dict[str, Any]:
        """Format, masked URL and query."""
        return {"format": self.format, "url": masked_url(self.url), "query": self.query}

    def count_rows(self) -> int | None:
        """`SELECT count(*)` over the query, on a connection of its own (the query's cursor is
        open on the other); None when the database refuses it: progress then counts up."""
        counting = sa.text(f"SELECT count(*) FROM ({self.query.strip().rstrip(';')}) AS deid_source_rows")
        try:
            with self._engine.connect() as conn:
                return int(conn.execute(counting).scalar_one())
        except sa.exc.SQLAlchemyError:
            return None

    def _records(self, columns: list[str], id_column: str | None) -> Iterator[tuple[str, str, Any]]:
        row_number = 0
        try:
            for partition in self._result.partitions():
                for row in partition:
                    row_number += 1
                    mapping = row._mapping
                    yield "row", f"query:row {row_number}", {
                        c: mapping[c] if c in mapping else None for c in columns
                    }
        except sa.exc.SQLAlchemyError as exc:
            raise SourceError(
                f"{masked_url(self.url)}: SQL read failed after row {row_number} ({_describe(exc)})"
            ) from None

    def close(self) -> None:
        """Close the result, the connection and the engine's pool."""
        for thing in ("_result", "_conn"):
            obj = getattr(self, thing, None)
            if obj is not None:
                try:
                    obj.close()
                except sa.exc.SQLAlchemyError:
                    pass
        engine = getattr(self, "_engine", None)
        if engine is not None:
            engine.dispose()


def _describe(exc: sa.exc.SQLAlchemyError) -> str:
    # Driver messages can quote row values (e.g. a failed cast): name the error class and SQLSTATE only.
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlite_errorname", None)
    return type(orig).__name__ + (f", {code}" if code else "")
