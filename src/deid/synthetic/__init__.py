"""Seeded generator of synthetic psychotherapy notes with exact gold spans.

Every note is assembled from pieces; an identifier is appended through ``note.Builder.ent`` which
records its offsets at the moment it is written, so gold spans are exact by construction (we never
search for a value afterwards). Literal template text never contains an identifier, and it is
full of precision traps (medications, scale scores, ICD/CPT codes, times, therapy names, weekdays,
months alone, relative time, ages under 90, states, role words) that carry no span.

The package: `banks` (word banks and templates, loaded from `banks.yaml` and `templates.yaml`),
`people` (a patient and the people around them), `note` (the note being written), `slots` (what
each template slot writes), `kinds` (progress notes and transcripts); the API is here.

Span conventions (what the gold covers):

* names: the name only, without titles or credentials ("Dr. [Lee]", "[J. Park], LCSW",
  "her husband [Tom Reyes]", "[Smith, Jane]" as one span);
* labelled identifiers: the value only ("MRN: [00123456]", "DOB: [04/02/1988]");
* phones and faxes: the number including an extension ("[619-549-0329 ext 12]");
* addresses: street line (with apartment/suite), city and ZIP are separate spans; the state is
  not an identifier;
* ages over 89: the number only ("[92] yo", "[ninety-one] year old");
* dates: the whole date expression ("[March 14, 2025]", "[Mar 14th]"); weekdays, months alone,
  years alone and relative expressions are never dates here.

Determinism: note ``i`` depends only on ``(seed, i)`` and its patient on ``(seed, patient index)``,
using private ``random.Random`` instances and a ``faker.Faker("en_US")`` re-seeded per patient and
per note, so the first k notes of ``generate_notes(n, seed)`` equal ``generate_notes(k, seed)``.
All text is ASCII, so the upper/lower case variants keep every offset.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import faker as _faker

from deid.synthetic.banks import TRAP_STRINGS
from deid.synthetic.kinds import progress, transcript
from deid.synthetic.note import Note
from deid.synthetic.people import Patient

__all__ = [
    "ENTITY_TYPES",
    "TRAP_STRINGS",
    "GoldSpan",
    "SyntheticNote",
    "generate_notes",
    "to_gold_record",
    "write_gold_jsonl",
]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold identifier: character offsets into ``SyntheticNote.text`` and its entity type."""

    start: int
    end: int
    entity_type: str


@dataclass(frozen=True, slots=True)
class SyntheticNote:
    """A generated note with its gold spans and the structured columns of its row."""

    note_id: str
    patient_id: str
    kind: str
    case: str
    text: str
    spans: tuple[GoldSpan, ...]
    row: dict[str, str]


# The entity types this generator emits (all of our vocabulary).
ENTITY_TYPES: tuple[str, ...] = (
    "PATIENT", "RELATIVE", "CLINICIAN", "PERSON", "PHONE_NUMBER", "FAX", "EMAIL_ADDRESS", "URL",
    "IP_ADDRESS", "US_SSN", "MRN", "MEMBER_ID", "ACCOUNT_ID", "STREET_ADDRESS", "CITY", "ZIP",
    "LOCATION", "DATE", "DOB", "AGE_OVER_89", "ORGANIZATION", "FACILITY",
)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
KIND_W = {"progress": 0.6, "transcript": 0.4}
CASE_W = {"mixed": 0.8, "upper": 0.1, "lower": 0.1}


def weighted_choice(rng: random.Random, options: tuple[str, ...], weights: dict[str, float]) -> str:
    # Always exactly one draw, so restricting kinds/cases does not shift the rest of the note.
    ws = [weights.get(o, 1.0) for o in options]
    x = rng.random() * sum(ws)
    for o, w in zip(options, ws):
        x -= w
        if x < 0:
            return o
    return options[-1]


def generate_notes(n: int, seed: int = 0, *, kinds=("progress", "transcript"),
                   cases=("mixed", "upper", "lower"), notes_per_patient: int = 4
                   ) -> Iterator[SyntheticNote]:
    """Yield ``n`` synthetic notes; note ``i`` depends only on ``(seed, i)`` (prefix-stable)."""
    kinds, cases = tuple(kinds), tuple(cases)
    for k in kinds:
        if k not in KIND_W:
            raise ValueError(f"unknown kind {k!r}; expected 'progress' or 'transcript'")
    for c in cases:
        if c not in CASE_W:
            raise ValueError(f"unknown case {c!r}; expected 'mixed', 'upper' or 'lower'")
    if not kinds or not cases or notes_per_patient < 1:
        raise ValueError("kinds and cases must be non-empty and notes_per_patient >= 1")
    fake = _faker.Faker("en_US")
    patient: Patient | None = None
    patient_idx = -1
    for i in range(n):
        p = i // notes_per_patient
        if p != patient_idx:
            patient = Patient(seed, p, notes_per_patient, fake)
            patient_idx = p
        assert patient is not None
        rng = random.Random(f"deid-synthetic/{seed}/note/{i}")
        fake.seed_instance(seed * 1_000_003 + i)
        kind = weighted_choice(rng, kinds, KIND_W)
        case = weighted_choice(rng, cases, CASE_W)
        note = Note(rng, fake, patient, i % notes_per_patient)
        (progress if kind == "progress" else transcript)(note)
        text = "".join(note.b.parts)
        if not text.isascii():  # pragma: no cover - guarded by construction
            raise AssertionError("synthetic text must be ASCII to keep offsets in case variants")
        if case == "upper":
            text = text.upper()
        elif case == "lower":
            text = text.lower()
        pt = patient
        row = {
            "client_name": f"{pt.first} {pt.last}",
            "mrn": pt.mrn,
            "member_id": pt.member,
            "dob": pt.dob.isoformat(),
            "phone": f"{pt.phone[:3]}-{pt.phone[3:6]}-{pt.phone[6:]}",
            "clinician": f"{pt.clin.first} {pt.clin.last}",
            "date_of_service": note.dos.isoformat(),
            "roi_signed": "true" if pt.roi else "false",
            "research_consent": "true" if pt.research else "false",
        }
        yield SyntheticNote(
            note_id=f"n{i + 1:06d}",
            patient_id=pt.pid,
            kind=kind,
            case=case,
            text=text,
            spans=tuple(GoldSpan(s, e, t) for s, e, t in note.b.spans),
            row=row,
        )


def to_gold_record(note: SyntheticNote) -> dict:
    """The note as a gold JSON record: id, patient, text and spans with start/end/label."""
    return {
        "id": note.note_id,
        "patient": note.patient_id,
        "text": note.text,
        "spans": [{"start": s.start, "end": s.end, "label": s.entity_type} for s in note.spans],
    }


def write_gold_jsonl(path: str | os.PathLike, notes: Iterable[SyntheticNote]) -> int:
    """Write notes as gold JSON Lines (one record per line) and return how many were written."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for note in notes:
            fh.write(json.dumps(to_gold_record(note), ensure_ascii=True))
            fh.write("\n")
            count += 1
    return count
