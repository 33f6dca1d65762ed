"""The `deid` app, its shared options and the helpers its commands share."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from deid.errors import DeidError

app = typer.Typer(
    help="De-identify clinical notes per downstream purpose (research, insurer, ...).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # tracebacks could quote note text; errors are one line
)
out = Console(highlight=False)

PolicyOption = Annotated[
    str, typer.Option("--policy", "-p", help="Policy name (see `deid policies`) or path to a YAML file.")
]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", help="Engine config YAML (default: bundled configs/engine.yaml).")
]
KeyFileOption = Annotated[
    Optional[Path],
    typer.Option("--key-file", help="File holding the key for pseudonyms and date shifts (else $DEID_KEY)."),
]


def _print_version(value: bool) -> None:
    if value:
        from deid import __version__

        print(f"deid {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress (counts only).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print deid's version and exit.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # Prefect's lines below a warning ("Finished in state Completed()", one per task, in every
        # worker process too) are not shown: `deid run` shows its progress instead.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        for handler in logging.getLogger().handlers:
            handler.addFilter(_deid_errors_once)


def _deid_errors_once(record: logging.LogRecord) -> bool:
    """Drop Prefect's traceback and failed-state lines for a DeidError: `main` prints it as one line (-v keeps them)."""
    if record.exc_info and isinstance(record.exc_info[1], DeidError):
        return False
    if record.name.startswith(("prefect.flow_runs", "prefect.task_runs")) and isinstance(record.msg, str):
        message = record.getMessage()
        return not (message.startswith("Finished in state Failed(") and _names_deid_error(message))
    return True


def _names_deid_error(message: str) -> bool:
    """True when a Prefect failed-state message names one of deid's error classes ("...: SourceError: ...")."""
    classes = [DeidError]
    for cls in classes:  # grows while iterating: every subclass loaded so far
        if f"exception: {cls.__name__}: " in message:
            return True
        classes += cls.__subclasses__()
    return False


def read_key(key_file: Path | None) -> bytes | None:
    if key_file is None:
        return None
    try:
        return key_file.read_bytes().strip()
    except OSError as exc:
        raise DeidError(f"{key_file}: cannot read key file: {exc.strerror}") from None


def redactor_for(policy: str, key_file: Path | None, config: Path | None):
    """The Redactor of a command, its key from --key-file or $DEID_KEY."""
    from deid.decide.policy import load_policy
    from deid.redact import Redactor
    from deid.transform.keyed import resolve_key

    loaded = load_policy(policy)
    key = resolve_key(read_key(key_file))
    loaded.require_key(key, KEY_SOURCES)
    return Redactor(loaded, key=key, config=config)


# Where the command line takes a key from, for the message of a policy that needs one.
KEY_SOURCES = "pass --key-file FILE or set $DEID_KEY"


def read_input(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DeidError(f"{path}: cannot read: {exc.strerror}") from None
        name = str(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeidError(f"{name}: not UTF-8 text (byte {exc.start})") from None



def listing(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines, nothing cut or wrapped, when piped or redirected."""
    if not out.is_terminal:
        for row in (header, *rows):
            sys.stdout.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
        return
    table = Table(*header)
    table.columns[-1].overflow = "fold"
    for row in rows:
        table.add_row(*row)
    out.print(table)

