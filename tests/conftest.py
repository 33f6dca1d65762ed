"""Shared fixtures: one detector per session (the spaCy model loads once), no key leaking in from the env."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# Derived tables (deid.kit.prebuilt) are kept in a folder of this session, never the developer's
# home; the processes the tests start inherit it, and the first one builds them.
_CACHE = tempfile.mkdtemp(prefix="deid-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["DEID_CACHE_DIR"] = _CACHE

import deid  # noqa: E402
from deid.detect.engine import Detector


@pytest.fixture(autouse=True)
def _no_ambient_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests decide their own key; a DEID_KEY in the developer's shell must not change results."""
    monkeypatch.delenv("DEID_KEY", raising=False)
    monkeypatch.delenv("DEID_RECOGNIZERS", raising=False)
    monkeypatch.delenv("DEID_CONFIG", raising=False)
    monkeypatch.delenv("DEID_MODEL", raising=False)


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The default detector, built once for the whole session."""
    return Detector()


@pytest.fixture(scope="session")
def make_redactor(detector: Detector):
    """Build a Redactor for a policy on the shared detector."""

    def build(policy="research", key=None) -> deid.Redactor:
        return deid.Redactor(policy, key=key, detector=detector)

    return build
