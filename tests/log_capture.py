"""Capture every log record of deid, Prefect and Dask while a block runs, to scan it for canaries."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class LogLines(logging.Handler):
    """Keeps each record as one line: logger name, message and any formatted traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


@contextmanager
def captured_logs() -> Iterator[LogLines]:
    """Every log record of deid, Prefect (the run's loggers included) and Dask while the block runs."""
    capture = LogLines()
    # Dask's "distributed" logger does not propagate to the root logger.
    names = ("prefect", "deid", "distributed")
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in names)]
    old = logging.getLogger("prefect").level
    for lg in loggers:
        lg.addHandler(capture)
    logging.getLogger("prefect").setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        for lg in loggers:
            lg.removeHandler(capture)
        logging.getLogger("prefect").setLevel(old)
