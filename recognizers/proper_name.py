"""Names by their shape (`deid.name_shape`): a capitalized word inside a sentence of mixed-case
text that no dictionary knows ("with Thembile", "Hi, Bílková"). The role is unknown: PERSON, with
a modest score, so that context recognizers and NER (which give a role or a place) win where they
found it too. Not in telegraphic clinical notes, where NER must agree (`deid.ner`).
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.casing import MIXED, regime_at
from deid.name_shape import POSSESSIVE, WORD, clinical_register, inside_sentence, is_proper_word
from deid.recognizer_kit import make_result

_SCORE = 0.45


class ProperNameRecognizer(EntityRecognizer):
    """PERSON from the shape of words in mixed-case sentences."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="ProperNameRecognizer", supported_language="en")

    def load(self) -> None:  # noqa: D102 - nothing to load: the word tables load with the others
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Runs of proper words inside sentences of mixed-case lines."""
        if (entities and "PERSON" not in entities) or clinical_register(text):
            return []
        results: list[RecognizerResult] = []
        run: list[tuple[int, int]] = []
        line_end, mixed = -1, False
        for match in WORD.finditer(text):
            if match.start() > line_end:
                mixed = regime_at(text, match.start()) == MIXED
                newline = text.find("\n", match.start())
                line_end = len(text) if newline < 0 else newline
            # Glued to a digit it is a measurement or a code ("SpO2", "B12"), never a name.
            proper = mixed and not text[match.end() : match.end() + 1].isdigit() and is_proper_word(match.group())
            joins = run and text[run[-1][1] : match.start()] in (" ", "-")
            if proper and (joins or inside_sentence(text, match.start())):
                if not joins and run:
                    results.append(self._result(run))
                    run = []
                run.append((match.start(), match.end() - (2 if POSSESSIVE.search(match.group()) else 0)))
            elif run:
                results.append(self._result(run))
                run = []
        if run:
            results.append(self._result(run))
        return results

    def _result(self, run: list[tuple[int, int]]) -> RecognizerResult:
        return make_result(self, "PERSON", run[0][0], run[-1][1], _SCORE, "capitalized word no dictionary knows")
