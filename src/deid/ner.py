"""spaCy NER adapted to clinical notes: trusted only where its training (mixed-case text) holds."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from deid.casing import MIXED, case_regime
from deid.clinical_terms import is_clinical_term
from deid.name_lexicon import is_common_word, name_strength
from deid.places import is_city, is_state

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


class NoteSpacyRecognizer(SpacyRecognizer):
    """Presidio's SpacyRecognizer, minus what NER gets wrong on notes.

    The filtering happens here, before Presidio merges duplicate spans across recognizers:
    dropping an NER span afterwards would also drop an identical span that a lexicon
    recognizer found.
    """

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """spaCy's entities on mixed-case text, cut at line breaks, without implausible names."""
        # On ALL-CAPS or lower-case notes spaCy tags headers and abbreviations (CV, Neuro,
        # Foley); there the lexicon recognizers decide alone.
        if case_regime(text) != MIXED:
            return []
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts):
            # NER runs entities across line breaks ("Raman, PsyD\n\nS: Client"); names do not.
            newline = text.find("\n", result.start, result.end)
            if newline > result.start:
                result.end = result.start + len(text[result.start : newline].rstrip())
            if _plausible(result.entity_type, text[result.start : result.end]):
                kept.append(result)
        return kept


def _plausible(entity_type: str, span: str) -> bool:
    if entity_type == "PERSON" and any(c.isdigit() for c in span):
        return False  # an ID or a log line, never a name (presidio 786, 1173)
    words = [w for w in _WORD.findall(span) if not is_clinical_term(w)]
    proper = [
        w for w in words
        if w[0].isupper() and not (w.isupper() and len(w) <= 3) and not is_common_word(w)
    ]
    if entity_type == "PERSON":
        # A known name word, or two unknown capitalized words ("Xiaoming Zhang"); a single
        # unknown capitalized word is usually a sentence-initial term ("Wean", "Ortho").
        return any(name_strength(w) for w in proper) or len(proper) >= 2
    if entity_type == "LOCATION":
        # States and countries are not identifiers; a single unknown capitalized word is more
        # often a drug or a misspelling (Ceftaz, Levoquin) than a town.
        return not is_state(span) and (is_city(span) or len(proper) >= 2)
    return bool(proper)
