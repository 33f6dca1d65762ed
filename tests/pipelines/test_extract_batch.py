"""One batch of an extract: row checks, authorization, redaction, columns by policy, parts and counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import read_parts
from deid.detect.config import load_engine_config
from deid.io import Rejected, SourceBatch
from deid.flows.batch import process_batch
from deid.flows.columns import ExtractColumns, is_authorized, plan_columns
from deid.io.sources import SourceError

KNOWN = {"client_name": "PATIENT", "mrn": "MRN", "member_id": "MEMBER_ID", "dob": "DOB"}
COLUMNS = ExtractColumns("note_id", "text", "patient_id", KNOWN)
NOTE = (
    "Dana Whitfield (MRN 00731942, DOB 04/02/1988) came in with her husband Tom Reyes. "
    "Dana reports better sleep since 03/14/2025."
)


def _row(note_id: str, text: object = NOTE, **extra: object) -> dict:
    row = {
        "note_id": note_id, "patient_id": "p1", "text": text, "client_name": "Dana Whitfield",
        "mrn": "00731942", "member_id": "XJH448120977", "dob": "1988-04-02",
        "roi_signed": "true", "research_consent": "true",
    }
    row.update(extra)
    return row


def _run(redactor, rows: list[dict], out: Path, *, rejected=(), columns=COLUMNS, index=0, **kw):
    batch = SourceBatch(index, rows, [f"t.parquet:row {i + 1}" for i in range(len(rows))], list(rejected))
    available = list(rows[0]) if rows else ["note_id", "text"]
    plan = plan_columns(columns, redactor.policy, available)
    return process_batch(batch, redactor, columns, plan, out, **kw)


def _reconciles(counts: dict) -> bool:
    return counts["read"] == counts["written"] + sum(counts["excluded"].values()) + sum(counts["quarantined"].values())


def test_bad_rows_are_quarantined_with_reasons_and_counts_reconcile(make_redactor, tmp_path: Path) -> None:
    """Missing, non-string, too long and id-less rows are quarantined by reason; empty text is a valid note."""
    rows = [
        _row("n1"),
        _row("n2", None),
        _row("n3", float("nan")),
        _row("n4", 42),
        _row("n5", "x" * 501),
        _row(None),
        _row("n7", ""),
    ]
    reader_reject = Rejected("t.jsonl:line 9", "invalid_json", "invalid JSON at line 9")
    outcome = _run(make_redactor("research"), rows, tmp_path, rejected=[reader_reject], max_note_chars=500)
    counts = outcome["counts"]
    assert counts["read"] == 8 and counts["written"] == 2 and _reconciles(counts)
    assert counts["quarantined"] == {
        "invalid_json": 1, "missing_text": 2, "not_a_string": 1, "too_long": 1, "missing_id": 1,
    }
    quarantine = read_parts(tmp_path / "quarantine")
    assert {q["row_id"] for q in quarantine} == {None, "n2", "n3", "n4", "n5"}
    assert {q["reason"] for q in quarantine} >= {"text is int, not a string", "invalid JSON at line 9"}
    assert set(quarantine[0]) == {"row_id", "location", "reason_code", "reason", "batch"}
    notes = {n["note_id"]: n for n in read_parts(tmp_path / "notes")}
    assert notes["n7"]["text"] == ""
    assert "Dana" not in notes["n1"]["text"] and "Tom Reyes" not in notes["n1"]["text"]


def test_rows_without_authorization_are_excluded_and_counted(make_redactor, tmp_path: Path) -> None:
    """Under research only rows whose research_consent is true (true/1/yes/True) are written."""
    values = ["true", "TRUE", "1", "yes", True, 1, "false", "0", "", None, "no"]
    rows = [_row(f"n{i}", research_consent=v) for i, v in enumerate(values)]
    counts = _run(make_redactor("research"), rows, tmp_path)["counts"]
    assert counts["written"] == 6
    assert counts["excluded"] == {"research_consent not true": 5}
    assert _reconciles(counts)
    assert [is_authorized(v) for v in (True, "Y", 1.0, 2, "nope", float("nan"))] == [True, True, True, False, False, False]


def test_insurer_keeps_the_client_name_but_removes_a_relative(make_redactor, tmp_path: Path) -> None:
    """Insurer: the client's name stays in the text and its column; the husband's name and the MRN go."""
    outcome = _run(make_redactor("insurer"), [_row("n1")], tmp_path)
    [note] = read_parts(tmp_path / "notes")
    assert "Dana Whitfield" in note["text"] and "Tom Reyes" not in note["text"]
    assert "00731942" not in note["text"]
    assert note["client_name"] == "Dana Whitfield" and note["member_id"] == "XJH448120977"
    assert "mrn" not in note
    spans = read_parts(tmp_path / "spans")
    assert {(s["entity_type"], s["action"]) for s in spans} >= {("PATIENT", "keep"), ("RELATIVE", "remove")}
    assert set(spans[0]) == {"note_id", "start", "end", "entity_type", "score", "recognizer", "action"}
    assert outcome["counts"]["findings"]["by_action"]["keep"] >= 2


def test_research_drops_identifier_columns_and_generalizes_dates(make_redactor, tmp_path: Path) -> None:
    """Research: name, MRN and member id columns are dropped; the DOB column becomes its year like in the text."""
    _run(make_redactor("research"), [_row("n1")], tmp_path)
    [note] = read_parts(tmp_path / "notes")
    assert set(note) == {"note_id", "text", "dob"}
    assert note["dob"] == "1988"
    assert "Dana" not in note["text"] and "1988" in note["text"]


def test_keyed_columns_are_transformed_like_the_text(make_redactor, tmp_path: Path) -> None:
    """Consultation: the name column gets the same surrogate as the name in the text, the DOB the same shift."""
    key = b"test-key-1"
    red = make_redactor("consultation", key=key)
    _run(red, [_row("n1")], tmp_path)
    [note] = read_parts(tmp_path / "notes")
    surrogate = note["client_name"]
    assert surrogate != "Dana Whitfield" and surrogate in note["text"]
    assert "Dana" not in note["text"]
    assert note["dob"] != "1988-04-02"
    year, month, day = note["dob"].split("-")
    assert f"{month}/{day}/{year}" in note["text"]  # the DOB in the text moved by the same offset


def test_missing_required_columns_are_one_clear_error(make_redactor) -> None:
    """The check names a missing id/text/authorization column and lists what the source has."""
    policy = make_redactor("insurer").policy
    with pytest.raises(SourceError, match=r"'body' \(text_column\)") as err:
        ExtractColumns("note_id", "body").check(policy, ["note_id", "text", "roi_signed"])
    assert "its columns: note_id, text, roi_signed" in str(err.value)
    with pytest.raises(SourceError, match="authorization column of policy 'insurer'"):
        ExtractColumns().check(policy, ["note_id", "text"])
    with pytest.raises(SourceError, match="unknown entity 'NAME'"):
        ExtractColumns(known_columns={"client_name": "NAME"}).check(policy, ["note_id", "text", "roi_signed"])
    assert ExtractColumns(known_columns=KNOWN).check(policy, ["note_id", "text", "roi_signed", "mrn"]) == [
        "client_name", "member_id", "dob",
    ]


EXPLODING = '''
from presidio_analyzer import EntityRecognizer


class ExplodingRecognizer(EntityRecognizer):
    """Raises on notes holding KABOOM, quoting the text (as careless third-party code might)."""

    def __init__(self):
        super().__init__(supported_entities=["ACCOUNT_ID"], name="ExplodingRecognizer")

    def load(self):
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        if "KABOOM" in text:
            raise RuntimeError("cannot handle: " + text)
        return []
'''


def test_a_failing_note_is_quarantined_alone(tmp_path: Path) -> None:
    """When redacting the batch raises, rows are redacted one by one and only the failing one is quarantined."""
    import deid

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "exploding.py").write_text(EXPLODING)
    config = load_engine_config().model_copy(update={"recognizer_folders": (plugins,)})
    red = deid.Redactor("research", config=config)
    rows = [_row("n1"), _row("n2", "KABOOM Dana Whitfield"), _row("n3")]
    outcome = _run(red, rows, tmp_path / "out")
    assert outcome["counts"]["written"] == 2
    assert outcome["counts"]["quarantined"] == {"redaction_error": 1}
    [q] = read_parts(tmp_path / "out" / "quarantine")
    assert q["row_id"] == "n2" and q["reason"] == "recognizer ExplodingRecognizer failed (RuntimeError)"
    assert [n["note_id"] for n in read_parts(tmp_path / "out" / "notes")] == ["n1", "n3"]


def test_the_notes_index_tells_a_known_value_not_mentioned_from_a_piece_left(make_redactor, tmp_path: Path) -> None:
    """A member number the note never writes is only "missing"; its last four digits written alone are "left"
    (the review queue); the client's name, written in full and alone, is neither."""
    rows = [_row("quiet"), _row("last-four", NOTE + " Her member number ends in 0977.")]
    outcome = _run(make_redactor("research"), rows, tmp_path)
    index = {r["note_id"]: r for r in read_parts(tmp_path / "notes_index")}
    assert index["quiet"]["known_missing"] == ["member_id"] and index["quiet"]["known_left"] == []
    assert index["last-four"]["known_missing"] == ["member_id"] and index["last-four"]["known_left"] == ["member_id"]
    assert outcome["counts"]["known_identifiers"]["left"] == {"member_id": 1}
