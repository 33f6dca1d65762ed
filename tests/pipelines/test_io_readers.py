"""Streaming readers: Parquet, CSV, JSON Lines (file, folder, glob), SQLite and PostgreSQL through SQLAlchemy."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from support import synthetic_rows, write_parquet
from deid.io import SourceError, infer_format, open_source, read_batches

COLUMNS = ["note_id", "text", "client_name"]


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    return path


def _ids(batches) -> list[str]:
    return [row["note_id"] for b in batches for row in b.rows]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_file_formats_stream_every_row_in_batches(tmp_path: Path, fmt: str) -> None:
    """Each file format yields all rows in order, in batches of at most batch_size, with locations."""
    rows = synthetic_rows(7)
    path = tmp_path / f"notes.{fmt}"
    {"parquet": write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[fmt](path, rows)
    batches = list(read_batches(path, columns=COLUMNS, batch_size=3))
    assert [len(b.rows) for b in batches] == [3, 3, 1]
    assert [b.index for b in batches] == [0, 1, 2]
    assert _ids(batches) == [r["note_id"] for r in rows]
    assert batches[0].rows[0]["text"] == rows[0]["text"]  # multi-line text survives CSV quoting
    assert set(batches[0].rows[0]) == set(COLUMNS)
    assert batches[1].locations[0].endswith(("row 4", "line 4"))


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_folder_and_glob_sources_read_every_file(tmp_path: Path, fmt: str) -> None:
    """A folder (recursively) or a glob reads every matching file, sorted by name."""
    writer = {"parquet": write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[fmt]
    rows = synthetic_rows(5)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    writer(tmp_path / "in" / f"a.{fmt}", rows[:2])
    writer(tmp_path / "in" / "sub" / f"b.{fmt}", rows[2:])
    assert infer_format(str(tmp_path / "in")) == fmt
    from_folder = _ids(read_batches(tmp_path / "in", columns=COLUMNS, batch_size=2))
    from_glob = _ids(read_batches(str(tmp_path / "in" / "**" / f"*.{fmt}"), fmt, COLUMNS, 2))
    assert from_folder == from_glob == [r["note_id"] for r in rows]


def test_absent_requested_columns_read_as_none(tmp_path: Path) -> None:
    """A requested column the source lacks is None in every row (the flow decides whether that is an error)."""
    path = write_parquet(tmp_path / "n.parquet", synthetic_rows(2))
    rows = [r for b in read_batches(path, columns=["note_id", "nope"]) for r in b.rows]
    assert all(r["nope"] is None for r in rows)


def test_jsonl_broken_lines_are_rejected_with_line_numbers(tmp_path: Path) -> None:
    """Invalid JSON, invalid UTF-8 and non-object lines are rejected with their line number; the rest is read."""
    rows = synthetic_rows(3)
    path = tmp_path / "n.jsonl"
    with open(path, "wb") as fh:
        fh.write((json.dumps(rows[0]) + "\n").encode())
        fh.write(b'{"note_id": "x", "text": "Dana Whitfield called\n')  # truncated object
        fh.write(b"\n")
        fh.write(b'{"note_id": "y", "text": "caf\xe9 \xff"}\n')
        fh.write(b"[1, 2]\n")
        fh.write((json.dumps(rows[1]) + "\n").encode())
    batches = list(read_batches(path, columns=COLUMNS, batch_size=10))
    assert _ids(batches) == [rows[0]["note_id"], rows[1]["note_id"]]
    rejected = [r for b in batches for r in b.rejected]
    assert [(r.reason_code, r.reason) for r in rejected] == [
        ("invalid_json", "invalid JSON at line 2"),
        ("invalid_utf8", "invalid UTF-8 at line 4"),
        ("malformed_row", "not a JSON object at line 5"),
    ]
    assert all("Dana" not in r.reason and "Dana" not in r.location for r in rejected)
    assert sum(b.size for b in batches) == 5
    with open_source(path) as src:
        assert src.count_rows() == 5  # what a progress bar counts to: every row read, rejected ones too


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_sources_count_their_rows_beforehand(tmp_path: Path, fmt: str) -> None:
    """Parquet from its footers, JSONL from its lines, CSV by a parse of one column (the notes'
    quoted fields span lines): the total a progress bar counts to."""
    writer = {"parquet": write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[fmt]
    (tmp_path / "in").mkdir()
    writer(tmp_path / "in" / f"a.{fmt}", synthetic_rows(4))
    writer(tmp_path / "in" / f"b.{fmt}", synthetic_rows(3, seed=1))
    with open_source(tmp_path / "in") as src:
        assert src.count_rows() == 7 == sum(b.size for b in src.batches(COLUMNS, 2))


def test_csv_invalid_utf8_and_malformed_rows_are_rejected_not_fatal(tmp_path: Path) -> None:
    """A CSV cell with invalid UTF-8 or a row with the wrong column count is rejected; other rows are read."""
    rows = synthetic_rows(3)
    path = _write_csv(tmp_path / "n.csv", [{k: r[k] for k in COLUMNS} for r in rows])
    with open(path, "ab") as fh:
        fh.write(b'bad1,"Dana \xff Whitfield",x\n')
        fh.write(b"bad2,too\n")
    batches = list(read_batches(path, columns=COLUMNS, batch_size=2))
    assert _ids(batches) == [r["note_id"] for r in rows]
    rejected = sorted((r.reason_code, r.location.rsplit(":", 1)[1]) for b in batches for r in b.rejected)
    assert rejected == [("invalid_utf8", "row 4"), ("malformed_row", "row 5")]
    assert sum(b.size for b in batches) == 5
    with open_source(path) as src:
        assert src.count_rows() == 5  # rejected rows are counted too


def test_unreadable_sources_fail_with_one_clear_error(tmp_path: Path) -> None:
    """Missing paths, corrupt Parquet, unknown formats and empty globs raise SourceError naming the source."""
    with pytest.raises(SourceError, match="no such file"):
        open_source(tmp_path / "missing.parquet")
    corrupt = tmp_path / "corrupt.parquet"
    corrupt.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(SourceError, match="not a readable Parquet file"):
        open_source(corrupt)
    (tmp_path / "notes.txt").write_text("text")
    with pytest.raises(SourceError, match="cannot infer the format"):
        open_source(tmp_path / "notes.txt")
    with pytest.raises(SourceError, match="no_such_folder: no such file or folder"):
        open_source(tmp_path / "no_such_folder")  # not "cannot infer the format": the path is what is wrong
    with pytest.raises(SourceError, match="no file matches"):
        open_source(str(tmp_path / "*.csv"))


def _load_table(url: str, rows: list[dict]) -> None:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table("notes", meta, *(sa.Column(c, sa.Text) for c in rows[0]))
    with engine.begin() as conn:
        meta.drop_all(conn)
        meta.create_all(conn)
        conn.execute(table.insert(), rows)
    engine.dispose()


def test_sqlite_query_streams_rows(tmp_path: Path) -> None:
    """A SQLite URL and query stream the result in batches, columns from the query."""
    rows = synthetic_rows(5)
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    _load_table(url, rows)
    with open_source(url, query="SELECT note_id, text, client_name FROM notes ORDER BY note_id;") as src:
        assert src.format == "sql" and src.columns == COLUMNS
        assert src.count_rows() == 5  # SELECT count(*) over the query, on its own connection
        batches = list(src.batches(COLUMNS, 2))
    assert _ids(batches) == [r["note_id"] for r in rows]
    assert batches[0].locations == ["query:row 1", "query:row 2"]


def test_failing_query_names_the_error_not_the_data(tmp_path: Path) -> None:
    """A failing query raises SourceError with the URL (password hidden) and the error class only."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with pytest.raises(SourceError, match="SQL query failed") as err:
        open_source(url, query="SELECT text FROM no_such_table WHERE text = 'Dana Whitfield'")
    assert "Dana" not in str(err.value)
    with pytest.raises(SourceError, match="needs query"):
        open_source(url)


def test_postgresql_streams_with_a_server_side_cursor(postgres_url: str) -> None:
    """A real PostgreSQL server: rows stream through a named (server-side) cursor in batches."""
    rows = synthetic_rows(9)
    _load_table(postgres_url, rows)
    with open_source(postgres_url, query="SELECT * FROM notes ORDER BY note_id") as src:
        assert set(COLUMNS) <= set(src.columns)
        # psycopg2 gives a named cursor only for server-side streaming.
        assert src._result.cursor.name is not None
        assert src.count_rows() == 9  # while the cursor is open
        batches = list(src.batches(COLUMNS, 4))
    assert [len(b.rows) for b in batches] == [4, 4, 1]
    assert _ids(batches) == [r["note_id"] for r in rows]
    assert batches[0].rows[0]["text"] == rows[0]["text"]
