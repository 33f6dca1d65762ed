"""Detection: one Presidio AnalyzerEngine on spaCy, built once, with our plug-in recognizers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from presidio_analyzer import (
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
    predefined_recognizers,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts

from deid.detect.config import EngineConfig, load_engine_config
from deid.detect.ner import NoteSpacyRecognizer, ner_windows
from deid.detect.nlp import NoteNlpEngine, WindowContextEnhancer
from deid.detect.plugins import Plugin, load_folder
from deid.detect.repeats import repeated
from deid.entities import to_vocabulary
from deid.errors import ConfigError, RecognizerError
from deid.findings import Finding
from deid.kit.casing import note_casing, truecase
from deid.kit.name_shape import RESTORED_SHARE, clinical_share
from deid.kit.normalize import View, view
from deid.paths import recognizers_dir

log = logging.getLogger(__name__)
_WHITESPACE = re.compile(r"\s")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Detector:
    """Finds identifiers in text; policy-free. Build once per process: loading the model is slow."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or load_engine_config()
        self.language = self.config.language
        self.nlp_engine = load_nlp_engine(self.config)
        self.plugins = _load_plugins(self.config)
        # spaCy's NER is not in the registry: it runs after the others, on `ner_windows` only.
        self.ner: NoteSpacyRecognizer | None = None
        registry = RecognizerRegistry(supported_languages=[self.language])
        for recognizer in self._predefined():
            if isinstance(recognizer, NoteSpacyRecognizer):
                self.ner = recognizer if self.nlp_engine.has_ner else None
            else:
                registry.add_recognizer(recognizer)
        for plugin in self.plugins:
            registry.add_recognizer(plugin.recognizer)
        self.registry = registry
        for recognizer in self.recognizers:
            recognizer.load()
            recognizer.is_loaded = True
        self._entities = sorted({e for r in registry.recognizers for e in r.supported_entities})
        # Presidio's per-recognizer score thresholds (by entity, else "default"), by recognizer id.
        self._thresholds = {r.id: getattr(r, "score_thresholds", None) or {} for r in registry.recognizers}
        self._context = WindowContextEnhancer(self.nlp_engine)
        log.info("detector ready: model=%s recognizers=%d", self.config.model, len(self.recognizers))

    @property
    def recognizers(self) -> list[EntityRecognizer]:
        """Every recognizer in use, predefined and plug-in."""
        return list(self.registry.recognizers) + ([self.ner] if self.ner else [])

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
        pieces: list[tuple[int, str]] = []  # (offset in its note's view, piece)
        views: list[View] = []  # per note, in order
        counts: list[int] = []  # pieces per note, in order
        for text in texts:
            # spaCy hashes tokens as UTF-8, which a lone surrogate (left by a lossy decode) cannot
            # be: it crashed. Detection sees U+FFFD instead, one code point for one (same offsets).
            # Everything runs on the normalized view; findings are mapped back to the note.
            note_view = view(_SURROGATE.sub("\ufffd", text))
            chunks = list(_chunks(note_view.text, self.config.chunk_chars))
            views.append(note_view)
            counts.append(len(chunks))
            pieces += chunks
            if len(pieces) >= size:
                yield from self._analyze(pieces, counts, views, size)
                pieces, counts, views = [], [], []
        if counts:
            yield from self._analyze(pieces, counts, views, size)

    def _analyze(
        self, pieces: list[tuple[int, str]], counts: list[int], views: list[View], size: int
    ) -> Iterator[list[Finding]]:
        texts = [p for _, p in pieces]
        # spaCy keeps every new string (names, numbers) in its vocabulary for good: over millions
        # of notes that grows without bound. A memory zone frees them when the batch is done, so
        # nothing from spaCy (Docs, tokens) may outlive it: findings are plain values. What the
        # zones cannot free (the vocabulary's table) goes with a fresh pipeline now and then.
        self.nlp_engine.renew_if_worn()
        with self.nlp_engine.get_nlp(self.language).memory_zone():
            found: list[list[RecognizerResult]] = []
            windows: list[tuple[int, tuple[int, int, str]]] = []  # (piece, window) for NER
            for i, (text, artifacts) in enumerate(zip(texts, self.nlp_engine.tokenize(texts))):
                with note_casing(text):  # what recognizers and NER ask about the piece, once
                    found.append(self._recognize(text, artifacts))
                    if self.ner is not None:
                        windows += ((i, window) for window in self._ner_windows(text, found[-1]))
            if windows:
                self._add_ner(windows, found, size)
            notes = [
                [_to_finding(r, offset) for r in results] for (offset, _), results in zip(pieces, found)
            ]
        results = iter(notes)
        piece_texts = iter(texts)
        for count, note_view in zip(counts, views):
            note: list[Finding] = []
            for _ in range(count):
                note += next(results)
            # A note's pieces are consecutive slices of its view: joined, they are the view.
            note_text = "".join(next(piece_texts) for _ in range(count))
            yield note_view.to_original(note + repeated(note_text, note))

    def _recognize(self, text: str, nlp_artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """What Presidio's `AnalyzerEngine.analyze` does, without its per-note overheads.

        The same steps: every recognizer; recognizer-level context enhancement (for recognizers
        that implement it); Presidio's lemma context enhancer, given only the results of
        recognizers that declare context words (it deep-copies whatever it is given, which was a
        fifth of deid's time); per-recognizer score thresholds; duplicates removed.
        """
        if not text.strip():
            return []
        by_recognizer: list[tuple[EntityRecognizer, list[RecognizerResult]]] = []
        for recognizer in self.registry.recognizers:
            found = _analyze(recognizer, text, self._entities, nlp_artifacts)
            for result in found:
                meta = result.recognition_metadata or {}
                meta.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                meta.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer.name)
                result.recognition_metadata = meta
            by_recognizer.append((recognizer, found))
        plain: list[RecognizerResult] = []
        with_context: list[RecognizerResult] = []
        for recognizer, found in by_recognizer:
            if found and _enhances_itself(recognizer):
                others = [r for rec, res in by_recognizer if rec is not recognizer for r in res]
                found = recognizer.enhance_using_context(text, found, others, nlp_artifacts, None)
            (with_context if recognizer.context else plain).extend(found)
        if with_context:
            plain += self._context.enhance_using_context(
                text, with_context, nlp_artifacts, self.registry.recognizers
            )
        kept = [r for r in plain if r.score >= _threshold(r, self._thresholds)]
        return EntityRecognizer.remove_duplicates(kept)

    def _ner_windows(self, text: str, found: list[RecognizerResult]) -> list[tuple[int, int, str]]:
        """The windows of a piece NER reads (`ner_windows`), as (start, end, window text).

        NER was trained on mixed-case text: lines written all in capitals or lower case are read
        with their case restored (`truecase`, same offsets). Not in clinical shorthand (ICU notes),
        where restored jargon reads like names to NER.
        """
        share = clinical_share(text)
        restored = text if share >= RESTORED_SHARE else truecase(text)
        return [
            (start, end, restored[start:end])
            for start, end in ner_windows(restored, [(r.start, r.end) for r in found], share)
        ]

    def _add_ner(self, windows: list[tuple[int, tuple[int, int, str]]], found: list[list[RecognizerResult]], size: int) -> None:
        """NER on the pieces' windows, batched over them; its results join each piece's."""
        assert self.ner is not None
        entities = self.ner.supported_entities
        window_texts = [window for _, (_, _, window) in windows]
        for (i, (start, _, _)), text, artifacts in zip(
            windows, window_texts, self.nlp_engine.recognize(window_texts, size)
        ):
            for result in _analyze(self.ner, text, entities, artifacts):
                result.start += start
                result.end += start
                found[i].append(result)

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
                out.append(NoteSpacyRecognizer(
                    supported_language=self.language, supported_entities=entities, name=name
                ))
            elif name == "IbanRecognizer":
                # People write IBANs in lower case too ("my iban is gb29nwbk..."); the checksum,
                # which Presidio validates on the upper-cased value, keeps them as precise.
                flags = re.DOTALL | re.MULTILINE | re.IGNORECASE
                out.append(cls(supported_language=self.language, regex_flags=flags))
            else:
                out.append(cls(supported_language=self.language))
        return out


