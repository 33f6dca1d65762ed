"""Properties of redaction that must hold for every input: no crash, sound spans, no known identifier left."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import deid
from deid.findings import Finding, resolve
from deid.decide.policy import Policy, Remove
from strategies import (
    Planted,
    calendar_dates,
    clinical_text,
    finding_lists,
    keys,
    name_words,
    notes,
    notes_with_known,
    written_dates,
)

# The detector fixture is session-scoped; only the autouse env-clearing fixture is per function,
# and it does the same thing for every example.
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FAST = settings(max_examples=500, deadline=None)

REMOVE_EVERYTHING = Policy(name="remove_everything", threshold=0.3, default_action=Remove())
# What generalize may write in place of each entity type it handles (else the entity's tag).
_GENERALIZED = {"DATE": r"\d{1,4}", "DOB": r"\d{1,4}", "AGE_OVER_89": r"90\+", "ZIP": r"\d{3}"}


def check_spans(text: str, spans: tuple[Finding, ...]) -> None:
    """Spans index the text, are non-empty, sorted and do not overlap."""
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end]
        assert s.action is not None
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def covered(spans: tuple[Finding, ...], position: int) -> bool:
    return any(s.start <= position < s.end and s.action != "keep" for s in spans)


# --------------------------------------------------------------------------------------------
# redact(): never raises, sound spans
# --------------------------------------------------------------------------------------------

@PROPERTY
@given(text=notes())
@example(text="a\ud800b Tom Reyes called 619-549-0329")  # lone surrogates crashed spaCy's tokenizer
def test_redact_never_raises_and_spans_are_sound(text: str) -> None:
    """deid.redact() accepts any str (lone surrogates included) and returns sorted, non-overlapping, in-bounds, non-empty spans."""
    result = deid.redact(text, policy="research")
    check_spans(text, result.spans)


@PROPERTY
@given(note=clinical_text(), policy=st.sampled_from(["research", "insurer", "limited_data_set", "consultation"]),
       patient=st.one_of(st.none(), st.text(max_size=8)))
# Shifting past year 9999 or before year 1 overflowed; "0/0" parsed as a date with month 0.
@example(note=Planted("Seen 12/31/9999, 1/1/0001, 9999-12-31, Jan 1, 0001 and 0/0."),
         policy="consultation", patient=None)
def test_every_policy_handles_any_clinical_text(make_redactor, note, policy: str, patient) -> None:
    """Under every bundled policy, clinical-looking text with names, phones and dates of any year redacts without error."""
    redactor = make_redactor(policy, key="property-test-key")
    result = redactor.redact(note.text, patient_id=patient)
    check_spans(note.text, result.spans)


# --------------------------------------------------------------------------------------------
# Known identifiers never leak
# --------------------------------------------------------------------------------------------

_ROW = {"PATIENT": "Qzab Qzaa", "MRN": "000000", "PHONE_NUMBER": "000-000-0000"}


@PROPERTY
@given(note=notes_with_known())
# An NER span over the end of the full name made resolve() drop the name, leaving "Qzab".
@example(note=Planted("02_Qzab Qzaa -Qzaa, Qzab ", ((3, 12, "PATIENT"), (14, 24, "PATIENT")), _ROW))
# The leftmost MRN match started at the filler's 0 and left the planted MRN's last digit.
@example(note=Planted("0 0-0-000-0 ", ((2, 11, "MRN"),), _ROW))
# Half of a double-barrelled surname alone was not searched for.
@example(note=Planted(" Qzab ", ((1, 5, "PATIENT"),), {**_ROW, "PATIENT": "Qzaa Qzab-Qzaa"}))
def test_known_identifiers_never_survive_research(make_redactor, note) -> None:
    """Under research every planted known name, MRN and phone is covered by a span, and no name part of 3+ letters is left in the output."""
    result = make_redactor("research").redact(note.text, known=note.known)
    check_spans(note.text, result.spans)
    for start, end, kind in note.spots:
        for i in range(start, end):
            if note.text[i].isalnum():
                assert covered(result.spans, i), f"{kind} character at {i} not redacted"
    output = result.text.casefold()
    for word in name_words(note.known):
        assert word.casefold() not in output, "a known name part survived"


# --------------------------------------------------------------------------------------------
# The output is the text with each span replaced by its action's output
# --------------------------------------------------------------------------------------------

@PROPERTY
@given(note=st.one_of(notes(), notes_with_known().map(lambda p: p.text)))
def test_remove_output_is_text_with_each_span_replaced_by_its_tag(make_redactor, note: str) -> None:
    """Under a remove-everything policy the output equals the original with every span replaced by [ENTITY]."""
    result = make_redactor(REMOVE_EVERYTHING).redact(note)
    pieces, cursor = [], 0
    for s in result.spans:
        assert s.action == "remove"
        pieces += [note[cursor : s.start], f"[{s.entity_type}]"]
        cursor = s.end
    pieces.append(note[cursor:])
    assert result.text == "".join(pieces)


@PROPERTY
@given(note=notes_with_known())
def test_research_output_is_text_with_each_span_replaced_by_its_rule(make_redactor, note) -> None:
    """Under research the output is the original text between spans, each span replaced by its tag or generalized value."""
    redactor = make_redactor("research")
    result = redactor.redact(note.text, known=note.known)
    parts, cursor = [], 0
    for s in result.spans:
        rule = redactor.policy.rule_for(s.entity_type)
        assert s.action == rule.action
        tag = re.escape(f"[{s.entity_type}]")
        if rule.action == "generalize":
            parts += [re.escape(note.text[cursor : s.start]), f"(?:{_GENERALIZED[s.entity_type]}|{tag})"]
        else:
            assert rule.action == "remove"
            parts += [re.escape(note.text[cursor : s.start]), tag]
        cursor = s.end
    parts.append(re.escape(note.text[cursor:]))
    assert re.fullmatch("".join(parts), result.text, re.DOTALL)


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------

@PROPERTY
@given(note=notes_with_known(fillers=clinical_text().map(lambda p: p.text)), key_a=keys(), key_b=keys())
def test_different_keys_give_different_pseudonyms(make_redactor, note, key_a, key_b) -> None:
    """Under consultation two different keys give different surrogates for the client's name."""
    assume(_raw(key_a) != _raw(key_b))
    assume(any(kind == "PATIENT" for _, _, kind in note.spots))
    a = make_redactor("consultation", key=key_a).redact(note.text, known=note.known, patient_id="p1")
    b = make_redactor("consultation", key=key_b).redact(note.text, known=note.known, patient_id="p1")
    assert a.spans == b.spans
    # The name may be inside a longer finding of another kind, removed whole (NER read the blob
    # "\U00068230Tom Reyes\U000b47b6Qzcf" as one LOCATION): then there is no surrogate to compare.
    assume(any(s.entity_type == "PATIENT" for s in a.spans))
    assert a.text != b.text


