"""Speakers of a transcript named by their labels: "Rabah: Yeah, I'm still doing it.",
"MIKLAVCIC: UM, NOVEMBER 16." A transcript is a note where three or more lines open with a
label and a colon; a label that opens two or more of them is a speaker (a section header opens
one), and so is a label before a quotation in any note ('Vera: "Who called?"'). A speaker word
that is neither an ordinary word (Client, Plan) nor an abbreviation (DOB, MRN) nor a title is a
person's name, in any case and from any culture. Not in clinical shorthand, where "Neuro:",
"Proph:" and "Dispo:" open line after line.
"""

from __future__ import annotations

import re
from collections import Counter

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.casing import restore_word
from deid.kit.lexicon import CLINICIAN_TITLES, HONORIFICS
from deid.kit.name_shape import clinical_register, is_proper_word
from deid.kit.names import is_given_name
from deid.kit.patterns import compile_fast

# A line opening with one to three words and a colon, then something said.
_TURN = compile_fast(r"^[ \t]*(?P<label>[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*){0,2})[ \t]*:[ \t]*(?P<said>\S)", re.MULTILINE)
_QUOTES = frozenset('"“')
_LABEL_WORD = compile_fast(r"[^\W\d_][\w'’-]*")
_MIN_TURNS = 3


class SpeakerNameRecognizer(EntityRecognizer):
    """PERSON from the speaker labels of transcripts."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="SpeakerNameRecognizer", supported_language="en")

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Label words with the shape of a name, in notes with the turns of a transcript."""
        if entities and "PERSON" not in entities:
            return []
        turns = list(_TURN.finditer(text))
        if not turns or clinical_register(text):
            return []
        said = Counter(" ".join(t.group("label").lower().split()) for t in turns)
        transcript = len(turns) >= _MIN_TURNS
        # A label before a quotation is a speaker's in any note ('Vera: "Who called?"').
        turns = [
            t for t in turns
            if (transcript and said[" ".join(t.group("label").lower().split())] >= 2) or t.group("said") in _QUOTES
        ]
        results = []
        for turn in turns:
            for word in _LABEL_WORD.finditer(text, turn.start("label"), turn.end("label")):
                lower = word.group().lower().rstrip(".")
                if lower in CLINICIAN_TITLES or lower in HONORIFICS:
                    continue
                # In capitals or lower case, judged as usually written: "MIKLAVCIC" -> "Miklavcic", "DOB" stays.
                shown = word.group() if word.group().istitle() else restore_word(word.group())
                if is_proper_word(shown) or (is_given_name(shown) and shown[0].isupper()):
                    results.append(make_result(self, "PERSON", word.start(), word.end(), 0.6, "speaker label of a transcript"))
        return results
