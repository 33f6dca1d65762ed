"""The `deid` command line: thin over the library. Errors are one line on stderr, exit code 2.

`app` holds the app and its shared options; `notes` the commands on one text and on gold data;
`runs` the commands on bulk runs.
"""

from __future__ import annotations

import sys

from deid.cli import notes, runs  # noqa: F401 - importing them registers their commands, in this order
from deid.cli.app import app
from deid.errors import DeidError

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point: run the app, turning deid's errors into one line and exit code 2."""
    try:
        app()
    except DeidError as exc:
        sys.stderr.write(f"deid: error: {exc}\n")
        raise SystemExit(2) from None
