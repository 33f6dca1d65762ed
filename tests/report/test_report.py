"""Unit tests of deid.report (summary, HTML) on span, note-index and summary records (no flow, no text)."""

from __future__ import annotations

import re

import pytest

from deid.report.html import findings_per_note_bins, render_html
from deid.report.summary import QUEUE_CAP, build_report, render_markdown

SUMMARY = {
    "run_id": "20260101T000000Z-abcdef12",
    "status": "completed",
    "reconciled": True,
    "rows": {"read": 1234, "written": 1200, "excluded": 30, "quarantined": 4},
    "excluded_by_reason": {"research_consent not true": 30},
    "quarantined_by_reason": {"invalid_json": 3, "not_a_string": 1},
    "findings": {
        "total": 5,
        "by_entity_type": {"PATIENT": 3, "PHONE_NUMBER": 2},
        "by_action": {"remove": 5},
        "by_recognizer": {"KnownIdentifierRecognizer": 3, "DeidPhoneRecognizer": 2},
    },
    "policy": {
        "name": "research",
        "content_hash": "f" * 64,
        "threshold": 0.35,
        "default_action": "remove",
        "entities": {"PATIENT": {"action": "remove", "replacement": "[{entity}]"}, "ZIP": {"action": "generalize"}},
    },
    "key_fingerprint": "kf-1234abcd",
    "versions": {"deid": "0.1.0", "model": "en_core_web_sm", "prefect": "3.8.8"},
    "known_identifiers": {"expected": {"mrn": 2, "phone": 2}, "missing": {"mrn": 1}},
}


def span(note_id: str, start: int, score: float, entity: str = "PATIENT", recognizer: str = "R") -> dict:
    """A span record as the flow writes it."""
    return {"note_id": note_id, "start": start, "end": start + 4, "entity_type": entity, "score": score,
            "recognizer": recognizer, "action": "remove"}


def note(note_id: str, chars: int, findings: int, left: tuple[str, ...] = (), missing: tuple[str, ...] = ()) -> dict:
    """A notes_index record as the flow writes it."""
    return {"note_id": note_id, "chars": chars, "findings": findings, "known_missing": list(missing), "known_left": list(left)}


def test_aggregates_scores_and_findings_per_note() -> None:
    """Scores land in 0.05-wide bins and findings per note count notes by their number of findings."""
    spans = [span("a", 0, 0.99), span("a", 10, 1.0), span("b", 0, 0.42), span("b", 9, 0.05)]
    notes = [note("a", 100, 2), note("b", 100, 2), note("c", 100, 0)]
    report = build_report(SUMMARY, spans, notes)
    assert sum(report.score_histogram) == 4
    assert report.score_histogram[19] == 2 and report.score_histogram[8] == 1 and report.score_histogram[1] == 1
    assert report.findings_per_note == {2: 2, 0: 1}
    assert report.notes_indexed == 3 and report.chars_total == 300


def test_low_confidence_findings_are_queued_lowest_first_and_capped() -> None:
    """Findings below the threshold are counted in full, listed lowest score first, and the list is capped."""
    spans = [span(f"n{i}", i, 0.3 + i / 10000) for i in range(QUEUE_CAP + 50)] + [span("hi", 0, 0.95)]
    report = build_report(SUMMARY, spans, [], low_score=0.6)
    assert report.low_score_total == QUEUE_CAP + 50
    assert len(report.low_score_findings) == QUEUE_CAP
    scores = [f.score for f in report.low_score_findings]
    assert scores == sorted(scores) and report.low_score_findings[0].note_id == "n0"
    assert "hi" not in {f.note_id for f in report.low_score_findings}


def test_long_notes_with_zero_or_few_findings_are_queued() -> None:
    """A long note with no findings, or far fewer per 1,000 chars than the run's median, is queued; short notes never."""
    notes = [note(f"typical{i}", 2000, 20) for i in range(9)]
    notes += [note("empty", 3000, 0), note("thin", 4000, 2), note("short", 100, 0)]
    report = build_report(SUMMARY, [], notes, long_note_chars=1500)
    assert report.median_per_1000 == pytest.approx(10.0)
    assert [n.note_id for n in report.sparse_notes] == ["empty", "thin"]
    assert report.sparse_total == 2


