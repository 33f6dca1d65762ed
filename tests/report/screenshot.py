"""Render a deid HTML page (report.html or a review page) in headless Chromium: PNG, DOM and console errors.

Run by hand:  python tests/report/screenshot.py out/report/report.html [shot.png]
It prints the PNG path and any console errors, and exits 1 when the page logged an error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Headless and quiet: without the background-networking flags Chromium tries to reach the network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
]
# Chromium logs page console messages as "CONSOLE(...)"/"ERROR:CONSOLE" and uncaught exceptions as "Uncaught".
CONSOLE_ERROR = re.compile(r"Uncaught|ERROR:CONSOLE|CONSOLE\(\d+\)\].*[Ee]rror|Failed to load resource")


def chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Rendered:
    """What Chromium made of a page: the screenshot, the DOM after scripts ran, console errors."""

    png: Path
    dom: str
    console_errors: list[str]


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="deid-chromium-") as profile:
        return subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
            capture_output=True, text=True, timeout=timeout, check=False,
        )


def render(page: str | Path, png: str | Path, *, width: int = 1280, height: int = 2000, timeout: float = 90) -> Rendered:
    """Screenshot `page` to `png` and dump its DOM; collect console errors from both runs."""
    page, png = Path(page).resolve(), Path(png).resolve()
    url = page.as_uri()
    shot = _run([f"--screenshot={png}", f"--window-size={width},{height}", url], timeout)
    dom = _run(["--dump-dom", url], timeout)
    errors = [line for line in (shot.stderr + dom.stderr).splitlines() if CONSOLE_ERROR.search(line)]
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot (exit {shot.returncode}): {shot.stderr[-2000:]}")
    return Rendered(png, dom.stdout, errors)


def main(argv: list[str]) -> int:
    """Command-line entry: render the page given, print where the PNG is and any console errors."""
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    page = Path(argv[0])
    png = Path(argv[1]) if len(argv) > 1 else page.with_suffix(".png")
    rendered = render(page, png)
    print(rendered.png)
    for line in rendered.console_errors:
        print("console error:", line)
    return 1 if rendered.console_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
