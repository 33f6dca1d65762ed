"""One writer per output folder: an exclusive lock held for the life of a run.

The lock is `fcntl.flock` on `OUTPUT/.deid.lock`. The operating system drops it when the holding
process exits, however it exits, so a killed run never leaves a stale lock behind; the file itself
stays (empty when no run holds it) and names the holder (run id, process, host, start) while held.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
from pathlib import Path
from types import TracebackType

from deid.io.manifest import RunConflictError

LOCK_NAME = ".deid.lock"


class OutputInUseError(RunConflictError):
    """Another live run holds the output folder."""


class OutputLock:
    """`with OutputLock(out):` holds `out` for this process or raises OutputInUseError at once."""

    def __init__(self, output_dir: str | os.PathLike[str]) -> None:
        self.output_dir = Path(output_dir)
        self.path = self.output_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        """Take the lock without waiting; OutputInUseError names the run holding it."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe(_read(fd))
            os.close(fd)
            raise OutputInUseError(
                f"{self.output_dir}: in use by {holder}; wait for it to finish or choose another "
                "output directory (--overwrite and --run-id cannot take a folder a live run holds)"
            ) from None
        self._fd = fd
        self.record(None)
        return self

    def record(self, run_id: str | None) -> None:
        """Write who holds the lock (the run id once known) into the lock file."""
        if self._fd is None:
            raise RuntimeError("the output lock is not held")
        holder = {
            "run_id": run_id,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(holder).encode(), 0)

    def release(self) -> None:
        """Empty the lock file and release the lock (the file stays: deleting it would race a new holder)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def check(self) -> None:
        """Raise OutputInUseError when a live run holds the folder; hold nothing (and create nothing)."""
        if self.path.is_file():
            self.acquire().release()

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _read(fd: int) -> dict[str, object]:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, object]) -> str:
    run = f"run {holder['run_id']}" if holder.get("run_id") else "another run"
    where = f"process {holder['pid']} on {holder['host']}" if holder.get("pid") else "a live process"
    since = f" since {holder['since']}" if holder.get("since") else ""
    return f"{run} ({where}{since})"
