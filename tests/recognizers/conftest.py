"""Fixtures for the recognizer plug-in tests: one spaCy engine per session, plug-ins loaded by
deid's own loader."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.detect.config import load_engine_config
from deid.detect.engine import load_nlp_engine
from deid.detect.nlp import NoteNlpEngine
from deid.paths import recognizers_dir
from deid.detect.plugins import load_python

RECOGNIZERS_DIR = recognizers_dir()

Found = list[tuple[str, str]]


@pytest.fixture(scope="session")
def load_plugin() -> Callable[[str], list[EntityRecognizer]]:
    """Load a plug-in file of recognizers/ by name with deid's own loader (no-argument constructors)."""
    return lambda file_name: load_python(RECOGNIZERS_DIR / file_name)


@pytest.fixture(scope="session")
def nlp_engine() -> NoteNlpEngine:
    """deid's spaCy engine on the project's model, loaded once for all recognizer tests."""
    return load_nlp_engine(load_engine_config())


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
