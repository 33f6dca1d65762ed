"""Canary test: planted identifiers appear nowhere a run writes except the redacted notes where the policy keeps them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from log_capture import captured_logs

from support import prefect_home

# Unique values that cannot occur by chance in code, logs or Prefect's own data.
CLIENT = "Zephyrine Quobbleworth"  # client_name column and text (PATIENT: insurer keeps it)
MEMBER = "ZQX9043117"  # member_id column and text (MEMBER_ID: insurer keeps it)
RELATIVE = "Thaddeus Vornkrist"  # text only (RELATIVE)
COWORKER = "Ignatius Fendlebury"  # text only
PHONE = "858-437-2961"  # phone column and text
TEXT_PHONE = "(702) 318-4496"  # text only
MRN = "40417723"  # mrn column and text
EXCLUDED = "Oswaldine Pryckett"  # a row without authorization: written nowhere
QUARANTINED = "Barnaby Krelloway"  # a row whose text is not a string: written nowhere
KNOWN = {"client_name": "PATIENT", "mrn": "MRN", "member_id": "MEMBER_ID", "phone": "PHONE_NUMBER", "dob": "DOB"}
# What each policy may leave in notes/ (and only there).
KEPT = {"research": set(), "insurer": {CLIENT, MEMBER}}


def canaries() -> dict[str, list[str]]:
    """Each canary with the spellings to look for (case-insensitive): the value, its parts, its digits."""
    found = {}
    for value in (CLIENT, MEMBER, RELATIVE, COWORKER, PHONE, TEXT_PHONE, MRN, EXCLUDED, QUARANTINED):
        digits = "".join(c for c in value if c.isdigit())
        forms = {value, *(w for w in value.split() if len(w) > 6)}
        if len(digits) >= 7:
            forms |= {digits, digits[-7:-4] + "-" + digits[-4:]}
        found[value] = sorted(forms)
    return found


def rows() -> list[dict]:
    """Three authorized notes full of canaries, one unauthorized row and one row that is quarantined."""
    base = {"patient_id": "p1", "client_name": CLIENT, "mrn": MRN, "member_id": MEMBER, "phone": PHONE,
            "dob": "1984-02-29", "research_consent": "true", "roi_signed": "true"}
    return [
        {**base, "note_id": "c1", "text": f"Session note. Client {CLIENT} reports conflict with her brother {RELATIVE}, "
         f"who called from {PHONE} on 3/14/2025. MRN: {MRN}. Member ID {MEMBER}."},
        {**base, "note_id": "c2", "text": f"{CLIENT.upper()} says her coworker {COWORKER} was supportive. "
         f"Her brother {RELATIVE} can be reached at {TEXT_PHONE}. Plan: continue weekly CBT."},
        {**base, "note_id": "c3", "text": "Brief check-in. Mood stable, sleep improved. No safety concerns."},
        {**base, "note_id": "c4", "client_name": EXCLUDED, "research_consent": "false", "roi_signed": "no",
         "text": f"Client {EXCLUDED} called about scheduling."},
        {**base, "note_id": "c5", "client_name": QUARANTINED, "text": 4242},
    ]


def file_text(path: Path) -> str:
    """A file as searchable text: Parquet decoded to JSON (its pages are compressed), anything else as bytes."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return json.dumps(pq.read_table(path).to_pylist(), default=str)
    return path.read_bytes().decode("utf-8", "replace")


def files_under(*roots: Path) -> Iterator[Path]:
    """Every regular file under the given folders."""
    for root in roots:
        yield from (p for p in root.rglob("*") if p.is_file())


def leaks(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """The canaries (not in `allowed`) that occur in `text`, in any case."""
    low = text.lower()
    return [c for c, forms in canaries().items() if c not in allowed and any(f.lower() in low for f in forms)]


@pytest.mark.parametrize("policy", ["research", "insurer"])
def test_no_canary_outside_kept_notes(report_flow, policy: str, tmp_path: Path, capfd) -> None:
    """After a run, canaries appear only in notes/ and only those the policy keeps; never in report, spans,
    notes_index, quarantine, summary, manifest, artifacts, logs, Prefect's home or its database."""
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    # JSONL: a row with an int text must reach the flow (a Parquet column could not hold it).
    source = tmp_path / "in" / "notes.jsonl"
    source.parent.mkdir()
    source.write_text("".join(json.dumps(r) + "\n" for r in rows()), encoding="utf-8")
    out = tmp_path / "out"
    with captured_logs() as capture:
        result = report_flow.deid_extract(source=str(source), output_dir=str(out), policy=policy,
                                          known_columns=KNOWN, batch_size=2, max_quarantine_fraction=1)
    assert result["rows"] == {"read": 5, "written": 3, "excluded": 1, "quarantined": 1}

    # The notes: only what the policy keeps, and the kept canaries really are there (the scan works).
    notes = "\n".join(file_text(p) for p in (out / "notes").glob("part-*.parquet"))
    assert leaks(notes, KEPT[policy]) == []
    assert {c for c in KEPT[policy] if c.lower() in notes.lower()} == KEPT[policy]

    # Everything else the run wrote, the logs, Prefect's home and database, and the run's artifacts.
    produced = [p for p in files_under(out) if "notes" not in p.relative_to(out).parts[:1]]
    folders = {p.relative_to(out).parts[0] for p in produced}
    assert {"report", "spans", "notes_index", "quarantine", "manifest.json"} <= folders
    for path in produced:
        assert leaks(file_text(path)) == [], path
    captured = capfd.readouterr()
    assert leaks("\n".join(capture.lines) + captured.out + captured.err) == []
    assert any("done: read 5" in line for line in capture.lines)  # the run's log records were captured

    db_url = get_current_settings().server.database.connection_url.get_secret_value()
    db = Path(db_url.split("///", 1)[1])
    prefect_files = [*files_under(prefect_home()), *db.parent.glob(db.name + "*")]
    assert db in prefect_files
    for path in prefect_files:
        assert leaks(path.read_bytes().decode("utf-8", "replace")) == [], path

    with get_client(sync_client=True) as client:
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["deid-extract-report"])))
    mine = [a for a in artifacts if result["run_id"] in (a.data or "")]
    assert mine and result["report"] in mine[0].data
    assert all(leaks(a.data or "") == [] for a in mine)
