"""deid.cli.progress: `deid run`'s progress display, drawn from the flow's progress log records."""

from __future__ import annotations

import io
import logging

from deid.cli.progress import RunProgress
from deid.flows import PROGRESS


def record(counts: dict) -> logging.LogRecord:
    rec = logging.LogRecord("prefect.flow_runs", logging.INFO, __file__, 1, "batch", (), None)
    setattr(rec, PROGRESS, counts)
    return rec


def feed(progress: RunProgress, total: int | None) -> None:
    progress.emit(record({"total": total}))
    progress.emit(logging.LogRecord("prefect.flow_runs", logging.INFO, __file__, 1, "other line", (), None))
    progress.emit(record({"done": 10, "excluded": 4, "quarantined": 1}))
    progress.emit(record({"done": 10}))  # a batch finished by an earlier attempt
    progress.close()


def test_plain_lines_off_a_terminal() -> None:
    """Not a terminal: plain lines (at most every `every` seconds) and one at the end, counts only."""
    stream = io.StringIO()
    feed(RunProgress(live=False, every=0, stream=stream), total=40)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("deid: 10 of 40 notes (25%), ") and lines[0].endswith("excluded 4, quarantined 1")
    assert " s left" in lines[0]
    assert lines[-1].startswith("deid: 20 of 40 notes (50%), ") and len(lines) == 3


def test_a_source_of_unknown_size_gives_a_running_count() -> None:
    stream = io.StringIO()
    feed(RunProgress(live=False, every=3600, stream=stream), total=None)
    first, last = stream.getvalue().splitlines()  # the first batch, then nothing for an hour, then the end
    assert first.startswith("deid: 10 notes, ") and last.startswith("deid: 20 notes, ")
    assert "left" not in first + last


def test_a_commands_own_loop_shows_nothing_off_a_terminal() -> None:
    from deid.cli.progress import counting

    stream = io.StringIO()
    with counting("scoring", 3, stream=stream) as advance:
        for _ in range(3):
            advance()
    assert stream.getvalue() == ""


def test_a_bar_on_a_terminal() -> None:
    """On a terminal: a bar with done of total, the excluded and quarantined rows; closed at the end."""
    stream = io.StringIO()
    feed(RunProgress(live=True, stream=stream), total=40)
    shown = stream.getvalue()
    assert "20/40" in shown and "excluded 4, quarantined 1" in shown
    assert "deid: " not in shown  # no plain lines as well


def test_the_flow_reports_progress_apart_from_prefects_logs(caplog) -> None:
    """`report_progress` reaches a listener on `deid.progress` whatever Prefect's log level, and
    never the root logger's handlers (nothing printed where nobody listens)."""
    from deid.flows import PROGRESS_LOG, report_progress

    stream = io.StringIO()
    handler = RunProgress(live=False, every=0, stream=stream)
    PROGRESS_LOG.addHandler(handler)
    try:
        with caplog.at_level(logging.INFO):
            report_progress(total=2)
            report_progress(done=2, excluded=1, quarantined=0)
    finally:
        PROGRESS_LOG.removeHandler(handler)
        handler.close()
    assert stream.getvalue().splitlines()[0].startswith("deid: 2 of 2 notes (100%), ")
    assert caplog.records == []
