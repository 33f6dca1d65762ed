"""Tables derived from the bundled word lists, built once per installation and kept on disk.

Building the name tables reads a million web-corpus word frequencies and a quarter of a million
names (about 2 s); the city gazetteer another second. Their result depends only on those files and
on the code that derives it, so it is kept in `$DEID_CACHE_DIR` (default: `~/.cache/deid`) under a
key made of the source files' paths, sizes and modification times, and rebuilt when any changes.
Stored with `marshal` (plain data, never code); a cache that is missing, unreadable, stale or
unwritable (a read-only home) only costs the build.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CACHE_ENV = "DEID_CACHE_DIR"
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where derived tables are kept: `$DEID_CACHE_DIR`, else `$XDG_CACHE_HOME/deid`, else `~/.cache/deid`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deid"


def _key(name: str, sources: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"{name}|{sys.version_info[:2]}|{marshal.version}".encode())
    for path in sources:
        stat = path.stat()
        digest.update(f"|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def prebuilt(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`'s result, from the disk cache when none of `sources` (the input files and the
    module that derives it) changed since it was kept; else built now and kept."""
    path = cache_dir() / f"{name}-{_key(name, sources)}.marshal"
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not built yet, or unreadable: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as tmp:
            marshal.dump(value, tmp)
        os.replace(tmp.name, path)
        for old in path.parent.glob(f"{name}-*.marshal"):  # tables of earlier versions
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("derived table %s not kept on disk (%s)", name, type(exc).__name__)
    return value
