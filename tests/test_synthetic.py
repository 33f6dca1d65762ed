"""Tests for the seeded synthetic note generator (deid.synthetic)."""

from __future__ import annotations

import json
import re
import time
from collections import Counter

import pytest

from deid.entities import ENTITIES
from deid.synthetic import (
    ENTITY_TYPES,
    TRAP_STRINGS,
    GoldSpan,
    SyntheticNote,
    generate_notes,
    to_gold_record,
    write_gold_jsonl,
)

N = 300


@pytest.fixture(scope="module")
def notes() -> list[SyntheticNote]:
    """Three hundred notes from seed 0, shared by the tests of this module."""
    return list(generate_notes(N, seed=0))


def _span_text(note: SyntheticNote, s: GoldSpan) -> str:
    return note.text[s.start:s.end]


def test_same_seed_same_output() -> None:
    """Two runs with the same seed produce identical notes."""
    assert list(generate_notes(60, seed=7)) == list(generate_notes(60, seed=7))


def test_prefix_property() -> None:
    """The first k notes of a longer run equal a run of k notes."""
    long = list(generate_notes(200, seed=3))
    short = list(generate_notes(37, seed=3))
    assert long[:37] == short


def test_different_seed_different_output() -> None:
    """Different seeds give different texts."""
    a = [n.text for n in generate_notes(20, seed=1)]
    b = [n.text for n in generate_notes(20, seed=2)]
    assert all(x != y for x, y in zip(a, b))


def test_ids_and_patients(notes: list[SyntheticNote]) -> None:
    """Note ids are sequential and several notes share each patient."""
    assert [n.note_id for n in notes[:3]] == ["n000001", "n000002", "n000003"]
    per_patient = Counter(n.patient_id for n in notes)
    assert notes[0].patient_id == "p0001"
    assert set(per_patient.values()) == {4}
    for n in notes:
        assert set(n.row) == {"client_name", "mrn", "member_id", "dob", "phone", "clinician",
                              "date_of_service", "roi_signed", "research_consent"}
        assert n.row["roi_signed"] in ("true", "false")
        assert n.row["research_consent"] in ("true", "false")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", n.row["dob"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", n.row["date_of_service"])


def test_text_is_ascii(notes: list[SyntheticNote]) -> None:
    """All generated text is ASCII so case variants keep offsets."""
    assert all(n.text.isascii() for n in notes)


def test_spans_well_formed(notes: list[SyntheticNote]) -> None:
    """Spans are sorted, non-overlapping, in range, non-empty and not padded with whitespace."""
    for n in notes:
        prev_end = 0
        for s in n.spans:
            assert 0 <= s.start < s.end <= len(n.text), (n.note_id, s)
            assert s.start >= prev_end, (n.note_id, s)
            t = _span_text(n, s)
            assert t.strip() == t and t, (n.note_id, s, t)
            assert s.entity_type in ENTITIES
            prev_end = s.end


def test_every_entity_type_appears(notes: list[SyntheticNote]) -> None:
    """Every entity type of the vocabulary appears in 300 notes (rare ones at least 3 times)."""
    counts = Counter(s.entity_type for n in notes for s in n.spans)
    assert set(ENTITY_TYPES) == set(ENTITIES)
    for etype in ENTITY_TYPES:
        assert counts[etype] >= 3, (etype, counts)
    for etype in ("PATIENT", "RELATIVE", "CLINICIAN", "DATE", "ORGANIZATION", "FACILITY"):
        assert counts[etype] >= 100, (etype, counts)


def test_kinds_and_cases_appear(notes: list[SyntheticNote]) -> None:
    """Both kinds and all three case variants appear."""
    assert {n.kind for n in notes} == {"progress", "transcript"}
    assert {n.case for n in notes} == {"mixed", "upper", "lower"}


def test_kinds_and_cases_can_be_restricted() -> None:
    """Restricting kinds and cases yields only the requested ones."""
    out = list(generate_notes(40, seed=5, kinds=("transcript",), cases=("lower",)))
    assert {n.kind for n in out} == {"transcript"}
    assert {n.case for n in out} == {"lower"}
    assert all(n.text == n.text.lower() for n in out)


def test_case_variants_keep_alignment(notes: list[SyntheticNote]) -> None:
    """Upper/lower notes equal the mixed-case note re-cased, with the same spans."""
    mixed = list(generate_notes(N, seed=0, cases=("mixed",)))
    checked = 0
    for n, m in zip(notes, mixed):
        assert n.spans == m.spans
        if n.case == "upper":
            assert n.text == m.text.upper()
        elif n.case == "lower":
            assert n.text == m.text.lower()
        else:
            assert n.text == m.text
            continue
        checked += 1
        for s in n.spans:
            expect = _span_text(m, s).upper() if n.case == "upper" else _span_text(m, s).lower()
            assert _span_text(n, s) == expect
    assert checked > 10