def _enhances_itself(recognizer: EntityRecognizer) -> bool:
    return type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context


def _threshold(result: RecognizerResult, thresholds: dict[str, dict[str, float]]) -> float:
    """Presidio's per-recognizer score threshold for a result (by entity, else default, else 0)."""
    own = thresholds.get(result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY], {})
    return own.get(result.entity_type, own.get("default", 0.0))


def _analyze(recognizer: EntityRecognizer, text: str, entities: list[str], artifacts: NlpArtifacts) -> list[RecognizerResult]:
    """One recognizer's results on one text; any failure becomes RecognizerError (the recognizer's
    name and the exception type). The original exception is dropped, not chained: its message,
    args or `.object` may quote the note."""
    try:
        return list(recognizer.analyze(text=text, entities=entities, nlp_artifacts=artifacts) or ())
    except Exception as exc:  # noqa: BLE001 - any plug-in failure becomes one text-free error
        failed = type(exc).__name__
    # Raised outside the except block so the new error has no __context__ holding the original.
    raise RecognizerError(recognizer.name, failed)


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


def load_nlp_engine(config: EngineConfig) -> NoteNlpEngine:
    """deid's spaCy engine on the configured model, loaded (an error if the model is not installed)."""
    ner = NerModelConfiguration(
        model_to_presidio_entity_mapping=dict(config.ner_entity_mapping),
        labels_to_ignore=list(config.ner_labels_to_ignore),
        low_score_entity_names=[],
    )
    engine = NoteNlpEngine(config.model, config.language, ner)
    engine.load()
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
