"""deid never touches the network: no model download, no suffix-list fetch."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_socket

from deid import ConfigError
from deid.detect.config import load_engine_config
from deid.detect.engine import Detector


def test_detection_with_all_sockets_blocked(detector) -> None:
    """Emails and URLs are detected with every socket blocked, loopback included (tldextract stays offline)."""
    pytest_socket.disable_socket(allow_unix_socket=False)
    try:
        findings = detector.detect("Write to dana.whitfield@example.com or see https://dana.example.org/x today.")
    finally:
        pytest_socket.enable_socket()
    assert {f.entity_type for f in findings} >= {"EMAIL_ADDRESS", "URL"}


def test_a_missing_model_is_an_error_not_a_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An uninstalled spaCy model gives a clear ConfigError instead of Presidio's automatic download."""
    monkeypatch.setenv("DEID_MODEL", "en_core_web_nonexistent")
    with pytest.raises(ConfigError, match="'en_core_web_nonexistent' is not installed.*never downloads"):
        Detector(load_engine_config())


@pytest.mark.parametrize(
    ("body", "message"),
    [("batch_size: 0\n", "batch_size"), ("modle: x\n", "modle"), ("[1, 2]\n", "mapping"), ("predefined_recognizers: [NoSuchRecognizer]\n", "NoSuchRecognizer")],
)
def test_bad_engine_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    """A bad engine config names the file (or setting) and the problem."""
    path = tmp_path / "engine.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Detector(load_engine_config(path))