def test_patient_spans_match_row(notes: list[SyntheticNote]) -> None:
    """Every PATIENT span is the client's first, last or full name, and each note names the client."""
    for n in notes:
        first, last = n.row["client_name"].split(" ", 1)
        allowed = {first.lower(), last.lower(), f"{first} {last}".lower(), f"{last}, {first}".lower()}
        pats = [_span_text(n, s).lower() for s in n.spans if s.entity_type == "PATIENT"]
        assert pats, n.note_id
        assert set(pats) <= allowed, (n.note_id, pats)


def test_identifier_spans_match_row(notes: list[SyntheticNote]) -> None:
    """MRN and member-ID spans carry the row's values; DOB spans carry the row's date of birth."""
    seen = Counter()
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    for n in notes:
        y, m, d = (int(x) for x in n.row["dob"].split("-"))
        for s in n.spans:
            t = _span_text(n, s).lower()
            if s.entity_type == "MRN":
                assert t == n.row["mrn"].lower()
                seen["MRN"] += 1
            elif s.entity_type == "MEMBER_ID":
                assert t == n.row["member_id"].lower()
                seen["MEMBER_ID"] += 1
            elif s.entity_type == "DOB":
                nums = [int(x) for x in re.findall(r"\d+", t)]
                assert y in nums or (y % 100) in nums, (t, n.row["dob"])
                assert d in nums, (t, n.row["dob"])
                assert m in nums or months[m - 1] in t, (t, n.row["dob"])
                seen["DOB"] += 1
            elif s.entity_type == "PHONE_NUMBER":
                if re.sub(r"\D", "", t)[-10:] == re.sub(r"\D", "", n.row["phone"]):
                    seen["PHONE"] += 1
    assert seen["MRN"] > 50 and seen["MEMBER_ID"] > 20 and seen["DOB"] > 50 and seen["PHONE"] > 10


def test_clinician_named_in_progress_notes(notes: list[SyntheticNote]) -> None:
    """Each progress note names its row clinician under a CLINICIAN span."""
    for n in notes:
        if n.kind != "progress":
            continue
        last = n.row["clinician"].split(" ", 1)[1].lower()
        clins = [_span_text(n, s).lower() for s in n.spans if s.entity_type == "CLINICIAN"]
        assert any(c.endswith(last) for c in clins), (n.note_id, clins)


def test_age_over_89_spans_are_numbers(notes: list[SyntheticNote]) -> None:
    """AGE_OVER_89 spans are just the number, 90 or more, in digits or words."""
    for n in notes:
        for s in n.spans:
            if s.entity_type == "AGE_OVER_89":
                t = _span_text(n, s).lower()
                assert (t.isdigit() and int(t) >= 90) or t.startswith("ninety"), t


def _occurrences(text: str, needle: str):
    pat = r"(?<![A-Za-z0-9])" + re.escape(needle) + r"(?![A-Za-z0-9])"
    return [m.span() for m in re.finditer(pat, text, flags=re.IGNORECASE)]


def test_trap_strings_never_inside_spans(notes: list[SyntheticNote]) -> None:
    """No precision-trap string the generator writes overlaps a gold span, and each trap is used."""
    found = Counter()
    for n in notes:
        for trap in TRAP_STRINGS:
            for a, b in _occurrences(n.text, trap):
                found[trap] += 1
                for s in n.spans:
                    assert b <= s.start or a >= s.end, (n.note_id, trap, _span_text(n, s))
    unused = [t for t in TRAP_STRINGS if not found[t]]
    assert not unused, unused


def test_state_names_are_not_spans(notes: list[SyntheticNote]) -> None:
    """State names never carry a span."""
    for n in notes:
        for s in n.spans:
            assert _span_text(n, s).lower() not in {"california", "texas", "oregon", "ca", "tx"}


def test_to_gold_record_shape(notes: list[SyntheticNote]) -> None:
    """A gold record has id, patient, text and labelled spans."""
    rec = to_gold_record(notes[0])
    assert set(rec) == {"id", "patient", "text", "spans"}
    assert rec["id"] == notes[0].note_id and rec["patient"] == notes[0].patient_id
    assert rec["spans"][0] == {"start": notes[0].spans[0].start, "end": notes[0].spans[0].end,
                               "label": notes[0].spans[0].entity_type}


def test_write_gold_jsonl_round_trip(tmp_path, notes: list[SyntheticNote]) -> None:
    """Writing gold JSONL and reading it back gives the same records."""
    path = tmp_path / "gold.jsonl"
    assert write_gold_jsonl(path, iter(notes[:50])) == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [to_gold_record(n) for n in notes[:50]]


def test_invalid_arguments() -> None:
    """Unknown kinds or cases are rejected."""
    with pytest.raises(ValueError):
        list(generate_notes(1, kinds=("discharge",)))
    with pytest.raises(ValueError):
        list(generate_notes(1, cases=("title",)))


def test_generation_speed() -> None:
    """Generating 2,000 notes takes well under five seconds (loose sanity check)."""
    t0 = time.perf_counter()
    count = sum(1 for _ in generate_notes(2000, seed=11))
    assert count == 2000
    assert time.perf_counter() - t0 < 5.0
