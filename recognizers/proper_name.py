"""Names by their shape (`deid.kit.name_shape`): a capitalized word inside a sentence of mixed-case
text that no dictionary knows ("with Thembile", "Hi, Bílková"). The role is unknown: PERSON, with
a modest score, so that context recognizers and NER (which give a role or a place) win where they
found it too. Not in telegraphic clinical notes, where NER must agree (`deid.detect.ner`).
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.casing import MIXED, regime_at, truecase
from deid.kit.name_shape import (
    CLINICAL_SHARE,
    POSSESSIVE,
    RESTORED_SHARE,
    WORD,
    clinical_share,
    inside_sentence,
    is_proper_word,
)
from deid.kit.patterns import compile_fast

_SCORE = 0.45
# What a person does at the start of a sentence in a note or a conversation: "Sphiwe reports ...".
_VERB_AFTER = compile_fast(
    r"(?:'s)?[ \t]+(?:reports?|reported|states?|stated|says|said|shares?|shared|denies|denied|endorses|"
    r"endorsed|agreed|agrees|notes|noted|described|describes|expressed|presents|presented|arrived|"
    r"called|texted|told|asked|went|came|wants|wanted|thinks|thought|feels|felt|was|is|has|had|will|"
    r"would|can|could|did|does|and\s+(?:I|me|her|his))\b"
)


class ProperNameRecognizer(EntityRecognizer):
    """PERSON from the shape of words in mixed-case sentences."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="ProperNameRecognizer", supported_language="en")

    def load(self) -> None:  # noqa: D102 - nothing to load: the word tables load with the others
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Runs of proper words inside sentences, lines in capitals or lower case read with their
        case restored (a word too rare to know is then written as a name is)."""
        share = clinical_share(text)
        if (entities and "PERSON" not in entities) or share >= CLINICAL_SHARE:
            return []
        if share < RESTORED_SHARE:
            text = truecase(text)
        results: list[RecognizerResult] = []
        run: list[tuple[int, int]] = []
        opens = False  # the run opens its sentence: a name only if two words long or a verb follows
        line_end, mixed = -1, False
        for match in WORD.finditer(text):
            if match.start() > line_end:
                mixed = regime_at(text, match.start()) == MIXED
                newline = text.find("\n", match.start())
                line_end = len(text) if newline < 0 else newline
            # Glued to a digit it is a measurement or a code ("SpO2", "B12"), never a name. Most
            # words are in lower case: no proper word, asked first.
            word = match.group()
            proper = mixed and word[0].isupper() and not text[match.end() : match.end() + 1].isdigit() and is_proper_word(word)
            joins = bool(run) and text[run[-1][1] : match.start()] in (" ", "-")
            if proper and not joins:
                results += self._emit(text, run, opens)
                run, opens = [], not inside_sentence(text, match.start())
            if proper:
                run.append((match.start(), match.end() - (2 if POSSESSIVE.search(match.group()) else 0)))
            else:
                results += self._emit(text, run, opens)
                run = []
        return results + self._emit(text, run, opens)

    def _emit(self, text: str, run: list[tuple[int, int]], opens: bool) -> list[RecognizerResult]:
        """The run as a name, if it sits inside its sentence or is confirmed ("Sphiwe reports")."""
        if not run or (opens and len(run) < 2 and _VERB_AFTER.match(text, run[-1][1]) is None):
            return []
        return [self._result(run)]

    def _result(self, run: list[tuple[int, int]]) -> RecognizerResult:
        return make_result(self, "PERSON", run[0][0], run[-1][1], _SCORE, "capitalized word no dictionary knows")
