"""Facilities (hospitals, clinics, units) and organizations (employers, schools, churches).

A facility or organization is a run of name-like words ending in a kind word ("Calvert
Hospital", "St. Mary's Medical Center", "Jefferson Elementary School", "Acme Corp"), or a
capitalized run after an employment or schooling phrase ("works at Halvorsen Logistics").
Name-like words are capitalized (or any word in an ALL-CAPS note) and not ordinary English words,
so "transferred from the hospital" finds nothing.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from deid.casing import MIXED, case_regime
from deid.clinical_terms import is_clinical_term
from deid.name_lexicon import is_common_word

_FACILITY_KINDS = (
    r"hospital|medical\s+center|med\s+ctr|health\s+center|health\s+system|healthcare|clinic|"
    r"rehab(?:ilitation)?(?:\s+(?:center|hospital|facility))?|nursing\s+(?:home|center|facility)|"
    r"care\s+center|hospice|infirmary|urgent\s+care|emergency\s+room|er|"
    r"psychiatric\s+(?:center|hospital)|behavioral\s+health(?:\s+center)?|treatment\s+center|"
    r"counseling\s+center|detox|recovery\s+center|va|vamc|memorial"
)
_ORG_KINDS = (
    r"llc|corporation|company|group|bank|university|college|school|high\s+school|"
    r"middle\s+school|elementary(?:\s+school)?|academy|church|temple|synagogue|mosque|parish|"
    r"institute|foundation|associates|partners|services|industries|logistics|enterprises|"
    r"systems|solutions|consulting|labs|laboratories|restaurant|cafe|store|stores|market|"
    r"department|agency|firm|studio|factory|warehouse|motors|insurance"
)
_KIND = re.compile(
    rf"\b(?:(?P<fac>{_FACILITY_KINDS})|(?P<org>{_ORG_KINDS})|(?P<abbr>inc|corp|co|ltd)\.?)\b", re.IGNORECASE
)
_AFTER_PHRASE = re.compile(
    r"\b(?:works?|working|worked|job|employed|employee|intern(?:ing)?|volunteers?|student|enrolled|"
    r"attends?|attending|attended|teaches|teacher|manager|shift)\s+(?:at|for|by|with|in)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'&-]*(?:\s[A-Z][\w'&-]*){0,3})",
)
_WORD_BEFORE = re.compile(r"((?:St|Ste|Mt|Ft)\.|[A-Za-z][\w'&-]*)\s*$")
_PLACE_ABBREVIATIONS = frozenset({"St.", "Ste.", "Mt.", "Ft.", "ST.", "MT.", "FT."})
_FUNCTION_WORDS = frozenset({"of", "and", "&", "the", "for", "at", "to", "from", "in", "a", "an", "by", "with", "on"})


class OrganizationRecognizer(EntityRecognizer):
    """FACILITY and ORGANIZATION by kind word or by employment/school context."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["FACILITY", "ORGANIZATION"], name="OrganizationRecognizer", supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Find named facilities and organizations."""
        mixed = case_regime(text) == MIXED
        results = []
        for kind in _KIND.finditer(text):
            start = self._name_start(text, kind.start(), mixed)
            if start is None:
                continue
            entity = "FACILITY" if kind.group("fac") else "ORGANIZATION"
            results.append(self._result(entity, start, kind.end(), 0.8))
        if mixed:
            for phrase in _AFTER_PHRASE.finditer(text):
                name = phrase.group("name").rstrip(" .")
                words = name.split()
                if words and not all(is_common_word(w) for w in words):
                    results.append(self._result("ORGANIZATION", phrase.start("name"), phrase.start("name") + len(name), 0.6))
        return [r for r in results if not entities or r.entity_type in entities]

    @staticmethod
    def _name_start(text: str, end: int, mixed: bool) -> int | None:
        """Walk back over name-like words before a kind word; None when there are none."""
        start, pos = None, end
        for _ in range(5):
            m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
            if m is None or (text[m.end() : pos].strip() not in ("", "'s")):
                break
            word = m.group(1)
            bare = word.rstrip(".")
            if word not in _PLACE_ABBREVIATIONS:
                if mixed:
                    # Capitalization is the evidence in a mixed-case note ("Grace Baptist Church").
                    if not word[0].isupper() or bare.lower() in _FUNCTION_WORDS or is_clinical_term(bare):
                        break
                elif is_common_word(bare) or is_clinical_term(bare) or len(bare) <= 2:
                    break
            start = pos = m.start()
        return start

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity, start, end, score,
            analysis_explanation=AnalysisExplanation(self.name, score, textual_explanation="kind word or context"),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