@PROPERTY
@given(date=calendar_dates(), form=st.data(), key_a=keys(), key_b=keys())
def test_different_keys_give_different_date_shifts(make_redactor, date, form, key_a, key_b) -> None:
    """Under consultation two different keys shift the same date of eight patients differently."""
    assume(_raw(key_a) != _raw(key_b))
    written = form.draw(written_dates(date))
    known = {"DOB": date.isoformat()}
    texts = [f"DOB {written}, seen today."] * 8
    patients = [f"p{i}" for i in range(8)]

    def shifted(key):
        results = make_redactor("consultation", key=key).redact_many(
            texts, patient_ids=patients, known=[known] * 8)
        return [r.text for r in results]

    assert shifted(key_a) != shifted(key_b)


@PROPERTY
@given(note=notes_with_known(fillers=clinical_text().map(lambda p: p.text)), key=keys(),
       patient=st.text(max_size=8))
def test_same_key_gives_identical_output(make_redactor, note, key, patient: str) -> None:
    """Two redactors with the same key, and one redactor called twice, give identical text and spans."""
    first = make_redactor("consultation", key=key)
    again = make_redactor("consultation", key=key)
    results = [r.redact(note.text, known=note.known, patient_id=patient) for r in (first, again, first)]
    assert len({(r.text, r.spans) for r in results}) == 1


def _raw(key: str | bytes) -> bytes:
    return key.encode("utf-8") if isinstance(key, str) else key


# --------------------------------------------------------------------------------------------
# resolve()
# --------------------------------------------------------------------------------------------

@FAST
@given(found=finding_lists())
def test_resolve_is_sorted_and_non_overlapping(found: list[Finding]) -> None:
    """Resolved findings are non-empty, sorted by start and never overlap."""
    out = resolve(found)
    assert all(f.end > f.start for f in out)
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))


@FAST
@given(found=finding_lists())
def test_resolve_stays_within_the_input_spans(found: list[Finding]) -> None:
    """Every character a resolved finding covers was covered by some input finding."""
    for f in resolve(found):
        for i in range(f.start, f.end):
            assert any(g.start <= i < g.end for g in found)


@FAST
@given(found=finding_lists())
@example(found=[Finding(0, 11, "PATIENT", 1.0, "Known"), Finding(6, 29, "ORGANIZATION", 0.85, "Ner")])
def test_resolve_covers_every_input_character(found: list[Finding]) -> None:
    """No character an input finding covers is left uncovered: a finding that loses part of its span keeps the rest."""
    out = resolve(found)
    for g in found:
        for i in range(g.start, g.end):
            assert any(f.start <= i < f.end for f in out)


@FAST
@given(found=finding_lists())
def test_resolve_is_idempotent(found: list[Finding]) -> None:
    """Resolving resolved findings changes nothing."""
    once = resolve(found)
    assert resolve(once) == once


@FAST
@given(found=finding_lists(), seed=st.integers())
@example(found=[Finding(0, 9, "RELATIVE", 0.9, "A"), Finding(0, 9, "CLINICIAN", 0.9, "B")], seed=1)
def test_resolve_is_order_independent(found: list[Finding], seed: int) -> None:
    """Any permutation of the input gives the same resolution."""
    shuffled = list(found)
    random.Random(seed).shuffle(shuffled)
    assert resolve(shuffled) == resolve(found)
