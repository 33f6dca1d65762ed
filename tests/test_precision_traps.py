"""Issue 4's precision traps: clinical text that looks like identifiers is never flagged, in any case."""

from __future__ import annotations

import pytest

TRAPS = {
    "medications and doses": "Continue sertraline 50 mg daily; Zoloft was stopped, Lexapro 10mg qhs PRN.",
    "scale scores": "PHQ-9 of 14 today, GAD-7 = 9, PCL-5: 38.",
    "diagnosis codes": "Dx: F41.1 Generalized anxiety disorder; F33.1 MDD, recurrent, moderate.",
    "procedure codes": "CPT 90837, add-on 90785.",
    "times": "Session 10:30 to 11:20; next at 0800.",
    "vitals and labs": "BP 128/82, HR 74, RR 16, T 98.6, SpO2 97%, Na 139, K 4.1, Hgb 12.9.",
    "therapy names": "Worked on CBT skills, EMDR phase 3 and DBT diary cards.",
    "weekdays and months": "Seen Tuesday. Plans for the summer and for March are unchanged.",
    "abbreviations in capitals": "NPO after midnight. PRN ativan for SOB. S/P CABG, HTN, COPD.",
    "relative time": "Last Tuesday she slept poorly; last week was better.",
    "speaker labels and fillers": "Therapist: How was the week?\nClient: Um, yeah, it was okay. I'm gonna try.",
}


@pytest.mark.parametrize("case", ["as written", "upper", "lower"])
@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_trap_is_not_flagged(detector, trap: str, case: str) -> None:
    """Medications, scores, codes, times, vitals, therapy names, dates without a day and talk are no identifiers."""
    text = TRAPS[trap]
    text = {"as written": text, "upper": text.upper(), "lower": text.lower()}[case]
    flagged = [(f.entity_type, f.recognizer) for f in detector.detect(text)]
    assert flagged == [], flagged  # types and recognizers only: no text in test output
