"""Fixtures for the recognizer plug-in tests: one spaCy engine per session, plug-ins loaded by
file path and built without arguments, as deid's loader does."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.config import load_engine_config
from deid.detect import _load_nlp_engine
from deid.nlp import NoteNlpEngine

RECOGNIZERS_DIR = Path(__file__).resolve().parents[2] / "recognizers"

Found = list[tuple[str, str]]


def _load_plugin(file_name: str) -> list[EntityRecognizer]:
    """Import ``recognizers/<file_name>`` by path and build every recognizer class it defines."""
    path = RECOGNIZERS_DIR / file_name
    module_name = f"deid_plugin_test_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return [
        cls()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, EntityRecognizer)
        and cls.__module__ == module_name
        and not inspect.isabstract(cls)
    ]


@pytest.fixture(scope="session")
def load_plugin() -> Callable[[str], list[EntityRecognizer]]:
    """Load a plug-in file by path the way deid's loader does (no-argument constructors)."""
    return _load_plugin


@pytest.fixture(scope="session")
def nlp_engine() -> NoteNlpEngine:
    """deid's spaCy engine on the project's model, loaded once for all recognizer tests."""
    return _load_nlp_engine(load_engine_config())


@pytest.fixture(scope="session")
def analyze(nlp_engine: NoteNlpEngine) -> Callable[[EntityRecognizer, str], list[RecognizerResult]]:
    """Run one recognizer on one text as the Detector does (tokens and lemmas, no tagger), in text order."""

    def run(recognizer: EntityRecognizer, text: str) -> list[RecognizerResult]:
        artifacts = nlp_engine.tokenize([text])[0]
        results = recognizer.analyze(text, recognizer.supported_entities, artifacts)
        return sorted(results, key=lambda r: (r.start, r.end))

    return run


@pytest.fixture(scope="session")
def found(analyze) -> Callable[[EntityRecognizer, str], Found]:
    """Run one recognizer on one text and return (entity, matched substring) pairs."""

    def run(recognizer: EntityRecognizer, text: str) -> Found:
        return [(r.entity_type, text[r.start : r.end]) for r in analyze(recognizer, text)]

    return run
