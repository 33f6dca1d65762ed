"""A run's progress on the terminal, drawn from the flow's progress records (`deid.flows.PROGRESS`).

On a terminal: a bar with notes done of the total (when the source knows it beforehand), notes/s,
the time left, and the rows excluded and quarantined so far. Elsewhere (a log file, a pipe): a
plain line at most every few seconds, and one at the end. Counts only, never a value.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from deid.flows import PROGRESS


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} notes/s" if task.speed else "", style="progress.data.speed")


class RunProgress(logging.Handler):
    """A logging handler that turns the flow's progress records into a progress display."""

    def __init__(self, *, live: bool | None = None, every: float = 5.0, stream: Any = None) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.every = every
        self.total: int | None = None
        self.done = self.excluded = self.quarantined = 0
        self._started = time.monotonic()
        self._printed = -math.inf  # the first batch is always shown, however recent the boot
        self._bar: Progress | None = None
        self._task: Any = None

    def emit(self, record: logging.LogRecord) -> None:
        counts = getattr(record, PROGRESS, None)
        if not isinstance(counts, dict):
            return
        if "total" in counts:  # the flow has started: rates count from here, not from Prefect's start-up
            self.total = counts["total"]
            self._started = time.monotonic()
            self._start()
            return
        self.done += int(counts.get("done", 0))
        self.excluded += int(counts.get("excluded", 0))
        self.quarantined += int(counts.get("quarantined", 0))
        self._show()

    def _start(self) -> None:
        if not self.live or self._bar is not None:
            return
        self._bar = Progress(
            TextColumn("notes"), BarColumn(), MofNCompleteColumn(), _Rate(), TimeRemainingColumn(),
            TextColumn("excluded {task.fields[excluded]}, quarantined {task.fields[quarantined]}"),
            console=Console(file=self.stream), transient=False,
        )
        self._task = self._bar.add_task("notes", total=self.total, excluded=0, quarantined=0)
        self._bar.start()

    def _show(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, excluded=self.excluded, quarantined=self.quarantined)
            return
        now = time.monotonic()
        if not self.live and now - self._printed >= self.every:
            self._printed = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        """The progress as one plain line."""
        seconds = max(time.monotonic() - self._started, 1e-9)
        rate = self.done / seconds
        of = f" of {self.total}" if self.total else ""
        share = f" ({self.done / self.total:.0%})" if self.total else ""
        left = (
            f", {max(self.total - self.done, 0) / rate:.0f} s left" if self.total and rate and self.done < self.total else ""
        )
        return (
            f"deid: {self.done}{of} notes{share}, {rate:.1f} notes/s{left}; "
            f"excluded {self.excluded}, quarantined {self.quarantined}"
        )

    def close(self) -> None:
        """Stop the bar, or print the last plain line."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif not self.live and self.done:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
        super().close()


@contextmanager
def counting(label: str, total: int | None, *, stream: Any = None) -> Iterator[Callable[..., None]]:
    """A bar for a command's own loop (`deid eval`, `deid review`) on a terminal, else nothing:
    yields `advance(by=1, **fields)`."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield lambda by=1, **fields: None
        return
    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        TextColumn("{task.fields[note]}"), console=Console(file=stream), transient=True,
    )
    task = bar.add_task(label, total=total, note="")
    with bar:
        yield lambda by=1, **fields: bar.update(task, advance=by, **fields)
