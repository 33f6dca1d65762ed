"""The deid command: redact, policies, recognizers, demo, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import deid as deid_package

NOTE = "Her husband Marcus Bell called (619) 555-0147 on 03/14/2025.\n"


def deid(*args: str, stdin: bytes | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if k != "DEID_KEY"}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", "from deid.cli import main; main()", *args],
        input=stdin, capture_output=True, env=env, timeout=120,
    )


def test_version() -> None:
    """deid --version prints the package's version and exits 0."""
    done = deid("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"deid {deid_package.__version__}"


def test_help_lists_the_commands() -> None:
    """deid --help names every command."""
    out = deid("--help").stdout.decode()
    for command in ("redact", "policies", "recognizers", "demo"):
        assert command in out


def test_redact_from_stdin_and_file(tmp_path: Path) -> None:
    """deid redact reads standard input or a file and prints the redacted text."""
    from_stdin = deid("redact", "-", "--policy", "research", stdin=NOTE.encode())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert "Marcus" not in from_stdin.stdout.decode() and "2025" in from_stdin.stdout.decode()
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    from_file = deid("redact", str(note), "--policy", "insurer")
    assert from_file.returncode == 0 and "Marcus" not in from_file.stdout.decode()
    assert "03/14/2025" in from_file.stdout.decode()


def test_redact_json_has_spans_without_values() -> None:
    """--json prints the redacted text and spans with offsets, types and actions, not the values."""
    result = deid("redact", "--json", stdin=NOTE.encode())
    payload = json.loads(result.stdout)
    assert set(payload) == {"text", "spans"}
    assert {s["entity_type"] for s in payload["spans"]} >= {"RELATIVE", "PHONE_NUMBER", "DATE"}
    assert all(set(s) == {"start", "end", "entity_type", "score", "recognizer", "action"} for s in payload["spans"])
    assert "Marcus" not in result.stdout.decode()


def test_key_file_enables_keyed_policies(tmp_path: Path) -> None:
    """A keyed policy runs with --key-file and fails in one line without a key."""
    key = tmp_path / "key"
    key.write_text("s3cret-key\n")
    ok = deid("redact", "--policy", "consultation", "--key-file", str(key), stdin=NOTE.encode())
    assert ok.returncode == 0 and "Marcus" not in ok.stdout.decode()
    missing = deid("redact", "--policy", "consultation", stdin=NOTE.encode())
    assert missing.returncode == 2
    assert missing.stderr.decode().strip().count("\n") == 0 and "needs a key" in missing.stderr.decode()
    assert "--key-file FILE or set $DEID_KEY" in missing.stderr.decode()  # the CLI's options, not the library's


def test_known_identifiers_from_the_command_line() -> None:
    """--known ENTITY=VALUE (repeatable): insurer keeps the known client and clinician, removes the rest."""
    note = b"Client Dana Whitfield met with Dr. Rao. Her sister Ann called on 3/4/2025.\n"
    without = deid("redact", "--policy", "insurer", stdin=note)
    assert without.returncode == 0 and "Dana Whitfield" not in without.stdout.decode()
    done = deid("redact", "--policy", "insurer", "--known", "PATIENT=Dana Whitfield", "--known", "clinician=Rao",
                stdin=note)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "Client Dana Whitfield met with Dr. Rao. Her sister [RELATIVE] called on 3/4/2025.\n"
    bad = deid("redact", "--known", "NICKNAME=Dee", stdin=note)
    assert bad.returncode == 2 and "Dee" not in bad.stderr.decode()  # the value is never echoed
    assert bad.stderr.decode().startswith("deid: error: --known: expected ENTITY=VALUE with ENTITY one of PATIENT,")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("redact", "--policy", "nosuch"), NOTE.encode(), "unknown policy 'nosuch'"),
        (("redact", "/nonexistent/note.txt"), None, "cannot read"),
        (("redact", "-"), b"\xff\xfe bad bytes", "not UTF-8"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(args: tuple, stdin: bytes | None, message: str) -> None:
    """Bad input exits 2 with a single line on stderr and no traceback."""
    result = deid(*args, stdin=stdin)
    err = result.stderr.decode().strip()
    assert result.returncode == 2
    assert message in err and "\n" not in err and "Traceback" not in err


def test_policies_and_recognizers_listings() -> None:
    """deid policies shows each policy; deid recognizers shows each recognizer with its source."""
    policies = deid("policies").stdout.decode()
    for name in ("research", "insurer", "limited_data_set", "consultation"):
        assert name in policies
    recognizers = deid("recognizers").stdout.decode()
    for name in ("FamilyMemberRecognizer", "ClinicianRecognizer", "DeidPhoneRecognizer", "SpacyRecognizer", "ZipCodeRecognizer"):
        assert name in recognizers
    # Piped: one tab-separated line per recognizer, with its full source path.
    lines = [line.split("\t") for line in recognizers.splitlines()]
    assert lines[0] == ["recognizer", "entities", "source"] and all(len(line) == 3 for line in lines)
    sources = {line[0]: line[2] for line in lines}
    # Every recognizer that can name a finding in a report, the steps after the recognizers included.
    assert sources["KnownIdentifierRecognizer"].endswith("known.py") and sources["RepeatInNote"].endswith("repeats.py")
    assert any(path.endswith("recognizers/zip_code.yaml") and Path(path).is_file() for path in sources.values())


def test_demo_runs_on_the_bundled_note() -> None:
    """deid demo redacts the bundled synthetic note under research and insurer."""
    result = deid("demo")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "policy: research" in out and "policy: insurer" in out
    research = out.split("policy: insurer")[0]
    assert "Dana" not in research and "Whitfield" not in research
