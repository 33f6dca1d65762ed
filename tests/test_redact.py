"""The library entry point: deid.redact() and Redactor, each policy on crafted notes."""

from __future__ import annotations

import logging

import pytest

import deid
from deid import KeyRequiredError

NOTE = (
    "Client Dana Whitfield (DOB 04/02/1988, MRN 00731942, member ID XJH448120977) was seen 03/14/2025.\n"
    "Her husband Marcus lost his job. Call her at (619) 555-0147 ext 12.\n"
    "She lives at 4120 Alder Ridge Rd, San Diego, CA 92117. Her grandmother is 93 yo.\n"
    "PHQ-9 of 14; sertraline 50 mg. Seen by Dr. Priya Raman.\n"
)
KNOWN = {"PATIENT": "Dana Whitfield", "MRN": "00731942", "MEMBER_ID": "XJH448120977", "DOB": "1988-04-02"}


def spans_by_type(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in result.spans:
        out.setdefault(s.entity_type, []).append(NOTE[s.start : s.end])
    return out


def test_issue_example(make_redactor) -> None:
    """The example of the issue: relative, phone with extension and date are all redacted."""
    text = "Pt's husband Tom Reyes called 619-549-0329 ext 0 on 3/14/2025."
    result = make_redactor("research").redact(text)
    for value in ("Tom", "Reyes", "619", "0329", "3/14"):
        assert value not in result.text
    assert {s.entity_type for s in result.spans} >= {"RELATIVE", "PHONE_NUMBER", "DATE"}
    phone = next(s for s in result.spans if s.entity_type == "PHONE_NUMBER")
    assert text[phone.start : phone.end] == "619-549-0329 ext 0"


def test_spans_are_in_original_coordinates(make_redactor) -> None:
    """Every span indexes the original text, carries its recognizer and action, and spans do not overlap."""
    result = make_redactor("research").redact(NOTE, known=KNOWN)
    assert result.spans
    for s in result.spans:
        assert 0 <= s.start < s.end <= len(NOTE)
        assert NOTE[s.start : s.end].strip() == NOTE[s.start : s.end]
        assert s.recognizer and s.action in {"remove", "generalize"}
        assert 0 < s.score <= 1
    assert all(a.end <= b.start for a, b in zip(result.spans, result.spans[1:]))


def test_research_removes_every_identifier(make_redactor) -> None:
    """Under research no name, contact, ID, street, city or full date survives; years and 90+ do."""
    result = make_redactor("research").redact(NOTE, known=KNOWN)
    for value in ("Dana", "Whitfield", "Marcus", "555-0147", "00731942", "XJH448120977", "Alder", "San Diego",
                  "92117", "03/14", "04/02", "Priya", "Raman", "93"):
        assert value not in result.text, value
    assert "2025" in result.text and "1988" in result.text and "90+ yo" in result.text
    assert "CA 921" in result.text
    assert "PHQ-9 of 14" in result.text and "sertraline 50 mg" in result.text


def test_insurer_keeps_claim_fields_and_removes_others(make_redactor) -> None:
    """Insurer keeps client name, member ID, DOB, date of service and clinician; removes the husband and contacts."""
    result = make_redactor("insurer").redact(NOTE, known=KNOWN)
    for value in ("Dana Whitfield", "XJH448120977", "04/02/1988", "03/14/2025", "Priya Raman"):
        assert value in result.text, value
    for value in ("Marcus", "555-0147", "Alder", "San Diego", "00731942"):
        assert value not in result.text, value
    kept = {s.entity_type for s in result.spans if s.action == "keep"}
    assert {"PATIENT", "MEMBER_ID", "DOB", "CLINICIAN"} <= kept


def test_limited_data_set_keeps_dates_and_zip(make_redactor) -> None:
    """The limited data set keeps dates and ZIP but removes names and the street."""
    result = make_redactor("limited_data_set").redact(NOTE, known=KNOWN)
    assert "03/14/2025" in result.text and "92117" in result.text
    for value in ("Dana", "Marcus", "Alder", "555-0147"):
        assert value not in result.text, value


def test_consultation_surrogates_are_consistent_across_notes(make_redactor) -> None:
    """The same real name gets the same surrogate in different notes under one key; dates shift."""
    red = make_redactor("consultation", key="supervision-key")
    first = red.redact("Her husband Marcus Bell called on 03/14/2025.", patient_id="p1")
    second = red.redact("Marcus Bell was angry again. Her husband Marcus came too.", patient_id="p1")
    surrogate = first.text.split("husband ")[1].split(" called")[0]
    assert "Marcus" not in first.text + second.text
    assert surrogate.split()[0] in second.text
    assert "03/14/2025" not in first.text
    other_key = make_redactor("consultation", key="another-key").redact(
        "Her husband Marcus Bell called on 03/14/2025.", patient_id="p1"
    )
    assert other_key.text != first.text


def test_transform_writes_a_value_as_the_note_writes_it(make_redactor) -> None:
    """`transform` is the one value transform: a known column's cell becomes what the same value
    becomes inside a note (surrogate names, shifted dates), under the same key and patient."""
    red = make_redactor("consultation", key="supervision-key")
    note = red.redact("Her husband Marcus Bell called on 03/14/2025.", patient_id="p1")
    surrogate = note.text.split("husband ")[1].split(" called")[0]
    assert red.transform("Marcus Bell", "RELATIVE", "p1") == surrogate
    assert red.transform("03/14/2025", "DATE", "p1") in note.text
    assert make_redactor("research").transform("Marcus Bell", "RELATIVE") == "[RELATIVE]"


def test_policy_that_needs_a_key_fails_without_one(make_redactor) -> None:
    """Pseudonymizing without a key is refused with a clear message; there is no default key."""
    with pytest.raises(KeyRequiredError, match="consultation.*DEID_KEY"):
        make_redactor("consultation")


def test_key_from_environment(make_redactor, monkeypatch: pytest.MonkeyPatch) -> None:
    """DEID_KEY provides the key when none is passed."""
    monkeypatch.setenv("DEID_KEY", "env-key")
    red = make_redactor("consultation")
    assert red.key_fingerprint == deid.Redactor("consultation", key="env-key", detector=red.detector).key_fingerprint
    assert "env-key" not in (red.key_fingerprint or "")


def test_redact_many_streams_in_order(make_redactor) -> None:
    """redact_many yields one result per input in order, with per-note known identifiers and ids."""
    texts = (f"Note {i}: client Ann Lee{i} called." for i in range(70))
    known = ({"PATIENT": f"Lee{i}"} for i in range(70))
    results = list(make_redactor("research").redact_many(texts, known=known, note_ids=(f"n{i}" for i in range(70)), batch_size=16))
    assert [r.note_id for r in results] == [f"n{i}" for i in range(70)]
    assert all(f"Lee{i}" not in r.text for i, r in enumerate(results))


def test_module_level_redact(monkeypatch: pytest.MonkeyPatch) -> None:
    """deid.redact works from any script with a policy name."""
    result = deid.redact("Client Ann Lee, DOB 04/02/1988.", policy="research", known={"PATIENT": "Ann Lee"})
    assert "Ann" not in result.text and "1988" in result.text


@pytest.mark.parametrize("text", ["", "   \n\t", "no identifiers here at all."])
def test_texts_without_findings(make_redactor, text: str) -> None:
    """Empty and identifier-free texts come back unchanged with no spans."""
    result = make_redactor("research").redact(text)
    assert result.text == text and result.spans == ()


@pytest.mark.parametrize("value", [None, 42, b"bytes", ["list"]])
def test_non_text_is_a_type_error_without_the_value(make_redactor, value) -> None:
    """A non-string note raises TypeError naming the type, not the value."""
    with pytest.raises(TypeError) as info:
        make_redactor("research").redact(value)
    assert str(info.value) == f"note text must be str, got {type(value).__name__}"


def test_long_notes_are_cut_without_losing_offsets(make_redactor) -> None:
    """A note longer than the chunk size is analysed in pieces with correct offsets."""
    filler = "The client discussed coping skills at length. " * 4000  # ~190k chars, two chunks
    text = filler + "Her husband Marcus Bell called 619-555-0147.\n" + filler
    result = make_redactor("research").redact(text)
    phone = [s for s in result.spans if s.entity_type == "PHONE_NUMBER"]
    assert [text[s.start : s.end] for s in phone] == ["619-555-0147"]
    assert "Marcus" not in result.text


def test_result_repr_and_logs_hold_no_text(make_redactor, caplog: pytest.LogCaptureFixture) -> None:
    """Neither the result's repr nor debug logs contain note text or detected values."""
    canary = "Zebulon Quakenbush"
    with caplog.at_level(logging.DEBUG, logger="deid"):
        result = make_redactor("insurer").redact(f"Client {canary} called 619-555-0147.", known={"PATIENT": canary})
    assert canary in result.text  # insurer keeps the client's name in the output itself
    assert "Zebulon" not in repr(result)
    assert caplog.records and all("Zebulon" not in r.getMessage() and "555-0147" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("iban", ["GB33BUKB20201555555555", "gb33bukb20201555555555", "Gb33Bukb20201555555555"])
def test_iban_in_any_case(make_redactor, iban: str) -> None:
    """An IBAN with a valid checksum is an account number however it is written."""
    text = f"Refund to my iban {iban} please."
    result = make_redactor("research").redact(text)
    assert iban not in result.text
    assert any(text[s.start : s.end] == iban for s in result.spans)


def test_a_new_redactor_has_loaded_what_notes_need() -> None:
    """Start-up loads every table: the first note imports no module (the country names once cost
    a third of a second there). In a fresh process, where no other test imported anything."""
    import subprocess
    import sys

    script = (
        "import sys, deid\n"
        "r = deid.Redactor('research')\n"
        "before = set(sys.modules)\n"
        "r.redact('Client moved from France to Tucson, AZ 85701. Her husband Tom called 619-555-0147 on 3/14/2025.')\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
