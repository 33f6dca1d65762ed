"""Overlap resolution: deterministic, longer first, then higher score; names merge by role."""

from __future__ import annotations

from deid.findings import Finding, resolve


def F(start, end, entity, score=0.8, rec="r"):
    return Finding(start, end, entity, score, rec)


def test_longer_span_wins_then_higher_score() -> None:
    """Among overlapping non-name findings the longer one is kept; equal length goes to the higher score."""
    out = resolve([F(0, 12, "PHONE_NUMBER", 0.5), F(0, 8, "MRN", 0.99), F(20, 25, "ZIP", 0.4), F(20, 25, "MRN", 0.6)])
    assert [(f.start, f.end, f.entity_type) for f in out] == [(0, 12, "PHONE_NUMBER"), (20, 25, "MRN")]


def test_result_is_sorted_and_non_overlapping() -> None:
    """The output never overlaps and is ordered by start."""
    out = resolve([F(10, 20, "DATE"), F(0, 5, "CITY"), F(15, 30, "LOCATION"), F(4, 11, "ZIP")])
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))


def test_names_merge_into_the_union_with_the_context_role() -> None:
    """An NER PERSON span and a relative's name span become one RELATIVE covering both."""
    out = resolve([F(13, 22, "PERSON", 0.85), F(13, 16, "RELATIVE", 0.9)])
    assert [(f.start, f.end, f.entity_type) for f in out] == [(13, 22, "RELATIVE")]


def test_partial_client_match_does_not_make_a_longer_name_the_client() -> None:
    """A relative sharing the client's surname is not kept as the client (fail safe)."""
    out = resolve([F(0, 9, "PERSON", 0.85), F(4, 9, "PATIENT", 1.0)])
    assert [f.entity_type for f in out] == ["PERSON"]


def test_exact_client_match_wins_over_ner() -> None:
    """The client's known name covering the same span as NER's PERSON is the client."""
    out = resolve([F(0, 9, "PERSON", 0.85), F(0, 9, "PATIENT", 1.0)])
    assert [f.entity_type for f in out] == ["PATIENT"]


def test_resolution_is_order_independent() -> None:
    """Shuffled input gives the same result."""
    items = [F(0, 12, "PHONE_NUMBER", 0.5), F(0, 8, "MRN", 0.99), F(30, 39, "PERSON"), F(30, 33, "CLINICIAN", 0.9)]
    assert resolve(items) == resolve(list(reversed(items)))
