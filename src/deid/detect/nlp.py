"""spaCy for notes: the tokenizer where Presidio's context step needs it, NER only on the text that needs it.

Vanilla Presidio runs spaCy's whole pipeline (tagger, parser, lemmatizer, NER) on every note, and
that pipeline is nearly all of its cost. deid's recognizers read the text itself; Presidio's
context words need tokens and lemmas, and NER is needed only where a capitalized word is left
unexplained (`deid.detect.ner.ner_windows`). So a note is tokenized only when a recognizer with context
words found something in it, lemmas come from spaCy's lookup table, and only the NER component
(with the embedding layer it listens to, if any) runs, on those windows alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import spacy
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from deid.errors import ConfigError
from deid.kit.lexicon import lemma_table

NER = "ner"


class NoteNlpEngine(SpacyNlpEngine):
    """A Presidio `SpacyNlpEngine` whose batch path tokenizes only; NER is asked for separately."""

    def __init__(self, model: str, language: str, ner: NerModelConfiguration) -> None:
        super().__init__(models=[{"lang_code": language, "model_name": model}], ner_model_configuration=ner)
        self.model = model
        self.language = language
        self._ner_pipes: list[tuple[str, object]] = []
        self._lemmas: dict[str, str] = {}

    def load(self) -> None:
        """Load the model from disk; never download it (Presidio's `load` would)."""
        if not (spacy.util.is_package(self.model) or Path(self.model).exists()):
            raise ConfigError(
                f"spaCy model {self.model!r} is not installed (deid never downloads at run time); "
                "install it with pip or set 'model' in the engine config / $DEID_MODEL"
            )
        try:
            nlp = spacy.load(self.model)
        except OSError as exc:
            raise ConfigError(f"cannot load spaCy model {self.model!r}: {exc}") from None
        self.nlp = {self.language: nlp}
        self._ner_pipes = _ner_pipeline(nlp)
        self._lemmas = lemma_table(nlp.lang)

    @property
    def has_ner(self) -> bool:
        """Whether the model has an entity recognizer at all."""
        return bool(self._ner_pipes)

    def tokenize(self, texts: Iterable[str]) -> list[NlpArtifacts]:
        """Tokens and lookup lemmas for each text, no entities: the fast path every note takes.

        The tokens are made on first use: only Presidio's context step reads them, for the few
        notes where a recognizer with context words found something (tokenizing every note was
        a twelfth of deid's time).
        """
        return [_LazyArtifacts(self, text) for text in texts]

    def recognize(self, texts: list[str], batch_size: int = 32) -> list[NlpArtifacts]:
        """Tokens, lemmas and NER entities for each text."""
        nlp = self.get_nlp(self.language)
        docs: Iterable[Doc] = nlp.tokenizer.pipe(texts)
        for _, pipe in self._ner_pipes:
            docs = pipe.pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
        return [self._artifacts(doc) for doc in docs]

    # Presidio's own entry points give the full picture (tokens and entities), as before.
    def process_text(self, text: str, language: str) -> NlpArtifacts:  # noqa: D102
        return self.recognize([text])[0]

    def process_batch(self, texts, language, batch_size=1, n_process=1, as_tuples=False):  # noqa: D102
        if as_tuples:
            texts, contexts = zip(*texts) if texts else ((), ())
            for text, art, ctx in zip(texts, self.recognize(list(texts), batch_size), contexts):
                yield text, art, ctx
        else:
            texts = [str(t) for t in texts]
            yield from zip(texts, self.recognize(texts, batch_size))

    # Asked per token: computed by spaCy's own lexical attribute functions, without looking the
    # word up in the vocabulary (that would add it for good) and without a cache of note words.
    def is_stopword(self, word: str, language: str) -> bool:  # noqa: D102
        return self.get_nlp(language).vocab.lex_attr_getters[IS_STOP](word)

    def is_punct(self, word: str, language: str) -> bool:  # noqa: D102
        # Punctuation is every character in a P* category: a word starting with a letter or digit is not.
        return not word[:1].isalnum() and self.get_nlp(language).vocab.lex_attr_getters[IS_PUNCT](word)

    def _artifacts(self, doc: Doc) -> NlpArtifacts:
        entities = self._get_entities(doc)
        entities, scores = self._get_updated_entities(entities, self._get_scores_for_entities(doc))
        return _LazyArtifacts(self, doc.text, doc, entities, scores)

    def lemma(self, word: str) -> str:
        """The lookup lemma of a lower-case word."""
        return self._lemmas.get(word, word)


class _LazyArtifacts(NlpArtifacts):
    """Presidio's NlpArtifacts whose token offsets, lemmas and keywords are computed on first use.

    Only Presidio's context step reads them, for the few results of recognizers with context
    words; computing them for every note was a tenth of deid's time.
    """

    def __init__(
        self, engine: NoteNlpEngine, text: str, doc: Doc | None = None, entities: list | None = None,
        scores: list[float] | None = None,
    ) -> None:
        # NlpArtifacts.__init__ would compute the keywords at once: set its fields here instead.
        self.text = text
        self.entities = entities or []
        if doc is not None:
            self.tokens = doc
        self.nlp_engine = engine
        self.scores = scores if scores else [0.85] * len(self.entities)

    @cached_property
    def tokens(self) -> Doc:  # type: ignore[override]
        return self.nlp_engine.get_nlp(self.nlp_engine.language).tokenizer(self.text)

    @cached_property
    def _columns(self) -> list[list[int]]:
        return self.tokens.to_array([LOWER, IDX]).tolist() if len(self.tokens) else []

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return [idx for _, idx in self._columns]

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        strings = self.tokens.vocab.strings
        return [self.nlp_engine.lemma(strings[lower]) for lower, _ in self._columns]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return self.set_keywords(self.nlp_engine, self.lemmas, self.nlp_engine.language)


_WHITESPACE = re.compile(r"\s")


class WindowContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, given only the text before each result.

    Its context is the last few words before a match that are no stop words (5, and the match's
    own); reading them, it tokenized and lemmatized the whole note. Each result here gets a window
    instead: from a whitespace `WINDOW` characters or more before it to the first whitespace after
    it. spaCy splits on whitespace before anything else, so the window's tokens are the note's own.
    """

    WINDOW = 300

    def __init__(self, engine: NoteNlpEngine) -> None:
        super().__init__()
        self.engine = engine

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Each result enhanced by the words in its window (Presidio's rules, unchanged)."""
        out = []
        for result in raw_results:
            lo = result.start - self.WINDOW
            begin = 0 if lo <= 0 else max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo)) + 1
            after = _WHITESPACE.search(text, result.end)
            window = text[begin : after.start() if after else len(text)]
            shifted = copy.copy(result)
            shifted.start, shifted.end = result.start - begin, result.end - begin
            (enhanced,) = super().enhance_using_context(
                window, [shifted], _LazyArtifacts(self.engine, window), recognizers, context
            )
            enhanced.start, enhanced.end = result.start, result.end
            out.append(enhanced)
        return out


def _ner_pipeline(nlp: Language) -> list[tuple[str, object]]:
    """The NER component and any shared embedding layer it listens to, in pipeline order."""
    if NER not in nlp.pipe_names:
        return []
    feeds = {
        name for name, pipe in nlp.pipeline
        if NER in getattr(pipe, "listening_components", ())
    }
    return [(name, pipe) for name, pipe in nlp.pipeline if name == NER or name in feeds]
