"""Bad input through `deid.redact()` and through the deid-extract flow: a clear error or a quarantine record.

Every case either fails with one clear line before any output exists, or quarantines the bad row with a
reason while the run goes on and its counts reconcile. No error, log record or output outside notes/
holds the canary planted in the bad notes.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import deid
from support import ROOT, read_parts, synthetic_rows, write_parquet
from deid.errors import DeidError
from log_capture import captured_logs

CANARY = "Quillfeather Obrenovska"  # a name no code, log or Prefect record holds by chance
NOTE = f"Client {CANARY} reports better sleep; her sister Marguerite Oyelaran called 619-555-0143."
FIVE_MB = 5_000_000


# --------------------------------------------------------------------------------------------
# deid.redact()
# --------------------------------------------------------------------------------------------

def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def assert_no_canary_in(exc: BaseException, canary: str = CANARY) -> None:
    """Neither the exception nor anything it chains to mentions the canary (str, repr, args)."""
    for e in _exception_chain(exc):
        for text in (str(e), repr(e), *map(repr, e.args)):
            assert canary not in text, type(e).__name__
        assert canary not in repr(getattr(e, "object", "")), type(e).__name__


@pytest.mark.parametrize(
    ("value", "error"),
    [
        pytest.param("", None, id="empty"),
        pytest.param(None, "note text must be str, got NoneType", id="None"),
        pytest.param(float("nan"), "note text must be str, got float", id="NaN"),
        pytest.param(42, "note text must be str, got int", id="int"),
        pytest.param(NOTE.encode(), "note text must be str, got bytes", id="bytes"),
        pytest.param(["a", NOTE], "note text must be str, got list", id="list"),
        pytest.param("\x00\x01\x7f\ufffd\ufeff\u202e" + NOTE + "\x1b[31m\x00" * 20, None, id="binary-garbage"),
        pytest.param("\ud800" + NOTE + "\udfff\udc80", None, id="lone-surrogates"),
        pytest.param(
            (NOTE + " Plan: continue weekly CBT.\n") * (FIVE_MB // (len(NOTE) + 27) + 1),
            None,
            id="5MB",
            marks=pytest.mark.slow,  # ~1 min: tokenizer and patterns over 5 MB, NER only where needed
        ),
    ],
)
def test_redact_handles_bad_input_or_names_only_the_type(value, error: str | None, caplog) -> None:
    """redact() redacts any str (spans in bounds) and rejects anything else with a TypeError naming only its type."""
    caplog.set_level(logging.DEBUG)
    if error is None:
        result = deid.redact(value)
        assert len(result.text) >= 0 and CANARY not in repr(result)
        for span in result.spans:
            assert 0 <= span.start < span.end <= len(value)
    else:
        with pytest.raises(TypeError) as info:
            deid.redact(value)
        assert str(info.value) == error
        assert_no_canary_in(info.value)
    assert CANARY not in caplog.text


# --------------------------------------------------------------------------------------------
# The flow: rows that are quarantined (the run goes on)
# --------------------------------------------------------------------------------------------

GOOD_IDS = ["good-1", "good-2"]


def _good_rows() -> list[dict]:
    rows = synthetic_rows(2, seed=11, research_consent="true")
    for row, note_id in zip(rows, GOOD_IDS):
        row["note_id"] = note_id
    return rows


def _jsonl(path: Path, rows: list[dict], extra_lines: list[bytes] = ()) -> Path:
    path.write_bytes(b"".join(json.dumps(row).encode() + b"\n" for row in rows) + b"".join(l + b"\n" for l in extra_lines))
    return path


def _bad(note_id: str | None, text: object) -> dict:
    return {**_good_rows()[0], "note_id": note_id, "text": text}


@dataclass
class RowCase:
    """A source of two good rows plus bad ones, and what the run must make of it."""

    build: Callable[[Path], Path]
    written: list[str]  # note ids written, in any order
    quarantined: dict[str, str] = field(default_factory=dict)  # reason -> reason_code, one row each
    params: dict = field(default_factory=dict)
    row_ids: dict[str, str | None] = field(default_factory=dict)  # reason -> row_id, when the case tells


def _csv(path: Path, rows: list[dict], bad: bytes) -> Path:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode() + bad)
    return path


def _csv_invalid_utf8(tmp: Path) -> Path:
    rows = _good_rows()
    cells = {**rows[0], "note_id": "bad-utf8", "text": "@@TEXT@@"}
    line = ",".join(f'"{v}"' for v in cells.values()) + "\r\n"
    raw = line.encode().replace(b"@@TEXT@@", CANARY.encode() + b" \xff\xfe\xc3( broken")
    return _csv(tmp / "notes.csv", rows, raw)


def _parquet_damaged_row_group(tmp: Path) -> Path:
    """Two good rows in row group 0; row group 1 (one row) has its text page overwritten."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp / "notes.parquet"
    rows = [*_good_rows(), {**_good_rows()[0], "note_id": "damaged", "text": CANARY + " " + NOTE}]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2, compression="none")
    column = pq.ParquetFile(path).metadata.row_group(1).column(list(rows[0]).index("text"))
    raw = bytearray(path.read_bytes())
    start = column.data_page_offset
    raw[start : start + 64] = b"\xab" * 64
    path.write_bytes(bytes(raw))
    return path


