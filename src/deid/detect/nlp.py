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
    """A Presidio `SpacyNlpEngine` whose pipeline is NER alone (Presidio's `process_text` and
    `process_batch` run it, through its public entry points); every note is only tokenized, lazily
    (`tokenize`), and NER is asked for on the windows that need it (`recognize`)."""

    # spaCy's vocabulary keeps a hash-table cell for every distinct word it ever read, memory zones
    # or not: a zone's words are marked deleted, their cells still count toward the table's fill,
    # and the table doubles. Over millions of notes that was the process's native memory creep
    # (2 million made-up words in memory zones: +100 MiB). A fresh pipeline once this many words
    # were added to the vocabulary (about 50,000 notes; loading takes half a second) bounds it.
    renew_after = 1_000_000

    def __init__(self, model: str, language: str, ner: NerModelConfiguration) -> None:
        super().__init__(models=[{"lang_code": language, "model_name": model}], ner_model_configuration=ner)
        self.model = model
        self.language = language
        self._lemmas: dict[str, str] = {}
        self._vocab_at_load = 0

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
        # Only NER, and the embedding layer it listens to, runs when a text is processed; the other
        # components (tagger, parser, lemmatizer) stay loaded but disabled.
        ner = _ner_pipeline(nlp)
        for name in nlp.pipe_names:
            if name not in ner:
                nlp.disable_pipe(name)
        self.nlp = {self.language: nlp}
        self._lemmas = lemma_table(nlp.lang)
        self._vocab_at_load = len(nlp.vocab)

    def renew_if_worn(self) -> bool:
        """Load the pipeline afresh when `renew_after` words were added to its vocabulary since it
        was loaded (see `renew_after`); call it outside any memory zone. Whether it was renewed."""
        if len(self.get_nlp(self.language).vocab) - self._vocab_at_load < self.renew_after:
            return False
        self.load()
        return True

    @property
    def has_ner(self) -> bool:
        """Whether the model has an entity recognizer at all."""
        return NER in self.get_nlp(self.language).pipe_names

    def tokenize(self, texts: Iterable[str]) -> list[NlpArtifacts]:
        """Tokens and lookup lemmas for each text, no entities: the fast path every note takes.

        The tokens are made on first use: only Presidio's context step reads them, for the few
        notes where a recognizer with context words found something (tokenizing every note was
        a twelfth of deid's time).
        """
        return [_LazyArtifacts(self, text) for text in texts]

    def recognize(self, texts: list[str], batch_size: int = 32) -> list[NlpArtifacts]:
        """Tokens and NER entities for each text, through Presidio's `process_batch`."""
        return [artifacts for _, artifacts in self.process_batch(texts, self.language, batch_size=batch_size)]

    # Asked per token: computed by spaCy's own lexical attribute functions, without looking the
    # word up in the vocabulary (that would add it for good) and without a cache of note words.
    def is_stopword(self, word: str, language: str) -> bool:  # noqa: D102
        return self.get_nlp(language).vocab.lex_attr_getters[IS_STOP](word)

    def is_punct(self, word: str, language: str) -> bool:  # noqa: D102
        # Punctuation is every character in a P* category: a word starting with a letter or digit is not.
        return not word[:1].isalnum() and self.get_nlp(language).vocab.lex_attr_getters[IS_PUNCT](word)

    def lemma(self, word: str) -> str:
        """The lookup lemma of a lower-case word."""
        return self._lemmas.get(word, word)


class _LazyArtifacts(NlpArtifacts):
    """Presidio's NlpArtifacts whose token offsets, lemmas and keywords are computed on first use.

    Only Presidio's context step reads them, for the few results of recognizers with context
    words; computing them for every note was a tenth of deid's time.
    """

    def __init__(self, engine: NoteNlpEngine, text: str) -> None:
        # NlpArtifacts.__init__ would tokenize, lemmatize and find the keywords at once: here each
        # is made on first use. No entities: NER runs through `NoteNlpEngine.recognize`.
        self.text = text
        self.entities = []
        self.scores = []
        self.nlp_engine = engine

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


def _ner_pipeline(nlp: Language) -> set[str]:
    """The NER component and any shared embedding layer it listens to."""
    if NER not in nlp.pipe_names:
        return set()
    return {NER} | {name for name, pipe in nlp.pipeline if NER in getattr(pipe, "listening_components", ())}
