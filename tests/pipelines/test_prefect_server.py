"""End to end: a real Prefect server, the deployments served by pipelines/serve.py, runs triggered by the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import (
    PIPELINES,
    PREFECT_ENV,
    free_port,
    read_parts,
    synthetic_rows,
    wait_until,
    write_parquet,
)

NOTE = (
    "Session with Dana Whitfield (MRN 00731942). Dana says her husband Tom Reyes "
    "drove her today and she wants him to join next session."
)


def _get(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.mark.slow
def test_research_and_insurer_deployments_run_on_a_prefect_server(tmp_path: Path) -> None:
    """`prefect deployment run 'deid-extract/research'` and `/insurer` complete against served deployments."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ, **PREFECT_ENV,
        "PREFECT_HOME": str(tmp_path / "home"),
        "PREFECT_API_URL": api,
        "DEID_OUTPUT_ROOT": str(tmp_path),  # prefect.yaml's out/<policy>/{run_id} goes under it
        "DEID_WORKERS": "1",
    }
    env.pop("DEID_TASK_RUNNER", None)  # the served runs use the default: a process pool
    logs = tmp_path / "logs"
    logs.mkdir()
    rows = synthetic_rows(6, roi_signed="true", research_consent="true")
    rows[0].update(text=NOTE, client_name="Dana Whitfield", mrn="00731942")
    source = write_parquet(tmp_path / "in" / "notes.parquet", rows)

    server = subprocess.Popen(
        ["prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-services"],
        env=env, start_new_session=True, stdout=open(logs / "server.log", "w"), stderr=subprocess.STDOUT,
    )
    served = None
    try:
        wait_until(lambda: _get(f"{api}/health"), 240, "the Prefect server")
        served = subprocess.Popen(
            [sys.executable, str(PIPELINES / "serve.py")], env=env, cwd=logs, start_new_session=True,
            stdout=open(logs / "serve.log", "w"), stderr=subprocess.STDOUT,
        )
        for name in ("research", "insurer"):
            wait_until(lambda: _get(f"{api}/deployments/name/deid-extract/{name}"), 180, f"deployment {name}")
        runs = {
            name: subprocess.Popen(
                ["prefect", "deployment", "run", f"deid-extract/{name}", "--param", f"source={source}",
                 "--watch", "--watch-timeout", "600"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            for name in ("research", "insurer")
        }
        for name, proc in runs.items():
            output, _ = proc.communicate(timeout=660)
            assert proc.returncode == 0, f"{name}: {output[-3000:]}\n{(logs / 'serve.log').read_text()[-3000:]}"
            assert "Completed" in output
    finally:
        if served is not None:
            _stop(served)
        _stop(server)

    for name in ("research", "insurer"):
        [summary_file] = (tmp_path / "out" / name).glob("*/report/summary.json")
        summary = json.loads(summary_file.read_text())
        assert summary["policy"]["name"] == name and summary["reconciled"]
        assert summary["rows"] == {"read": 6, "written": 6, "excluded": 0, "quarantined": 0}
        notes = {n["note_id"]: n for n in read_parts(summary_file.parent.parent / "notes")}
        first = notes[rows[0]["note_id"]]
        assert "Tom Reyes" not in first["text"]
        if name == "insurer":
            assert "Dana Whitfield" in first["text"] and first["client_name"] == "Dana Whitfield"
        else:
            assert "Dana" not in first["text"] and "client_name" not in first


def test_the_deployments_are_defined_once_in_prefect_yaml() -> None:
    """serve.py serves exactly prefect.yaml's deployments, and the demo schema in the flow module (used by
    `deid run`) is the one prefect.yaml presets."""
    import yaml

    import importlib.util

    from deid.flows.extract import SYNTHETIC_KNOWN_COLUMNS

    spec_of_serve = importlib.util.spec_from_file_location("serve", PIPELINES / "serve.py")
    serve = importlib.util.module_from_spec(spec_of_serve)
    spec_of_serve.loader.exec_module(serve)

    spec = yaml.safe_load((PIPELINES.parent / "prefect.yaml").read_text(encoding="utf-8"))
    served = {d.name: d for d in serve.deployments()}
    assert set(served) == {d["name"] for d in spec["deployments"]} == {"research", "insurer"}
    for d in spec["deployments"]:
        assert served[d["name"]].parameters == d["parameters"] and served[d["name"]].description == d["description"]
        assert d["parameters"]["known_columns"] == SYNTHETIC_KNOWN_COLUMNS
