"""One batch of an extract: check rows, apply authorization, redact, handle columns by policy, write parts.

Everything here returns counts and paths only; note text goes from the batch to the part files and
nowhere else (not into exceptions, logs or return values).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from deid.decide.known import find_known, left_in_text
from deid.errors import RecognizerError
from deid.flows.columns import ColumnPlan, ExtractColumns, is_authorized
from deid.io.seen import SeenIds
from deid.io.sources import Rejected, SourceBatch, as_text, is_missing
from deid.io.writers import write_part
from deid.redact import RedactionResult, Redactor

DEFAULT_MAX_NOTE_CHARS = 1_000_000

# Quarantine reason codes of the batch step (readers add invalid_json, invalid_utf8, malformed_row).
MISSING_ID = "missing_id"
MISSING_TEXT = "missing_text"
NOT_A_STRING = "not_a_string"
TOO_LONG = "too_long"
REDACTION_ERROR = "redaction_error"
DUPLICATE_ID = "duplicate_id"
INVALID_UNICODE = "invalid_unicode"
# A lone surrogate (e.g. a JSON "\ud800" escape) is a str Python holds but UTF-8 cannot encode, so
# Parquet could not write the row: it is quarantined instead of failing the whole batch.
_SURROGATE = re.compile("[\ud800-\udfff]")

SPANS_SCHEMA = pa.schema(
    [
        ("note_id", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("entity_type", pa.string()),
        ("score", pa.float64()),
        ("recognizer", pa.string()),
        ("action", pa.string()),
    ]
)
# One row per written note, for the report: its length, its findings and the row-known identifier
# columns (names only, never values) that held a value, whose value the text never mentions, and
# a piece of whose value the text holds outside every finding (the review queue).
NOTES_INDEX_SCHEMA = pa.schema(
    [
        ("note_id", pa.string()),
        ("chars", pa.int64()),
        ("findings", pa.int64()),
        ("known_expected", pa.list_(pa.string())),
        ("known_missing", pa.list_(pa.string())),
        ("known_left", pa.list_(pa.string())),
        ("batch", pa.int64()),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("row_id", pa.string()),
        ("location", pa.string()),
        ("reason_code", pa.string()),
        ("reason", pa.string()),
        ("batch", pa.int64()),
    ]
)


class WorkerCache:
    """What one worker process builds once and reuses (a Redactor per policy and key), safe across
    its threads."""

    def __init__(self) -> None:
        self._built: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """`build()` once for `key`, then the same object."""
        with self._lock:
            if key not in self._built:
                self._built[key] = build()
            return self._built[key]

    def forget(self, key: Hashable) -> None:
        """Drop what was built for `key` (e.g. a Redactor whose key no longer matches the run's)."""
        with self._lock:
            self._built.pop(key, None)

    def keys(self) -> list[Hashable]:
        """The keys built so far."""
        with self._lock:
            return list(self._built)


# Per worker process: its cache, and a lock so its threads take turns on the shared spaCy pipeline
# (only while redacting: one thread writes its parts while another redacts). They live here, not in
# the flow module, because Prefect's process pool pickles task functions by value.
WORKER_CACHE = WorkerCache()
REDACTION_LOCK = threading.Lock()


def quarantine_duplicate_ids(batch: SourceBatch, id_column: str, seen: SeenIds) -> SourceBatch:
    """Move rows whose id was already seen in this run (earlier row or batch) to the batch's rejected rows.

    The first row with an id wins; later ones are quarantined as `duplicate id`. `seen` is updated in
    place. The flow calls this on every batch in source order, finished ones included, so a resumed
    run rebuilds the same set from the source and decides exactly as the first attempt did.
    """
    rows: list[dict[str, Any]] = []
    locations: list[str] = []
    rejected = list(batch.rejected)
    for row, location in zip(batch.rows, batch.locations):
        note_id = as_text(row.get(id_column))
        # Ids that cannot be written (lone surrogates) are quarantined by the batch step instead.
        if note_id is not None and note_id != "" and not _SURROGATE.search(note_id):
            if note_id in seen:
                rejected.append(Rejected(location, DUPLICATE_ID, "duplicate id", note_id))
                continue
            seen.add(note_id)
        rows.append(row)
        locations.append(location)
    return SourceBatch(batch.index, rows, locations, rejected)


@dataclass
class _Candidate:
    row: dict[str, Any]
    location: str
    note_id: str
    text: str
    patient_id: str | None
    known: dict[str, str]


def process_batch(
    batch: SourceBatch,
    redactor: Redactor,
    columns: ExtractColumns,
    plan: ColumnPlan,
    output_dir: str | Path,
    *,
    max_note_chars: int = DEFAULT_MAX_NOTE_CHARS,
    redact_batch_size: int | None = None,
) -> dict[str, Any]:
    """Redact one batch and write its notes, spans and quarantine parts; return counts and paths only."""
    out = Path(output_dir)
    policy = redactor.policy
    excluded: Counter[str] = Counter()
    quarantine: list[Rejected] = list(batch.rejected)
    candidates: list[_Candidate] = []
    auth = policy.authorization_column
    for row, location in zip(batch.rows, batch.locations):
        if auth and not is_authorized(row.get(auth)):
            excluded[f"{auth} not true"] += 1
            continue
        problem = _check_row(row, columns, max_note_chars)
        note_id = as_text(row.get(columns.id_column))
        if note_id is not None and _SURROGATE.search(note_id):
            note_id = None  # it could not be written into the quarantine record either
        if problem is not None:
            quarantine.append(Rejected(location, problem[0], problem[1], note_id))
            continue
        assert note_id is not None
        known = {}
        for column, entity in columns.known_columns.items():
            value = as_text(row.get(column))
            if value is not None and value.strip():
                known.setdefault(entity, []).append(value)
        patient = as_text(row.get(columns.patient_id_column)) if columns.patient_id_column else None
        candidates.append(_Candidate(row, location, note_id, row[columns.text_column], patient, known))

    with REDACTION_LOCK:
        done = _redact(candidates, redactor, plan, redact_batch_size, quarantine)

    name = f"part-{batch.index:06d}.parquet"
    for folder in ("notes", "spans", "quarantine", "notes_index"):
        # A killed earlier attempt of this batch may have left parts; this attempt replaces them all.
        (out / folder / name).unlink(missing_ok=True)
    parts: dict[str, str | None] = {"notes": None, "spans": None, "quarantine": None}
    findings = {"by_entity_type": Counter(), "by_action": Counter(), "by_recognizer": Counter()}
    known: dict[str, Counter[str]] = {"expected": Counter(), "missing": Counter(), "left": Counter()}
    if done:
        notes = {column: [cells[i] for cells, _ in done] for i, (column, _, _) in enumerate(plan.outputs)}
        parts["notes"] = str(write_part(out / "notes", name, pa.table(notes, schema=plan.schema)))
        spans = {c: [] for c in SPANS_SCHEMA.names}
        for cells, result in done:
            for f in result.spans:
                spans["note_id"].append(cells[0])
                spans["start"].append(f.start)
                spans["end"].append(f.end)
                spans["entity_type"].append(f.entity_type)
                spans["score"].append(float(f.score))
                spans["recognizer"].append(f.recognizer)
                spans["action"].append(f.action)
                findings["by_entity_type"][f.entity_type] += 1
                findings["by_action"][f.action] += 1
                findings["by_recognizer"][f.recognizer] += 1
        if spans["note_id"]:
            parts["spans"] = str(write_part(out / "spans", name, pa.table(spans, schema=SPANS_SCHEMA)))
        index = _notes_index(done, candidates, columns, batch.index)
        parts["notes_index"] = str(write_part(out / "notes_index", name, pa.table(index, schema=NOTES_INDEX_SCHEMA)))
        for what, counter in known.items():
            for columns_of_note in index[f"known_{what}"]:
                counter.update(columns_of_note)
    if quarantine:
        table = pa.table(
            {
                "row_id": [q.row_id for q in quarantine],
                "location": [q.location for q in quarantine],
                "reason_code": [q.reason_code for q in quarantine],
                "reason": [q.reason for q in quarantine],
                "batch": [batch.index] * len(quarantine),
            },
            schema=QUARANTINE_SCHEMA,
        )
        parts["quarantine"] = str(write_part(out / "quarantine", name, table))

    counts = {
        "batches": 1,
        "read": batch.size,
        "written": len(done),
        "excluded": dict(excluded),
        "quarantined": dict(Counter(q.reason_code for q in quarantine)),
        # Why redaction failed, per reason ("recognizer X failed (T)"): the flow stops a run early
        # when one reason fails every note of its first batches.
        "redaction_errors": dict(Counter(q.reason for q in quarantine if q.reason_code == REDACTION_ERROR)),
        "findings": {"total": sum(findings["by_action"].values()), **{k: dict(v) for k, v in findings.items()}},
        "chars": sum(len(c.text) for c in candidates),
        "known_identifiers": {what: dict(counter) for what, counter in known.items()},
    }
    return {"batch": batch.index, "counts": counts, "parts": parts}


def _notes_index(
    done: list[tuple[list[str | None], RedactionResult]],
    candidates: list[_Candidate],
    columns: ExtractColumns,
    batch_index: int,
) -> dict[str, list[Any]]:
    """Per written note: length, number of findings, known columns with a value, not mentioned, partly left."""
    # `done` keeps the candidates' order (failed rows left out), so ids queue up even when duplicated.
    by_id: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        by_id.setdefault(candidate.note_id, []).append(candidate)
    index: dict[str, list[Any]] = {name: [] for name in NOTES_INDEX_SCHEMA.names}
    for cells, result in done:
        queue = by_id.get(cells[0] or "")
        c = queue.pop(0) if queue else None
        expected: list[str] = []
        missing: list[str] = []
        left: list[str] = []
        if c is not None:
            spans = [(f.start, f.end) for f in result.spans]
            for column, entity in columns.known_columns.items():
                value = as_text(c.row.get(column))
                if value is None or not value.strip():
                    continue
                expected.append(column)
                try:
                    found = bool(find_known(c.text, {entity: value}))
                except Exception:  # noqa: BLE001 - a value the matcher cannot use counts as not found
                    found = False
                if not found:
                    missing.append(column)
                if left_in_text(c.text, value, entity, spans):
                    left.append(column)
        index["note_id"].append(cells[0])
        index["chars"].append(len(c.text) if c is not None else None)
        index["findings"].append(len(result.spans))
        index["known_expected"].append(expected)
        index["known_missing"].append(missing)
        index["known_left"].append(left)
        index["batch"].append(batch_index)
    return index


def _check_row(row: Mapping[str, Any], columns: ExtractColumns, max_chars: int) -> tuple[str, str] | None:
    if is_missing(row.get(columns.id_column)) or as_text(row.get(columns.id_column)) == "":
        return MISSING_ID, f"{columns.id_column} is missing"
    text = row.get(columns.text_column)
    if is_missing(text):
        return MISSING_TEXT, f"{columns.text_column} is missing"
    if not isinstance(text, str):
        return NOT_A_STRING, f"{columns.text_column} is {type(text).__name__}, not a string"
    if len(text) > max_chars:
        return TOO_LONG, f"{columns.text_column} has {len(text)} characters (max_note_chars={max_chars})"
    for column, value in row.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            return INVALID_UNICODE, f"invalid Unicode (lone surrogate) in column {column!r}"
    return None


def _redact(
    candidates: list[_Candidate],
    redactor: Redactor,
    plan: ColumnPlan,
    batch_size: int | None,
    quarantine: list[Rejected],
) -> list[tuple[list[str | None], RedactionResult]]:
    """Redact the batch in one pass; if that raises, row by row so only the failing rows are quarantined."""
    try:
        results = list(
            redactor.redact_many(
                [c.text for c in candidates],
                patient_ids=[c.patient_id for c in candidates],
                known=[c.known for c in candidates],
                note_ids=[c.note_id for c in candidates],
                batch_size=batch_size,
            )
        )
        return [(_output_cells(c, r, redactor, plan), r) for c, r in zip(candidates, results)]
    except Exception:  # noqa: BLE001 - any failure falls back to per-row isolation below
        pass
    done = []
    for c in candidates:
        try:
            result = redactor.redact(c.text, patient_id=c.patient_id, known=c.known, note_id=c.note_id)
            done.append((_output_cells(c, result, redactor, plan), result))
        except Exception as exc:  # noqa: BLE001 - the exception type is the reason; its message may quote text
            # RecognizerError's message names the recognizer and exception type only.
            reason = str(exc) if isinstance(exc, RecognizerError) else f"redaction failed ({type(exc).__name__})"
            quarantine.append(Rejected(c.location, REDACTION_ERROR, reason, c.note_id))
    return done


def _output_cells(
    c: _Candidate, result: RedactionResult, redactor: Redactor, plan: ColumnPlan
) -> list[str | None]:
    cells: list[str | None] = []
    for column, how, entity in plan.outputs:
        if how == "id":
            cells.append(c.note_id)
        elif how == "text":
            cells.append(result.text)
        elif how == "keep":
            cells.append(as_text(c.row.get(column)))
        else:
            value = as_text(c.row.get(column))
            if value is None or not value.strip():
                cells.append(value)
            else:
                cells.append(redactor.transform(value, entity, c.patient_id))
    return cells