ROW_CASES = {
    "empty-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("empty", "")]), [*GOOD_IDS, "empty"]
    ),
    "None-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("none", None)]),
        GOOD_IDS, {"text is missing": "missing_text"},
    ),
    "NaN-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("nan", float("nan"))]),
        GOOD_IDS, {"text is missing": "missing_text"},
    ),
    "int-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("int", 7)]),
        GOOD_IDS, {"text is int, not a string": "not_a_string"},
    ),
    "object-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("obj", {"body": NOTE})]),
        GOOD_IDS, {"text is dict, not a string": "not_a_string"},
    ),
    "list-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("list", [NOTE])]),
        GOOD_IDS, {"text is list, not a string": "not_a_string"},
    ),
    "binary-garbage-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("garbage", "\x00\x07\ufffd\x1b[2J" + NOTE + "\x00" * 50)]),
        [*GOOD_IDS, "garbage"],
    ),
    "lone-surrogate-text": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("surrogate", NOTE + "\ud800")]),
        GOOD_IDS, {"invalid Unicode (lone surrogate) in column 'text'": "invalid_unicode"},
    ),
    "lone-surrogate-id": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("id-\udc80", NOTE)]),
        GOOD_IDS, {"invalid Unicode (lone surrogate) in column 'note_id'": "invalid_unicode"},
    ),
    "invalid-utf8-jsonl": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", _good_rows(), [b'{"note_id": "x", "text": "' + CANARY.encode() + b'\xff\xfe"}']),
        GOOD_IDS, {"invalid UTF-8 at line 3": "invalid_utf8"}, row_ids={"invalid UTF-8 at line 3": "x"},
    ),
    "invalid-utf8-jsonl-id": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", _good_rows(), [b'{"note_id": "x\xff", "text": "' + CANARY.encode() + b'"}']),
        GOOD_IDS, {"invalid UTF-8 at line 3": "invalid_utf8"}, row_ids={"invalid UTF-8 at line 3": None},
    ),
    "invalid-json": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", _good_rows(), [b'{"note_id": "x", "text": "' + CANARY.encode()]),
        GOOD_IDS, {"invalid JSON at line 3": "invalid_json"},
    ),
    "invalid-utf8-csv": RowCase(
        _csv_invalid_utf8, GOOD_IDS, {"invalid UTF-8 in column 'text' at row 3": "invalid_utf8"},
        row_ids={"invalid UTF-8 in column 'text' at row 3": "bad-utf8"},
    ),
    # The rows before and after a damaged row group are read; its own rows are quarantined with their ids.
    "damaged-parquet-row-group": RowCase(
        _parquet_damaged_row_group, GOOD_IDS, {"unreadable Parquet data in row group 1 (OSError)": "unreadable_data"},
        row_ids={"unreadable Parquet data in row group 1 (OSError)": "damaged"},
    ),
    "missing-id-value": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad(None, NOTE)]),
        GOOD_IDS, {"note_id is missing": "missing_id"},
    ),
    "duplicate-id": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("good-1", NOTE)]),
        GOOD_IDS, {"duplicate id": "duplicate_id"},
    ),
    # Quarantined, not processed: the default max_note_chars is 1,000,000.
    "5MB-note": RowCase(
        lambda tmp: _jsonl(tmp / "n.jsonl", [*_good_rows(), _bad("huge", (NOTE + "\n") * (FIVE_MB // len(NOTE)))]),
        GOOD_IDS, {f"text has {(len(NOTE) + 1) * (FIVE_MB // len(NOTE))} characters (max_note_chars=1000000)": "too_long"},
    ),
}


def _outside_notes(out: Path) -> str:
    """Everything the run wrote except notes/, as searchable text (Parquet decoded)."""
    import pyarrow.parquet as pq

    texts = []
    for path in out.rglob("*"):
        if path.is_file() and path.relative_to(out).parts[0] != "notes":
            if path.suffix == ".parquet":
                texts.append(json.dumps(pq.read_table(path).to_pylist(), default=str))
            else:
                texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.parametrize("case", list(ROW_CASES), ids=list(ROW_CASES))
def test_bad_rows_are_quarantined_with_a_reason_and_the_run_goes_on(extract_module, tmp_path: Path, case: str) -> None:
    """Each bad row is written (when it is a valid note) or quarantined with its reason; counts reconcile."""
    spec = ROW_CASES[case]
    source = spec.build(tmp_path)
    out = tmp_path / "out"
    with captured_logs() as logs:
        result = extract_module.deid_extract(
            source=str(source), output_dir=str(out), batch_size=2, max_quarantine_fraction=1, **spec.params
        )
    rows = result["rows"]
    assert rows["read"] == rows["written"] + rows["excluded"] + rows["quarantined"]
    assert rows["read"] == len(spec.written) + len(spec.quarantined)
    assert sorted(n["note_id"] for n in read_parts(out / "notes")) == sorted(spec.written)
    quarantine = read_parts(out / "quarantine")
    assert {q["reason"]: q["reason_code"] for q in quarantine} == spec.quarantined
    assert len(quarantine) == len(spec.quarantined)
    assert all(q["location"] for q in quarantine)
    assert {q["reason"]: q["row_id"] for q in quarantine if q["reason"] in spec.row_ids} == spec.row_ids
    summary = json.loads((out / "report" / "summary.json").read_text())
    assert summary["reconciled"] and summary["rows"] == rows
    assert CANARY not in _outside_notes(out)
    assert not any(CANARY in line or "Obrenovska" in line for line in logs.lines)
    assert any("done: read" in line for line in logs.lines)  # the capture saw the run's records


# --------------------------------------------------------------------------------------------
# The flow: requests that fail with one clear line before any output is written
# --------------------------------------------------------------------------------------------

def _parquet(tmp: Path) -> Path:
    return write_parquet(tmp / "notes.parquet", [{**r, "text": NOTE} for r in _good_rows()])


def _no_id_column(tmp: Path) -> Path:
    rows = [{k: v for k, v in r.items() if k != "note_id"} for r in _good_rows()]
    return write_parquet(tmp / "notes.parquet", rows)


def _corrupt_parquet(tmp: Path) -> Path:
    good = _parquet(tmp).read_bytes()
    path = tmp / "corrupt.parquet"
    path.write_bytes(good[:4] + CANARY.encode() * 20 + good[len(good) // 2 :])
    return path


def _directory_as_file(tmp: Path) -> Path:
    # Root reads everything, so a path that cannot be read as a file is a folder named like one.
    path = tmp / "notes.csv"
    path.mkdir()
    return path


def _unreadable_file(tmp: Path) -> Path:
    path = _parquet(tmp)
    path.chmod(0)
    return path


def _failing_sql(tmp: Path) -> str:
    import sqlalchemy as sa

    url = f"sqlite:///{tmp / 'notes.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (note_id TEXT, text TEXT)"))
        conn.execute(sa.text("INSERT INTO notes VALUES ('n1', :t)"), {"t": NOTE})
    engine.dispose()
    return url


REQUEST_CASES = {
    "missing-id-column": (_no_id_column, {}, r"'note_id' \(id_column\)"),
    "missing-text-column": (_parquet, {"text_column": "body"}, r"'body' \(text_column\)"),
    "corrupt-parquet": (_corrupt_parquet, {}, r"not a readable Parquet file"),
    "folder-that-does-not-exist": (lambda tmp: tmp / "no_such_folder", {}, r"no_such_folder: no such file or folder"),
    "directory-given-as-file": (_directory_as_file, {}, r"no Parquet, CSV or JSONL files"),
    "directory-given-as-file-with-format": (_directory_as_file, {"format": "csv"}, r"no \.csv files in this folder"),
    "failing-sql-query": (_failing_sql, {"query": "SELECT * FROM no_such_table"}, r"SQL query failed \(OperationalError"),
    "unknown-policy": (_parquet, {"policy": "no_such_policy"}, r"unknown policy 'no_such_policy'"),
    "policy-with-errors": (
        _parquet, {"policy": str(ROOT / "tests/conf/policies/unknown_action.yaml")}, r"unknown action 'blur'"
    ),
    "policy-with-bad-yaml": (_parquet, {"policy": str(ROOT / "tests/conf/policies/bad_yaml.yaml")}, r"invalid YAML"),
}


@pytest.mark.parametrize("case", list(REQUEST_CASES), ids=list(REQUEST_CASES))
def test_bad_requests_fail_with_one_line_before_any_output(extract_module, tmp_path: Path, case: str) -> None:
    """A source, column or policy that cannot work raises one DeidError line and writes nothing."""
    build, params, message = REQUEST_CASES[case]
    source = build(tmp_path)
    out = tmp_path / "out"
    with captured_logs() as logs, pytest.raises(DeidError, match=message) as info:
        extract_module.deid_extract(source=str(source), output_dir=str(out), **params)
    assert "\n" not in str(info.value)
    assert_no_canary_in(info.value)
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    assert not any(CANARY in line for line in logs.lines)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the folder case covers root")
def test_an_unreadable_file_fails_before_any_output(extract_module, tmp_path: Path) -> None:
    """A file without read permission is one clear error, before any output."""
    source = _unreadable_file(tmp_path)
    with pytest.raises(DeidError, match="not readable"):
        extract_module.deid_extract(source=str(source), output_dir=str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_a_source_that_fails_before_any_batch_finished_does_not_hold_its_folder(extract_module, tmp_path: Path) -> None:
    """A query that fails mid-read (SQLite integer overflow on row 3) before the first batch is full fails the
    run; the next run into the same folder needs no overwrite, since nothing was written."""
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'notes.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (note_id TEXT, text TEXT)"))
        for i in range(1, 5):
            conn.execute(sa.text("INSERT INTO notes VALUES (:i, :t)"), {"i": f"n{i}", "t": NOTE})
    engine.dispose()
    columns = "note_id, 'true' AS research_consent"
    failing = f"SELECT {columns}, CASE WHEN note_id = 'n3' THEN abs(-9223372036854775808) ELSE text END AS text FROM notes"
    out = tmp_path / "out"
    with pytest.raises(DeidError, match=r"SQL read failed after row \d \(OperationalError"):
        extract_module.deid_extract(source=url, query=failing, output_dir=str(out), batch_size=10)
    assert json.loads((out / "manifest.json").read_text())["status"] == "failed"
    result = extract_module.deid_extract(source=url, query=f"SELECT {columns}, text FROM notes", output_dir=str(out))
    assert result["rows"]["read"] == result["rows"]["written"] == 4
