"""The token-level scorer behind `deid eval`, on tiny hand-made gold data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deid import DeidError
from deid.report.evaluate import EvalReport, evaluate, load_gold, shape

GOLD = Path(__file__).parent / "gold" / "tiny.jsonl"


def test_token_metric_counts_partial_cover_as_caught() -> None:
    """A gold token is caught when any predicted span touches any of its characters."""
    report = EvalReport()
    text = "Tom Reyes called 619-549-0329 today"
    report.add(text, gold=[(0, 9, "Name"), (17, 29, "Phone")], predicted=[(0, 2, "PERSON"), (17, 20, "PHONE")])
    assert (report.recall.hit, report.recall.total) == (2, 5)  # Tom, 619 of Tom Reyes 619 549 0329
    assert report.by_label["Phone"].ratio == pytest.approx(1 / 3)
    assert report.precision.ratio == 1.0


def test_predicted_tokens_outside_gold_are_false_positives() -> None:
    """Each predicted token outside every gold span counts once against precision, by type."""
    report = EvalReport()
    text = "Foley draining well. Tom here."
    report.add(text, gold=[(21, 24, "Name")], predicted=[(0, 5, "PERSON"), (21, 24, "PERSON"), (6, 19, "LOCATION")])
    assert (report.precision.hit, report.precision.total) == (1, 4)
    assert report.by_type["LOCATION"].ratio == 0.0
    assert report.false[("PERSON", "Xxxx")] == 1  # shapes, not the words
    assert report.f1 == pytest.approx(2 * 1.0 * 0.25 / 1.25)


@pytest.mark.parametrize(("token", "expected"), [("Tom", "Xxx"), ("REYES", "XXX"), ("0329", "ddd"), ("Ab12cd", "Xxddxx"), ("reyes", "xxx"), ("Foley", "Xxxx")])
def test_shape_hides_the_token(token: str, expected: str) -> None:
    """Shapes map letters and digits to classes and cut long runs."""
    assert shape(token) == expected


def test_evaluate_runs_the_redactor_over_gold(make_redactor) -> None:
    """evaluate() scores a redactor on a gold file: everything in the tiny file is caught."""
    scored = []
    report = evaluate(load_gold(GOLD), make_redactor("research"), on_note=lambda: scored.append(1))
    assert report.notes == 3 and len(scored) == 3  # a progress display advances once per note
    assert report.recall.ratio == 1.0
    assert report.precision.ratio == 1.0
    assert set(report.by_label) == {"RelativeProxyName", "Phone", "HCPName", "Date"}


@pytest.mark.parametrize(
    ("body", "message"),
    [("not json\n", "line 1"), ('{"text": "abc", "spans": [{"start": 2, "end": 9, "label": "X"}]}\n', "out of bounds"), ('{"spans": []}\n', "KeyError")],
)
def test_bad_gold_files_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    """A malformed gold file fails with the file, the line and what is wrong."""
    path = tmp_path / "gold.jsonl"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DeidError, match=message):
        load_gold(path)


def test_cli_eval_prints_metrics_and_writes_json(tmp_path: Path) -> None:
    """deid eval prints recall/precision tables and writes the JSON summary, with shapes not text."""
    out = tmp_path / "metrics.json"
    result = subprocess.run(
        [sys.executable, "-c", "from deid.cli import main; main()", "eval", str(GOLD), "--json", str(out), "--robustness"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "recall by gold label" in result.stdout and "RelativeProxyName" in result.stdout
    metrics = json.loads(out.read_text())
    assert metrics["recall"] == 1.0 and metrics["notes"] == 3
    assert set(metrics["robustness"]) == {"upper case", "lower case", "names swapped"} and "by part" in result.stdout
    assert "Reyes" not in result.stdout and "Reyes" not in out.read_text()


def test_optional_labels_are_neither_missed_nor_false() -> None:
    """A "?" label counts in neither recall nor precision, but keeps a row of its own."""
    report = EvalReport()
    text = "Tom walked Rex to Main Street"
    gold = [(0, 3, "PERSON"), (11, 14, "PET?"), (18, 29, "LOCATION?")]
    report.add(text, gold=gold, predicted=[(0, 3, "PERSON"), (11, 14, "PERSON")])
    assert (report.recall.hit, report.recall.total) == (1, 1)
    assert (report.precision.hit, report.precision.total) == (2, 2)
    assert report.by_label["LOCATION?"].total == 2 and report.by_label["LOCATION?"].hit == 0


def test_parts_split_by_patient_second_bit() -> None:
    """Dev files hold only odd (or even) patient ids, so parts split on the next bit; one patient stays in one part."""
    from deid.report.evaluate import part_of

    assert [part_of({"patient": p}) for p in (1, 3, 5, 7, 2, 4)] == ["A", "B", "A", "B", "B", "A"]
    assert part_of({"id": "note-x"}) == part_of({"id": "note-x"})


def test_evaluate_reports_both_parts(make_redactor) -> None:
    """evaluate() scores parts A and B separately, and they add up to the whole."""
    records = [{**r, "patient": i} for i, r in enumerate(load_gold(GOLD))]
    report = evaluate(records, make_redactor("research"))
    assert sum(p.notes for p in report.parts.values()) == report.notes
    assert sum(p.recall.total for p in report.parts.values()) == report.recall.total


def test_recased_keeps_offsets_and_names_swapped_moves_spans() -> None:
    """Case variants keep every offset; a name swap replaces name spans and shifts the spans after them."""
    from deid.report.robustness import names_swapped, recased

    record = {"id": "1", "text": "Wife Ann Lee called 555-0100 ß", "spans": [
        {"start": 5, "end": 12, "label": "RelativeProxyName"}, {"start": 20, "end": 28, "label": "Phone"}]}
    upper = next(recased([record], "upper"))
    assert upper["text"] == "WIFE ANN LEE CALLED 555-0100 ß" and upper["spans"] == record["spans"]
    swapped = next(names_swapped([record], seed=3))
    name, phone = swapped["spans"]
    assert swapped["text"][phone["start"]:phone["end"]] == "555-0100"
    assert swapped["text"][name["start"]:name["end"]] != "Ann Lee"
    assert len(swapped["text"][name["start"]:name["end"]].split()) >= 2
