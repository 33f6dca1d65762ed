"""Detection: one Presidio AnalyzerEngine on spaCy, built once, with our plug-in recognizers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
    predefined_recognizers,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from deid.config import EngineConfig, load_engine_config
from deid.entities import to_vocabulary
from deid.errors import ConfigError, RecognizerError
from deid.findings import Finding
from deid.ner import NoteSpacyRecognizer
from deid.paths import recognizers_dir
from deid.plugins import Plugin, load_folder

log = logging.getLogger(__name__)
_WHITESPACE = re.compile(r"\s")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Detector:
    """Finds identifiers in text; policy-free. Build once per process: loading the model is slow."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or load_engine_config()
        self.language = self.config.language
        self.nlp_engine = _load_nlp_engine(self.config)
        self.plugins = _load_plugins(self.config)
        registry = RecognizerRegistry(supported_languages=[self.language])
        for recognizer in self._predefined():
            registry.add_recognizer(recognizer)
        for plugin in self.plugins:
            registry.add_recognizer(plugin.recognizer)
        for recognizer in registry.recognizers:
            _guard(recognizer)
        self.analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=self.nlp_engine, supported_languages=[self.language]
        )
        log.info(
            "detector ready: model=%s recognizers=%d", self.config.model, len(registry.recognizers)
        )

    @property
    def recognizers(self) -> list[EntityRecognizer]:
        """Every recognizer in use, predefined and plug-in."""
        return list(self.analyzer.registry.recognizers)

    def source_of(self, recognizer: EntityRecognizer) -> str:
        """The file a recognizer came from, or 'presidio' for a predefined one."""
        for plugin in self.plugins:
            if plugin.recognizer is recognizer:
                return str(plugin.source)
        return "presidio"

    def detect(self, text: str) -> list[Finding]:
        """All findings in one text (unresolved: overlaps included)."""
        return next(self.detect_many([text]))

    def detect_many(self, texts: Iterable[str], batch_size: int | None = None) -> Iterator[list[Finding]]:
        """Findings for each text, in order; spaCy runs batched through `nlp.pipe`."""
        size = batch_size or self.config.batch_size
        # Long notes are cut into pieces at whitespace; each piece keeps its offset in the note.
        pieces: list[tuple[int, str]] = []  # (offset in its note, piece)
        counts: list[int] = []  # pieces per note, in order
        for text in texts:
            # spaCy hashes tokens as UTF-8, which a lone surrogate (left by a lossy decode) cannot
            # be: it crashed. Detection sees U+FFFD instead, one code point for one (same offsets).
            text = _SURROGATE.sub("\ufffd", text)
            chunks = list(_chunks(text, self.config.chunk_chars))
            counts.append(len(chunks))
            pieces += chunks
            if len(pieces) >= size:
                yield from self._analyze(pieces, counts, size)
                pieces, counts = [], []
        if counts:
            yield from self._analyze(pieces, counts, size)

    def _analyze(
        self, pieces: list[tuple[int, str]], counts: list[int], size: int
    ) -> Iterator[list[Finding]]:
        artifacts = self.nlp_engine.process_batch(
            [p for _, p in pieces], language=self.language, batch_size=size
        )
        results = iter(
            self._findings(piece, nlp_artifacts, offset)
            for (offset, piece), (_, nlp_artifacts) in zip(pieces, artifacts)
        )
        for count in counts:
            note: list[Finding] = []
            for _ in range(count):
                note += next(results)
            yield note

    def _findings(self, text: str, nlp_artifacts, offset: int) -> list[Finding]:
        if not text.strip():
            return []
        results = self.analyzer.analyze(text=text, language=self.language, nlp_artifacts=nlp_artifacts)
        return [_to_finding(r, offset) for r in results]

    def _predefined(self) -> list[EntityRecognizer]:
        out = []
        for name in self.config.predefined_recognizers:
            cls = getattr(predefined_recognizers, name, None)
            if not (isinstance(cls, type) and issubclass(cls, EntityRecognizer)):
                raise ConfigError(
                    f"predefined_recognizers: unknown Presidio recognizer {name!r}"
                )
            if name == "SpacyRecognizer":
                entities = sorted(set(self.config.ner_entity_mapping.values()))
                out.append(NoteSpacyRecognizer(supported_language=self.language, supported_entities=entities))
            else:
                out.append(cls(supported_language=self.language))
        return out


def _guard(recognizer: EntityRecognizer) -> None:
    """Make `recognizer.analyze` raise RecognizerError (its name and the exception type) on any failure.

    The original exception is dropped, not chained: its message, args or `.object` may quote the note.
    """
    analyze = recognizer.analyze
    if getattr(analyze, "_deid_guarded", False):
        return
    name = recognizer.name

    def guarded(*args, **kwargs):
        try:
            return analyze(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any plug-in failure becomes one text-free error
            failed = type(exc).__name__
        # Raised outside the except block so the new error has no __context__ holding the original.
        raise RecognizerError(name, failed)

    guarded._deid_guarded = True  # type: ignore[attr-defined]
    recognizer.analyze = guarded  # type: ignore[method-assign]


def _to_finding(result: RecognizerResult, offset: int) -> Finding:
    meta = result.recognition_metadata or {}
    return Finding(
        start=result.start + offset,
        end=result.end + offset,
        entity_type=to_vocabulary(result.entity_type),
        score=round(float(result.score), 4),
        recognizer=str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")),
    )


def _chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    start = 0
    while len(text) - start > limit:
        # Cut at the last newline (else whitespace) before the limit, so no word is split.
        window = text[start : start + limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            spaces = [m.start() for m in _WHITESPACE.finditer(window, limit // 2)]
            cut = spaces[-1] if spaces else limit
        yield start, text[start : start + cut + 1]
        start += cut + 1
    yield start, text[start:]


def _load_nlp_engine(config: EngineConfig) -> SpacyNlpEngine:
    model = config.model
    # Presidio downloads a missing model at load time; deid never downloads: fail clearly instead.
    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise ConfigError(
            f"spaCy model {model!r} is not installed (deid never downloads at run time); "
            "install it with pip or set 'model' in the engine config / $DEID_MODEL"
        )
    ner = NerModelConfiguration(
        model_to_presidio_entity_mapping=dict(config.ner_entity_mapping),
        labels_to_ignore=list(config.ner_labels_to_ignore),
        low_score_entity_names=[],
    )
    engine = SpacyNlpEngine(
        models=[{"lang_code": config.language, "model_name": model}], ner_model_configuration=ner
    )
    try:
        engine.load()
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {model!r}: {exc}") from None
    return engine


def _load_plugins(config: EngineConfig) -> list[Plugin]:
    folders = [recognizers_dir()] if config.include_bundled_recognizers else []
    folders += list(config.recognizer_folders)
    plugins = [p for folder in folders for p in load_folder(Path(folder))]
    names = [p.recognizer.name for p in plugins]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"recognizer names must be unique; duplicated: {', '.join(dupes)}")
    return plugins