def test_known_identifiers_left_in_the_text_are_queued_by_column() -> None:
    """Notes holding a piece of a known value outside every finding are listed with the column names and
    counted per column; a known value the note never mentions is no reason to review it."""
    notes = [note("a", 100, 1, ("mrn",)), note("b", 100, 1, missing=("phone",)), note("c", 100, 0, ("mrn", "phone"))]
    report = build_report(SUMMARY, [], notes)
    assert report.known_left_total == 2
    assert report.known_left_by_column == {"mrn": 2, "phone": 1}
    assert [(m.note_id, m.columns) for m in report.known_left_notes] == [("a", ("mrn",)), ("c", ("mrn", "phone"))]
    assert report.queue_note_ids() == ["a", "c"]


def test_without_notes_index_findings_per_note_come_from_spans() -> None:
    """Runs without notes_index/ still get a findings-per-note distribution (notes with findings only)."""
    report = build_report(SUMMARY, [span("a", 0, 0.9), span("a", 5, 0.9), span("b", 0, 0.9)], None)
    assert report.findings_per_note == {2: 1, 1: 1} and report.sparse_total == 0


def test_findings_per_note_bins_widen_for_long_tails() -> None:
    """Up to 30 counts get one bin each; a long tail is grouped into wider bins that keep every note."""
    counts, labels = findings_per_note_bins({0: 1, 3: 2})
    assert counts == [1, 0, 0, 2] and labels == ["0", "1", "2", "3"]
    counts, labels = findings_per_note_bins({0: 5, 299: 1})
    assert len(counts) <= 30 and sum(counts) == 6 and labels[0] == "0-9"


def test_html_shows_totals_and_has_no_external_resources() -> None:
    """The page holds the totals, reasons, policy and fingerprint, and loads nothing from anywhere else."""
    notes = [note("note-7", 2000, 0, ("mrn",))]
    page = render_html(build_report(SUMMARY, [span("note-7", 3, 0.41, "PHONE_NUMBER")], notes))
    for text in ("1234", "1200", "invalid_json", "research_consent not true", "kf-1234abcd", "f" * 64, "note-7",
                 "PHONE_NUMBER", "0.41", "en_core_web_sm", "<svg"):
        assert text in page
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import|url\(|https?://", page, re.IGNORECASE)
    assert page.count("<script>") == 1


def test_html_escapes_record_fields() -> None:
    """Ids and recognizer names are escaped, so a crafted note id cannot inject markup or scripts."""
    page = render_html(build_report(SUMMARY, [span("<script>x</script>", 0, 0.1, recognizer="<b>")], []))
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_html_stays_bounded_for_many_notes() -> None:
    """Ten thousand notes and fifty thousand findings give a page of bounded size (aggregated, capped)."""
    spans = (span(f"n{i % 10000}", i, 0.5 if i % 7 == 0 else 0.9) for i in range(50_000))
    notes = (note(f"n{i}", 2000 + i % 500, 5 if i % 9 else 0, ("mrn",) if i % 11 == 0 else ()) for i in range(10_000))
    report = build_report(SUMMARY, spans, notes)
    page = render_html(report)
    assert report.low_score_total == len(range(0, 50_000, 7)) and len(report.low_score_findings) == QUEUE_CAP
    assert len(page) < 1_000_000


def test_markdown_artifact_has_counts_policy_and_path() -> None:
    """The artifact's markdown has the counts, policy, fingerprint and the report path."""
    md = render_markdown(SUMMARY, "/runs/x/report/report.html")
    assert "| 1234 | 1200 | 30 | 4 | 5 | yes |" in md
    assert "`research`" in md and "kf-1234abcd" in md and "/runs/x/report/report.html" in md
    assert "PHONE_NUMBER | 2" in md


def test_a_long_bar_label_is_cut_before_escaping() -> None:
    """A label cut to 28 characters never leaves half an HTML entity ("&am" of "&amp;")."""
    from deid.report.html import bar_chart

    svg = bar_chart([("R" * 26 + "&<>", 3)])
    assert "R" * 26 + "&amp;&lt;</text>" in svg and "&am<" not in svg
