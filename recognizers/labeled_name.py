"""Names after a person label ("Client: Hope Brewer") and the client introduced by age.

After a person label and a colon the next one to three name-shaped words are a name whatever they
mean as words: "Client: April Burns", "Patient name: Will Rose". A label that opens several lines
is a transcript's speaker ("Client: Yeah, I know."), not a field, and names nothing. "Dawn is a
57-year-old ..." and "Dawn, a 57-year-old ..." introduce the client the note is about.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.lexicon import FUNCTION_WORDS, RELATION_WORDS
from deid.kit.name_shape import NAME_PARTICLES
from deid.kit.names import is_common_word, is_given_name, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.token_scan import speaker_turns

# Label -> role of the person it names. A bare "Name:" may be anyone's: no role (PERSON).
_CLIENT_WORDS = frozenset({"client", "patient", "pt", "consumer"})  # also "Client name", "Pt's name"
_ROLES = {
    "name": "PERSON", "full name": "PERSON", "preferred name": "PERSON",
    "guardian": "RELATIVE", "legal guardian": "RELATIVE", "emergency contact": "RELATIVE",
    "parent": "RELATIVE", "parent/guardian": "RELATIVE", "next of kin": "RELATIVE",
}
_LABEL = compile_fast(
    r"(?:^|[|;]|[ \t]{2,})[ \t]*(?P<label>(?:client|patient|pt|consumer)(?:'?s)?(?:[ \t]+(?:full[ \t]+)?name)?|"
    r"(?:full|preferred)[ \t]+name|name|(?:legal[ \t]+)?guardian|emergency[ \t]+contact|parent(?:/guardian)?|"
    r"next[ \t]+of[ \t]+kin)[ \t]*:[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# One to three words of a name: capitalized (or any case on a capitals line), initials allowed.
_NAME_WORD = compile_fast(r"[^\W\d_]\.(?=\s)|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_AGE_AFTER = compile_fast(r"(?:,[ \t]+an?|[ \t]+is[ \t]+an?)[ \t]+\d{1,3}[- ]?(?:years?|yrs?|y/?o)\b", re.IGNORECASE)
_NAME_BEFORE = compile_fast(r"((?:[^\W\d_]+(?:['’-][^\W\d_]+)*[ \t]+){0,2}[^\W\d_]+(?:['’-][^\W\d_]+)*)$")
# Words that say who someone is without naming them ("The client is a 57-year-old").
_NOT_NAMES = frozenset(
    "client patient pt consumer individual member resident student male female man woman boy girl child "
    "adolescent adult teen veteran gentleman lady person".split()
)
_PAUSE = compile_fast(r"[ \t]*(?:[,;|()\n]|$)")
_MAX_WORDS = 3
_SCORE_LABEL = 0.85
_SCORE_AGE = 0.6  # below a relation word's RELATIVE ("her son Tom is a 12-year-old")


class LabeledNameRecognizer(EntityRecognizer):
    """PATIENT, RELATIVE or PERSON after a person label; PATIENT before an age introduction."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PATIENT", "RELATIVE", "PERSON"], name="LabeledNameRecognizer", supported_language="en"
        )

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Names after labels and before age introductions."""
        results = self._after_labels(text) + self._before_ages(text)
        return [r for r in results if not entities or r.entity_type in entities]

    def _after_labels(self, text: str) -> list[RecognizerResult]:
        out = []
        for m in _LABEL.finditer(text):
            label = " ".join(m.group("label").lower().replace("'s", "").split())
            role = "PATIENT" if label.split()[0].rstrip("s") in _CLIENT_WORDS else _ROLES.get(label)
            if role is None or speaker_turns(text, m.group("label")):
                continue
            span = self._name_after(text, m.end())
            if span is not None:
                out.append(make_result(self, role, *span, _SCORE_LABEL, "name after a person label"))
        return out

    @staticmethod
    def _name_after(text: str, pos: int) -> tuple[int, int] | None:
        """The run of name words at `pos`, up to a comma, the line's end or a word that is no name."""
        mixed = regime_at(text, pos) == MIXED
        words: list[re.Match[str]] = []
        while len(words) < _MAX_WORDS:
            m = _NAME_WORD.match(text, pos)
            if m is None or not (_name_shaped(m.group(), mixed, labeled=True) or (words and m.group() in NAME_PARTICLES)):
                break
            words.append(m)
            gap = re.match(r"[ \t]{1,2}", text[m.end() :])
            if gap is None:
                break
            pos = m.end() + gap.end()
        while words and (len(words[-1].group().rstrip(".")) == 1 or words[-1].group() in NAME_PARTICLES):
            words.pop()  # an initial or a particle ends no name
        if not words or not _plausible(words[0].group()):
            return None
        if len(words) == 1 and is_common_word(words[0].group()) and not _PAUSE.match(text, words[0].end()):
            return None  # "Client: Will return next week": one ordinary word opening a sentence
        return words[0].start(), words[-1].end()

    def _before_ages(self, text: str) -> list[RecognizerResult]:
        out = []
        for age in _AGE_AFTER.finditer(text):
            line_start = text.rfind("\n", 0, age.start()) + 1
            m = _NAME_BEFORE.search(text, max(line_start, age.start() - 60), age.start())
            if m is None:
                continue
            mixed = regime_at(text, m.start()) == MIXED
            words = list(_NAME_WORD.finditer(text, m.start(), m.end()))
            # Keep the last run of name-shaped words: "Presenting problem: Dawn is a ...".
            while words and not all(_name_shaped(w.group(), mixed) for w in words):
                words.pop(0)
            if not words or not _plausible(words[0].group()) or self._after_relation(text, words[0].start()):
                continue
            out.append(make_result(self, "PATIENT", words[0].start(), words[-1].end(), _SCORE_AGE, "introduced by age"))
        return out

    @staticmethod
    def _after_relation(text: str, start: int) -> bool:
        """Whether a relation word comes right before ("her son Tom is a 12-year-old"): a relative."""
        before = re.search(r"([^\W\d_]+)[ \t,]*$", text[max(0, start - 30) : start])
        return before is not None and before.group(1).lower() in RELATION_WORDS


def _name_shaped(word: str, mixed: bool, labeled: bool = False) -> bool:
    """A word that can be part of a name: no function, role or clinical word, capitalized in mixed
    case; after a label a given name that is also a function word or month ("Will", "April") is a name."""
    bare = word.rstrip(".")
    lower = bare.lower()
    if labeled and bare[0].isupper() and (len(bare) == 1 or is_given_name(bare)) and lower not in _NOT_NAMES:
        return True
    if lower in FUNCTION_WORDS or lower in RELATION_WORDS or lower in _NOT_NAMES or is_clinical_term(bare):
        return False
    if not mixed:
        return True  # a line without capitals ("name: martim pereira"): the filters above decide
    return bare[0].isupper() and not (bare.isupper() and len(bare) > 1)


def _plausible(first: str) -> bool:
    """A name's first word is a given name, a listed name or a word English lacks ("Alert" is none)."""
    return is_given_name(first) or name_strength(first) > 0 or not is_common_word(first)
