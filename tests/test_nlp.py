"""deid's spaCy engine: tokens only where Presidio's context step needs them, NER only on request, lookup lemmas."""

from __future__ import annotations

import pytest

from deid.detect.config import load_engine_config
from deid.detect.engine import load_nlp_engine


@pytest.fixture(scope="module")
def engine():
    return load_nlp_engine(load_engine_config())


def test_tokenize_gives_tokens_and_lookup_lemmas_but_no_entities(engine) -> None:
    text = "Maria Gonzalez phoned; her sisters were visiting Boston."
    artifacts = engine.tokenize([text])[0]
    assert [t.text for t in artifacts.tokens][:3] == ["Maria", "Gonzalez", "phoned"]
    assert artifacts.tokens_indices[1] == text.index("Gonzalez")
    assert "sister" in artifacts.lemmas and "visit" in artifacts.lemmas  # for Presidio's context words
    assert artifacts.entities == []


def test_recognize_runs_only_the_ner_pipeline(engine) -> None:
    """NER entities come back, mapped to deid's names; the tagger and parser never ran."""
    text = "Maria Gonzalez moved to Boston last year."
    artifacts = engine.recognize([text])[0]
    assert {(e.text, e.label_) for e in artifacts.entities} >= {("Maria Gonzalez", "PERSON")}
    assert not artifacts.tokens.has_annotation("TAG") and not artifacts.tokens.has_annotation("DEP")
    assert [e.text for e in engine.process_text(text, "en").entities] == [e.text for e in artifacts.entities]


def test_missing_model_is_a_clear_error_and_never_a_download() -> None:
    from deid.detect.config import EngineConfig
    from deid.errors import ConfigError

    with pytest.raises(ConfigError, match="never downloads"):
        load_nlp_engine(EngineConfig(model="en_core_web_nonexistent_model"))


def test_detection_does_not_grow_spacys_vocabulary(detector) -> None:
    """Every note brings new strings (names, numbers); a memory zone per batch frees them, so a
    long extract does not grow spaCy's string store without bound."""
    strings = detector.nlp_engine.get_nlp("en").vocab.strings
    notes = [f"Client Zqx{i:05d}vor met Ylm{i:05d}arq at Hospital{i:05d}; MRN {7310000 + i}." for i in range(200)]
    list(detector.detect_many(notes[:10]))
    before = len(strings)
    list(detector.detect_many(notes))
    assert len(strings) == before


def test_a_worn_pipeline_is_renewed_between_batches_with_the_same_findings(detector, monkeypatch) -> None:
    """spaCy's vocabulary table keeps a cell for every distinct word it read, memory zones or not:
    once `renew_after` words were added, the next batch runs on a freshly loaded pipeline, and
    finds what the worn one found."""
    engine = detector.nlp_engine
    notes = [f"Met with Zqx{i:05d}vor Okafor; her sister Ylm{i:05d}arq called from Tucson." for i in range(40)]
    before = [sorted((f.start, f.end, f.entity_type) for f in found) for found in detector.detect_many(notes)]
    worn = engine.get_nlp("en")
    assert len(worn.vocab) > 0 and not engine.renew_if_worn()  # far from the default threshold
    monkeypatch.setattr(engine, "renew_after", 20)
    after = [sorted((f.start, f.end, f.entity_type) for f in found) for found in detector.detect_many(notes, batch_size=8)]
    assert engine.get_nlp("en") is not worn
    assert after == before


@pytest.mark.parametrize(
    "text",
    [
        "Zip 60614.",
        "Her zip code is 60614 and she lives there.",
        "She lives at 12 Main St, Springfield IL 60614 with her aunt.",
        "filler " * 80 + "Address: 12 Main St, Springfield IL 60614. " + "more " * 80,
        "Address\n" + "note " * 70 + "IL 60614",
        "Her new home on the lake, WI 53703",
    ],
)
def test_context_from_a_window_scores_as_presidio_does(detector, text: str) -> None:
    """Presidio's enhancer read the whole note's tokens; the window before each result gives the same scores."""
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    from deid.detect.nlp import WindowContextEnhancer

    engine = detector.nlp_engine
    recognizers = [r for r in detector.registry.recognizers if r.name == "ZipCodeRecognizer"]
    results = recognizers[0].analyze(text, ["US_ZIP_CODE", "ZIP_CODE"], None)
    assert results
    ours = WindowContextEnhancer(engine).enhance_using_context(text, results, engine.tokenize([text])[0], recognizers)
    whole_note = engine.tokenize([text])[0]  # the whole note's tokens, with the same lookup lemmas
    presidio = LemmaContextAwareEnhancer().enhance_using_context(text, results, whole_note, recognizers)
    assert [(r.start, r.end, r.score) for r in ours] == [(r.start, r.end, r.score) for r in presidio]
