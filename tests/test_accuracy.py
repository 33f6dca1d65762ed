"""Detection accuracy on gold data, as floors that catch regressions (targets are in issue 4).

The synthetic set uses a seed that rules were never tuned on. The PhysioNet development file is
read from ../shared/corpora when present (it is GPL data and never copied into the project).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deid.report.evaluate import EvalReport, evaluate, load_gold
from deid.synthetic import generate_notes, to_gold_record

PHYSIONET = Path(__file__).parents[2] / "shared" / "corpora" / "physionet-dev.jsonl"


def test_synthetic_therapy_notes(make_redactor) -> None:
    """On unseen synthetic progress notes and transcripts, recall and precision stay at their measured level."""
    records = [to_gold_record(n) for n in generate_notes(500, seed=20261123)]
    report = evaluate(records, make_redactor("research"))
    assert report.recall.ratio >= 0.99, report.to_dict(top=10)  # issue 4's target (measured 0.9923)
    assert report.precision.ratio >= 0.98, report.to_dict(top=10)  # measured 0.9889
    for label in ("RELATIVE", "PATIENT", "CLINICIAN", "PHONE_NUMBER", "DATE", "DOB", "MRN", "EMAIL_ADDRESS"):
        assert report.by_label[label].ratio >= 0.97, (label, report.by_label[label])


def test_transcripts_flag_few_words(make_redactor) -> None:
    """In session transcripts, almost everything flagged is an identifier (peers flag 20-47 per 1,000 tokens, mostly wrongly)."""
    notes = [n for n in generate_notes(120, seed=7) if n.kind == "transcript"]
    report = EvalReport()
    red = make_redactor("research")
    for note, result in zip(notes, red.redact_many([n.text for n in notes])):
        report.add(note.text, [(s.start, s.end, s.entity_type) for s in note.spans], [(s.start, s.end, s.entity_type) for s in result.spans])
    tokens = sum(len(n.text.split()) for n in notes)
    false_per_1000 = 1000 * (report.precision.total - report.precision.hit) / tokens
    assert false_per_1000 < 2.0, false_per_1000


@pytest.mark.skipif(not PHYSIONET.exists(), reason="shared/corpora/physionet-dev.jsonl is not beside the checkout")
def test_physionet_dev(make_redactor) -> None:
    """On real ICU nursing notes (often ALL CAPS), recall and precision stay at their measured level."""
    report = evaluate(load_gold(PHYSIONET), make_redactor("research"))
    # Issue 4's targets: recall >= 0.98 overall and >= 0.99 for names and phones, precision >= 0.85.
    assert report.recall.ratio >= 0.98, report.to_dict(top=10)  # measured 0.9815
    assert report.precision.ratio >= 0.865, report.to_dict(top=10)  # measured 0.8706 (0.8781 before issue 13's shape and case evidence)
    for label, floor in {"RelativeProxyName": 0.99, "PTName": 0.99, "HCPName": 0.99, "Phone": 0.99,
                         "Date": 0.99, "Location": 0.91}.items():
        assert report.by_label[label].ratio >= floor, (label, report.by_label[label])


ANNOMI = PHYSIONET.with_name("annomi-dev.jsonl")
PRESIDIO_SYNTH = PHYSIONET.with_name("presidio-synth-dev.jsonl")


@pytest.mark.skipif(not ANNOMI.exists(), reason="shared/corpora/annomi-dev.jsonl is not beside the checkout")
def test_therapy_conversations(make_redactor) -> None:
    """On real motivational-interviewing conversations, names are found and talk is not flagged (optional '?' labels aside)."""
    report = evaluate(load_gold(ANNOMI), make_redactor("research"))
    assert report.recall.ratio >= 0.98, report.to_dict(top=10)  # measured 0.9837 (0.9457 before issue 13)
    assert report.precision.ratio >= 0.80, report.to_dict(top=10)  # measured 0.8333 (0.5994 before the speaker-turn rule)


@pytest.mark.skipif(not PRESIDIO_SYNTH.exists(), reason="shared/corpora/presidio-synth-dev.jsonl is not beside the checkout")
def test_presidio_benchmark_sentences(make_redactor) -> None:
    """On Presidio's own benchmark (names and addresses of many countries, any case), recall and precision hold."""
    report = evaluate(load_gold(PRESIDIO_SYNTH), make_redactor("research"))
    assert report.recall.ratio >= 0.895, report.to_dict(top=10)  # measured 0.8967 (0.4764 before issue 13)
    assert report.precision.ratio >= 0.965, report.to_dict(top=10)  # measured 0.9705
    assert report.by_label["STREET_ADDRESS"].ratio >= 0.85, report.by_label["STREET_ADDRESS"]


def test_synthetic_notes_robust_to_case_and_names_of_other_cultures(make_redactor) -> None:
    """Recall barely moves when the notes are written in capitals or lower case, or their names come from other cultures."""
    from deid.report.robustness import variants

    records = [to_gold_record(n) for n in generate_notes(300, seed=20261123)]
    red = make_redactor("research")
    base = evaluate(records, red).recall.ratio
    for name, variant in variants(records).items():
        assert evaluate(variant, red).recall.ratio >= base - 0.012, name  # measured -0.003, -0.005, -0.004


@pytest.mark.skipif(not (ANNOMI.exists() and PRESIDIO_SYNTH.exists()), reason="shared/corpora is not beside the checkout")
def test_real_text_robust_to_case(make_redactor) -> None:
    """Real conversations and Presidio's sentences lose little recall in capitals or lower case."""
    from deid.report.robustness import recased

    red = make_redactor("research")
    for path, allowed in ((ANNOMI, 0.01), (PRESIDIO_SYNTH, 0.03)):  # measured -0.005/-0.005, -0.020/-0.023
        records = list(load_gold(path))
        base = evaluate(records, red).recall.ratio
        for case in ("upper", "lower"):
            assert evaluate(list(recased(records, case)), red).recall.ratio >= base - allowed, (path.name, case)
