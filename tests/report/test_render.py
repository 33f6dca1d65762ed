"""The report and review pages of a real run, rendered in headless Chromium; the report and review commands."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from deid.cli import app

from .screenshot import chromium, render

needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed (Debian: apt-get install chromium); .ci/run installs it"
)


def test_flow_writes_report_html_and_notes_index(small_run) -> None:
    """Every run ends with report/report.html and one notes_index row per written note."""
    import pyarrow.parquet as pq

    out = small_run["out"]
    assert small_run["result"]["report"] == str(out / "report" / "report.html")
    page = (out / "report" / "report.html").read_text(encoding="utf-8")
    summary = json.loads((out / "report" / "summary.json").read_text())
    index = [r for p in sorted((out / "notes_index").glob("part-*.parquet")) for r in pq.read_table(p).to_pylist()]
    assert len(index) == summary["rows"]["written"] == 30
    assert sum(r["findings"] for r in index) == summary["findings"]["total"]
    assert all(r["chars"] > 0 and "mrn" in r["known_expected"] for r in index)
    missing = summary["known_identifiers"]["missing"]
    assert sum(len(r["known_missing"]) for r in index) == sum(missing.values())
    assert f">{summary['findings']['total']}<" in page and summary["run_id"] in page


@needs_chromium
def test_report_renders_in_chromium_with_totals(small_run, tmp_path: Path) -> None:
    """report.html loads in headless Chromium without console errors; the rendered DOM shows the totals."""
    out = small_run["out"]
    rendered = render(out / "report" / "report.html", tmp_path / "report.png")
    assert rendered.console_errors == []
    assert rendered.png.stat().st_size > 20_000
    rows = json.loads((out / "report" / "summary.json").read_text())["rows"]
    for label in ("read", "written", "excluded", "quarantined"):
        assert re.search(rf'data-total="{label}">{rows[label]}<', rendered.dom)
    # Tables of up to one page get no pager; every longer one gets one (the script ran).
    assert rendered.dom.count('class="pager"') == rendered.dom.count("data-page=")
    assert '<p class="muted">none</p>' in rendered.dom  # an empty list says so (no quarantine in this run)


@needs_chromium
def test_a_long_review_list_is_paged_in_chromium(tmp_path: Path) -> None:
    """A list longer than a page gets the pager: 60 low-confidence findings are 3 pages of 25."""
    from deid.report.html import render_html
    from deid.report.summary import build_report

    spans = [{"note_id": f"n{i}", "start": 0, "end": 4, "entity_type": "PERSON", "score": 0.3,
              "recognizer": "R", "action": "remove"} for i in range(60)]
    page = tmp_path / "report.html"
    page.write_text(render_html(build_report({"run_id": "r", "rows": {}}, spans, [])), encoding="utf-8")
    rendered = render(page, tmp_path / "report.png")
    assert rendered.console_errors == [] and "page 1 of 3 (60 rows)" in rendered.dom


@needs_chromium
def test_review_page_renders_with_phi_banner(small_run, tmp_path: Path) -> None:
    """`deid review` writes a PHI-marked page (owner-only) that renders in Chromium with highlighted findings."""
    page = tmp_path / "review-CONTAINS-PHI.html"
    result = CliRunner().invoke(
        app, ["review", str(small_run["out"]), "--source", str(small_run["source"]), "--limit", "5", "-o", str(page)]
    )
    assert result.exit_code == 0, result.output
    assert "CONTAINS PHI" in result.output and "5 notes" in result.output
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    html = page.read_text(encoding="utf-8")
    assert html.count("<article") == 5 and "<title>CONTAINS PHI" in html
    rendered = render(page, tmp_path / "review.png")
    assert rendered.console_errors == []
    assert "CONTAINS PHI" in rendered.dom and "5 notes shown" in rendered.dom and "<mark" in rendered.dom
    # The source is read batch by batch, with the rows read and the notes found so far for a progress display.
    from deid.report.review import collect_review

    calls: list[tuple[int, int]] = []
    _, notes = collect_review(small_run["out"], str(small_run["source"]), limit=5, on_rows=lambda r, f: calls.append((r, f)))
    assert len(notes) == 5 and calls and calls[-1][1] == 5 and sum(r for r, _ in calls) <= 30


def test_report_command_prints_tables_and_regenerates_html(small_run) -> None:
    """`deid report OUT --html` prints the counts and rewrites report.html from the run's files."""
    out = small_run["out"]
    html = out / "report" / "report.html"
    html.unlink()
    result = CliRunner().invoke(app, ["report", str(out), "--html", "--score-below", "0.9"])
    assert result.exit_code == 0, result.output
    assert "Rows" in result.output and "Findings by entity type" in result.output and "below 0.9" in result.output
    assert html.is_file() and "score &lt; 0.9" in html.read_text(encoding="utf-8")


def test_report_command_on_a_folder_without_a_run_is_one_line_error(tmp_path: Path) -> None:
    """A folder with no summary gives deid's one-line error, not a traceback."""
    from deid.report.summary import ReportError

    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert isinstance(result.exception, ReportError) and "no run summary" in str(result.exception)
