"""Errors on notes holding canaries: exceptions, their chains, quarantine records and logs never quote note text.

Also the key: never logged or written anywhere, and a different key changes the flow's output.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from test_bad_input import assert_no_canary_in, captured_logs

import deid
from support import read_parts, synthetic_rows, write_parquet
from deid.detect.config import load_engine_config
from deid.errors import RecognizerError
from deid.transform.keyed import keyed_int

CANARY = "Vellichor Ambrusteen"
KEY = "leak-test-key-Zq81"

BOMB = '''
from presidio_analyzer import EntityRecognizer


class BadgeRecognizer(EntityRecognizer):
    """Raises on notes holding the canary, quoting the note (as careless third-party code might)."""

    def __init__(self):
        super().__init__(supported_entities=["ACCOUNT_ID"], name="BadgeRecognizer")

    def load(self):
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        if "Vellichor" in text:
            try:
                raise KeyError(text)
            except KeyError as inner:
                raise RuntimeError("cannot parse badge in: " + text) from inner
        return []
'''


@pytest.fixture
def bomb_folder(tmp_path: Path) -> Path:
    """A plug-in folder whose BadgeRecognizer raises with the note text in its message and its cause."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "badge.py").write_text(BOMB)
    return folder


def test_redact_raises_a_recognizer_error_without_note_text(bomb_folder: Path, caplog) -> None:
    """A failing recognizer makes redact() raise RecognizerError naming it and the exception type, nothing else."""
    caplog.set_level(logging.DEBUG)
    config = load_engine_config().model_copy(update={"recognizer_folders": (bomb_folder,)})
    redactor = deid.Redactor("research", config=config)
    with pytest.raises(RecognizerError) as info:
        redactor.redact(f"Client {CANARY} came in today.")
    assert str(info.value) == "recognizer BadgeRecognizer failed (RuntimeError)"
    assert info.value.recognizer == "BadgeRecognizer" and info.value.error_type == "RuntimeError"
    assert info.value.__context__ is None and info.value.__cause__ is None
    assert_no_canary_in(info.value, CANARY)
    assert CANARY not in caplog.text
    assert redactor.redact("A note without it.").text == "A note without it."  # other notes still work


def test_a_failing_recognizer_quarantines_the_note_naming_the_recognizer(
    extract_module, bomb_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    """Through the flow, the note is quarantined as `recognizer BadgeRecognizer failed (RuntimeError)`; the run goes on."""
    from deid.flows import batch as batch_step

    monkeypatch.setenv("DEID_RECOGNIZERS", str(bomb_folder))
    # The flow caches one Redactor per worker process: build one with the plug-in, and drop it after.
    monkeypatch.setattr(batch_step, "WORKER_CACHE", batch_step.WorkerCache())
    rows = synthetic_rows(3, seed=5, research_consent="true")
    rows[1]["text"] += f"\nCollateral call with {CANARY}.\n"
    source = write_parquet(tmp_path / "notes.parquet", rows)
    out = tmp_path / "out"
    with captured_logs() as logs:
        result = extract_module.deid_extract(
            source=str(source), output_dir=str(out), batch_size=3, max_quarantine_fraction=1
        )
    assert result["rows"] == {"read": 3, "written": 2, "excluded": 0, "quarantined": 1}
    [q] = read_parts(out / "quarantine")
    assert q["row_id"] == rows[1]["note_id"]
    assert (q["reason_code"], q["reason"]) == ("redaction_error", "recognizer BadgeRecognizer failed (RuntimeError)")
    assert not any("Vellichor" in line for line in logs.lines)
    summary = (out / "report" / "summary.json").read_text()
    assert "Vellichor" not in summary and "Vellichor" not in json.dumps(read_parts(out / "notes"))


def test_a_run_that_quarantines_too_much_fails_after_writing_its_report(
    extract_module, bomb_folder: Path, tmp_path: Path, monkeypatch
) -> None:
    """Half the notes quarantined (a plug-in failing on them): the run writes every output and a
    report that says why, then fails; allowed that share, the same run completes."""
    from deid.flows import batch as batch_step
    from deid.io.manifest import RunManifest

    monkeypatch.setenv("DEID_RECOGNIZERS", str(bomb_folder))
    monkeypatch.setattr(batch_step, "WORKER_CACHE", batch_step.WorkerCache())
    rows = synthetic_rows(4, seed=5, research_consent="true")
    for row in rows[:2]:
        row["text"] += f"\nCollateral call with {CANARY}.\n"
    source = write_parquet(tmp_path / "notes.parquet", rows)
    out = tmp_path / "out"
    with pytest.raises(deid.DeidError) as info:
        extract_module.deid_extract(source=str(source), output_dir=str(out), batch_size=2)
    assert str(info.value).startswith("2 of 4 rows were quarantined (50%), more than max_quarantine_fraction 0.05")
    assert_no_canary_in(info.value, CANARY)
    summary = json.loads((out / "report" / "summary.json").read_text())
    assert summary["status"] == "failed" and summary["failure"].startswith("2 of 4 rows were quarantined")
    assert "This run failed" in (out / "report" / "report.html").read_text()
    assert RunManifest.load(out).data["status"] == "failed"
    assert len(read_parts(out / "notes")) == 2 and len(read_parts(out / "quarantine")) == 2

    allowed = extract_module.deid_extract(
        source=str(source), output_dir=str(tmp_path / "out2"), batch_size=2, max_quarantine_fraction=0.5
    )
    assert allowed["rows"]["quarantined"] == 2
    assert json.loads(Path(allowed["summary"]).read_text())["status"] == "completed"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        pytest.param(lambda: deid.redact(CANARY.encode()), TypeError, id="bytes-text"),
        pytest.param(lambda: deid.redact({"text": CANARY}), TypeError, id="dict-text"),
        pytest.param(lambda: deid.redact(CANARY, "no_such_policy"), deid.errors.PolicyError, id="unknown-policy"),
        pytest.param(lambda: deid.redact(CANARY, "consultation"), deid.errors.KeyRequiredError, id="no-key"),
    ],
)
def test_errors_on_canary_notes_do_not_quote_them(call, error, caplog) -> None:
    """Errors raised while handling a canary note say what is wrong without the note (str, repr, args, chain)."""
    caplog.set_level(logging.DEBUG)
    with pytest.raises(error) as info:
        call()
    assert_no_canary_in(info.value, CANARY)
    assert "Vellichor" not in caplog.text


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"patient_id": f"p-{CANARY}\ud800"}, id="surrogate-patient-id"),
        pytest.param({"known": {"PATIENT": [f"{CANARY}\udc80"]}}, id="surrogate-known-value"),
        pytest.param({"patient_id": "\udfff"}, id="lone-surrogate-patient-id"),
    ],
)
def test_keyed_policies_accept_surrogates_in_patient_ids_and_known_values(kwargs, caplog) -> None:
    """Keyed hashing takes lone surrogates (no UnicodeEncodeError carrying the value); the note is redacted."""
    caplog.set_level(logging.DEBUG)
    text = f"Client {CANARY} was seen on 03/14/2025 and again on 02/30/2025 (not a date)."
    result = deid.redact(text, "consultation", key=KEY, **kwargs)
    assert "03/14/2025" not in result.text  # the real date was shifted
    assert "Vellichor" not in caplog.text


