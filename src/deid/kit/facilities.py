"""Kinds of health-care facility, and where a facility's name ends and its kind begins.

"Calvert Hospital", "Harbor View Counseling Center": the name identifies the place, the kind
("Hospital", "Counseling Center") only says what sort of place it is. Redaction takes the name
and leaves the kind ("transferred from [FACILITY] Hospital"), which keeps the note readable for
research and is how the PhysioNet reference annotations mark hospitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from deid.findings import Finding
from deid.kit.normalize import view
from deid.kit.patterns import compile_fast

# Alternatives of a regex, case-insensitive. "Memorial", "Regional", "General" and "VA" are
# kinds that also name ("MEMORIAL HOSPITAL"); they stay in a name.
NAMING_KINDS = r"memorial|regional|general|va|vamc"
GENERIC_KINDS = (
    r"hospital|medical\s+center|med\s+ctr|health\s+center|health\s+system|healthcare|clinic|"
    r"rehab(?:ilitation)?(?:\s+(?:center|hospital|facility))?|nursing\s+(?:home|center|facility)|"
    r"care\s+center|hospice|infirmary|urgent\s+care|emergency\s+room|er|"
    r"children'?s\s+hospital|psychiatric\s+(?:center|hospital)|behavioral\s+health(?:\s+center)?|treatment\s+center|"
    r"counseling\s+center|detox(?:\s+center)?|recovery\s+center|hosp|"
    r"wellness\s+center|psychological\s+services|counseling\s+services|"
    r"family\s+therapy|family\s+counseling|crisis\s+stabilization\s+unit|residential\s+treatment|inpatient\s+unit|"
    r"pavilion|crisis\s+center"
)
# Kinds too general to leave out: "Islamic Center", "Cancer Center", "Oak Street Practice".
_BROAD_KINDS = r"center|centre|practice"
FACILITY_KINDS = GENERIC_KINDS + "|" + NAMING_KINDS + "|" + _BROAD_KINDS

_TRAILING_KIND = compile_fast(rf"(?:^|[\s\-(]+)(?:{GENERIC_KINDS})\.?$", re.IGNORECASE)


def name_end(text: str, start: int, end: int) -> int:
    """End of the name in the facility text[start:end], its generic kind cut off ("Baltimore rehab
    hospital" -> "Baltimore"); `start` when the span is nothing but a kind ("hosp")."""
    kind = _TRAILING_KIND.search(text, start, end)
    return end if kind is None else kind.start()


def without_kinds(text: str, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Resolved findings with every FACILITY cut to its name; a bare kind is no finding."""
    for f in findings:
        if f.entity_type == "FACILITY":
            # The kind is looked for in the span's normalized view ("Hospitál", "Hos<ZWSP>pital").
            span = view(text[f.start : f.end])
            kept = name_end(span.text, 0, len(span.text))
            if kept == 0:
                continue
            end = f.start + span.span(0, kept)[1]
            f = replace(f, end=end) if end != f.end else f
        yield f
