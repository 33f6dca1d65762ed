"""Words in a script without letter case (Arabic, Hebrew, CJK, Devanagari, Thai, Hangul...).

Detection reads a normalized view in which letters of cased scripts are already ASCII ("Jose",
"Dmitriy"), so the name rules judge them. Letters of uncased scripts are left as they are, and
no English lexicon or capital letter can judge them: in an English note such a run is almost
always a name or a place written in its own script ("her mother محمد called"). It is flagged
as a PERSON of moderate score; stronger evidence (a relation word) wins over it.
"""

from __future__ import annotations

import unicodedata

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.patterns import compile_fast

# Candidate stretches: characters beyond ASCII, and the spaces or tabs between two of them.
_CANDIDATE = compile_fast(r"[^\x00-\x7f\s]+(?:[ \t][^\x00-\x7f\s]+)*")
_SCORE = 0.6


class ForeignScriptRecognizer(EntityRecognizer):
    """PERSON: a run of letters (and their marks) of a script without upper and lower case."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="ForeignScriptRecognizer", supported_language="en")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Each run of uncased letters, with single spaces inside it, as one PERSON."""
        if text.isascii() or "PERSON" not in entities:
            return []
        results = []
        for candidate in _CANDIDATE.finditer(text):
            for start, end in _runs(text, candidate.start(), candidate.end()):
                results.append(make_result(self, "PERSON", start, end, _SCORE, "letters of an uncased script"))
        return results


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of text[start:end] made of uncased letters, their marks and single spaces."""
    runs: list[tuple[int, int]] = []
    run_start = None
    for i in range(start, end + 1):
        if i < end and (_uncased_letter(text[i]) or (run_start is not None and _continues(text, i))):
            run_start = i if run_start is None else run_start
            continue
        if run_start is not None:
            run = text[run_start:i].rstrip(" \t")
            # One letter is no name; alone among symbols it is mojibake ("ג€“" is a UTF-8 dash read
            # as Windows-1255).
            if sum(map(_uncased_letter, run)) >= 2:
                runs.append((run_start, run_start + len(run)))
            run_start = None
    return runs


def _uncased_letter(char: str) -> bool:
    return not char.isascii() and char.isalpha() and char.lower() == char.upper() == char


def _continues(text: str, i: int) -> bool:
    # A mark belongs to the letter before it; a space joins two words of the same name.
    return unicodedata.category(text[i])[0] == "M" or text[i] in " \t"