def test_keyed_int_hashes_lone_surrogates() -> None:
    """keyed_int is defined for every str, lone surrogates included, and still tells inputs apart."""
    key = b"k"
    assert keyed_int(key, "a\ud800") != keyed_int(key, "a\udc00") != keyed_int(key, "a")
    assert keyed_int(key, "x", "\udfff") == keyed_int(key, "x", "\udfff")
    assert keyed_int(key, "Dana") == keyed_int(key, "Dana")  # valid text hashes as before (UTF-8)


def _keyed_run(extract_module, source: Path, out: Path, key: str, monkeypatch) -> dict[str, dict]:
    monkeypatch.setenv("DEID_KEY", key)
    extract_module.deid_extract(
        source=str(source), output_dir=str(out), policy="consultation", batch_size=4,
        known_columns={"client_name": "PATIENT", "dob": "DOB", "date_of_service": "DATE"},
    )
    return {n["note_id"]: n for n in read_parts(out / "notes")}


def test_a_different_key_changes_pseudonyms_and_date_shifts_and_no_key_is_stored(
    extract_module, tmp_path: Path, monkeypatch
) -> None:
    """Two keys give different surrogate names and shifted dates in the flow's notes; neither key is in
    any output file, log record or Prefect's database (only its fingerprint)."""
    from prefect.settings import get_current_settings

    from deid.transform.keyed import fingerprint

    rows = synthetic_rows(6, seed=21)
    source = write_parquet(tmp_path / "notes.parquet", rows)
    key_a, key_b = KEY + "-A", KEY + "-B"
    with captured_logs() as logs:
        a = _keyed_run(extract_module, source, tmp_path / "a", key_a, monkeypatch)
        b = _keyed_run(extract_module, source, tmp_path / "b", key_b, monkeypatch)
    assert a.keys() == b.keys() and len(a) == 6
    originals = {r["note_id"]: r for r in rows}
    for note_id in a:
        assert a[note_id]["client_name"] != originals[note_id]["client_name"]
    assert sum(a[i]["client_name"] != b[i]["client_name"] for i in a) >= 5
    assert sum(a[i]["dob"] != b[i]["dob"] for i in a) >= 5
    assert sum(a[i]["date_of_service"] != b[i]["date_of_service"] for i in a) >= 5
    assert sum(a[i]["text"] != b[i]["text"] for i in a) == 6

    summaries = [json.loads((tmp_path / d / "report" / "summary.json").read_text()) for d in "ab"]
    assert [s["key_fingerprint"] for s in summaries] == [fingerprint(key_a.encode()), fingerprint(key_b.encode())]
    for path in (p for d in "ab" for p in (tmp_path / d).rglob("*") if p.is_file()):
        assert KEY.encode() not in path.read_bytes(), path
    assert not any(KEY in line for line in logs.lines)
    db_url = get_current_settings().server.database.connection_url.get_secret_value()
    db = Path(db_url.split("///", 1)[1])
    for path in db.parent.glob(db.name + "*"):
        assert KEY.encode() not in path.read_bytes(), path
