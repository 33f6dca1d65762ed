"""Person names in any case, from Census name lists filtered by how often a word is a word.

In mixed-case notes a name must be capitalized; in ALL-CAPS or all-lower-case notes case says
nothing, so the lexicon decides alone. Runs of name words (with initials) form one name; a run
needs one strong name word, or two ambiguous ones ("Mark Hall"). Role-less: PERSON. Relatives and
clinicians are found by their context in family_member.py and clinician.py.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.findings import Cover
from deid.kit.base import make_result
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term, is_contraction, looks_like_drug
from deid.kit.facilities import FACILITY_KINDS
from deid.kit.lexicon import (
    FUNCTION_WORDS,
    HONORIFICS,
    MONTH_NAMES,
    RELATION_WORDS,
    cased_alternation,
    is_note_word,
)
from deid.kit.name_shape import NAME_PARTICLES, POSSESSIVE, is_stutter
from deid.kit.names import (
    AMBIGUOUS,
    STRONG,
    is_common_word,
    is_given_name,
    is_listed_name,
    is_lowercase_word,
    is_rare_name,
    name_strength,
    warm,
)
from deid.kit.patterns import compile_fast
from deid.kit.places import STREET_SUFFIX, is_country, is_state
from deid.kit.token_scan import speaker_turns

# Letters with inner apostrophes and hyphens; a hyphen before an initial ends the word
# ("CARAFATE-W. MAROTTA").
_TOKEN = compile_fast(r"[A-Za-z](?:(?:[A-Za-z']|-(?![A-Za-z]\.))*[A-Za-z])?")
_SPACES = compile_fast(r"[ \t]{1,2}")
_AFTER_INITIAL = compile_fast(r"\.[ \t]?")


def _joins(text: str, previous: tuple[int, int, float], start: int) -> bool:
    """Whether a word starting at `start` continues the name whose last word is `previous`:
    one or two spaces between them, or a period right after an initial ("J. Smith", "J.Smith")."""
    gap = text[previous[1] : start]
    if _SPACES.fullmatch(gap):
        return True
    return previous[1] - previous[0] == 1 and _AFTER_INITIAL.fullmatch(gap) is not None


_INITIAL = 0.1
# A pause or the end of the line after a word: where a name may end.
_NAME_END = compile_fast(r"[ \t]*(?:[,.;:!?)\"]|$)", re.MULTILINE)
# Surnames that are also words for a street or a building: after a name they make it a place
# ("lives at keeley house.", "MERCY HALL").
_PLACE_KIND = compile_fast(rf"(?:{STREET_SUFFIX}|{FACILITY_KINDS}|house|home|hall|lodge|manor|tower)", re.IGNORECASE)


def _not_a_name_shape(text: str, match: re.Match[str]) -> bool:
    """Glued to a digit ("PaCO2", "SpO2", "B12"), with a one-letter part ("r-ra"), a pronoun or
    function word ("He appears"; capitalized Will and May may be names), or "frank" before blood
    ("FRANK BLEEDING"): no name, cue or not."""
    word = match.group()
    return (
        text[match.end() : match.end() + 1].isdigit()
        or (is_contraction(word) and not POSSESSIVE.search(word))  # "I'm" is no Korean surname Im
        or ("-" in word and min(len(part) for part in word.split("-")) == 1)
        or is_stutter(word)  # "So-so Donna's helped"
        or (word.lower() in FUNCTION_WORDS and not (len(word) > 2 and word[0].isupper() and is_given_name(word)))
        or (word.lower() == "frank" and _BLOOD_AFTER.match(text, match.end()) is not None)
    )


_HONORIFIC = cased_alternation(HONORIFICS)
_HONORIFIC_INITIAL = compile_fast(rf"(?<![\w+/-])(?:{_HONORIFIC})\.?[ \t]+(?P<initial>[A-Z])\.(?=\s)")
_AND_AFTER = compile_fast(r"[ \t]+(?:and|&)[ \t]+(?P<word>[A-Za-z][A-Za-z'-]*)\b")
# Two or three lower-case letters and then a pause or a word: a piece of the name before it.
_FRAGMENT_AFTER = compile_fast(r"[ \t](?P<piece>[a-z]{2,3})(?=[ \t,.;:]|$)")
_BLOOD_AFTER = compile_fast(r"\s+(?:blood|bloody|bleeding|pus|hematuria|hemoptysis|red)\b", re.IGNORECASE)
# Honorifics and greetings before a name; reporting verbs after one.
# "Mr.", "MRS BRUCER", "Ms Lee", "mr nicholson"; not "MS changes" (mental status), "3+MR. Given"
# (mitral regurgitation) or "ms clears": "MR", "MS" and "ms" only with their period.
_PERIOD_ONLY = ("MR", "MS", "ms")
_HONORIFIC_BEFORE = compile_fast(
    rf"(?<![\w+/-])(?:(?:{'|'.join(f for f in _HONORIFIC.split('|') if f not in _PERIOD_ONLY)})\.?"
    rf"|(?:{'|'.join(_PERIOD_ONLY)})\.)\s+$"
)
# ... or with an initial or surname particles between it and the word ("Mr O Harcain", "Mrs. van Dyke").
_HONORIFIC_AND_PARTICLES_BEFORE = compile_fast(
    rf"(?<![\w+/-])(?:{_HONORIFIC})\.?[ \t]+"
    rf"(?:(?:[A-Za-z]\.?|(?i:{'|'.join(sorted(NAME_PARTICLES))}))[ \t]+){{1,2}}$"
)
_GREETING_BEFORE = compile_fast(r"\b(?:hi|hello|hey|thanks|thank\s+you|bye|goodbye|dear),?\s+$", re.IGNORECASE)
# "Client Quillfeather ...", "PT JONES": the person a note is about, named by role.
_ROLE_BEFORE = compile_fast(r"\b(?:client|patient|pt\.?|consumer)\s+$", re.IGNORECASE)
_CUE_AFTER = compile_fast(
    r"\s+(?:reports?|reported|states?|stated|says|said|denies|denied|endorses|endorsed|"
    r"presents?|presented|arrived|attended|shared|appears|appeared|agreed|described|expressed|"
    r"acknowledged|identified|noted|called|phoned|visited|visiting)\b",
    re.IGNORECASE,
)
# A given name said to someone: "Good morning, Dawn.", "So, Mark, what ...", "Come on in, Patty."
# "I just don't feel like it, Mark.", "Mark, what would that look like?": also after any comma, or
# opening a sentence or a speaker's turn, when a pause follows.
_VOCATIVE_BEFORE = compile_fast(
    r"(?:\b(?:good\s+(?:morning|afternoon|evening)|come\s+on\s+in|welcome(?:\s+back)?|so|okay|ok|"
    r"well|thanks|hi|hey|hello)),?\s+$",
    re.IGNORECASE,
)
# Only in mixed case, where the capital is evidence: in ICU capitals "MIN. RESIDUALS" is no one.
_PAUSE_BEFORE = compile_fast(r"(?:\w,|^|[.!?:])[ \t]*$", re.MULTILINE)
_VOCATIVE_AFTER = compile_fast(r"\s*[,.?!]")
# Said to someone without naming them ("Man, I've been fighting it", "Honey, listen").
_ENDEARMENTS = frozenset("honey sweetie sweetheart darling dear babe baby buddy sugar love man guy dude".split())
# Given names that are also times of the year ("Summer, fall and winter", "June, 2001").
_TIME_WORDS = MONTH_NAMES | frozenset({"spring", "summer", "autumn", "winter"})
# A person naming themselves or being named: "my name is Mark", "goes by Chip", "aka Red", "a
# man named Vsevolod", "she was called Janet".
_NAMING_BEFORE = compile_fast(
    r"\b(?:my\s+name\s+is|my\s+name's|call\s+me|goes\s+by|went\s+by|calls\s+(?:himself|herself|themselves)|"
    r"(?:nick)?named|(?:is|was|are|were|be|been|being)\s+called|a\.?k\.?a\.?|also\s+known\s+as)\s+$",
    re.IGNORECASE,
)
# Introductions at the start of a turn or on the phone: "Hi, I'm Dawn.", "This is Mark from ...".
_INTRODUCTION_BEFORE = compile_fast(
    r"(?:^|[.!?:])[ \t]*(?:(?:hi|hello|hey|yes|yeah|oh)[,!]?[ \t]+)?(?:i'm|i\s+am|this\s+is|it's)[ \t]+$",
    re.IGNORECASE | re.MULTILINE,
)
_INTRODUCTION_AFTER = compile_fast(r"\s*(?:[,.!?]|$|(?:from|with|calling|here|speaking)\b)", re.IGNORECASE)
# "Dawn speaking.": a given name opening a phone turn.
_SPEAKING_AFTER = compile_fast(r"[ \t]+speaking\b", re.IGNORECASE)
_TURN_START = compile_fast(r"(?:^|[.!?:])[ \t]*(?:(?:hi|hello|yes)[,!]?[ \t]+)?$", re.IGNORECASE | re.MULTILINE)
_TEAM_AFTER = compile_fast(r"\s+(?:(?:and\s+)?(?:team\s+)?(?:aware|notified|informed|paged|updated|made\s+aware|at\s+bedside|in\s+to\s+see))\b", re.IGNORECASE)
# Talking to someone: only a person follows.
_CONTACT = (
    r"paged?|paging|called|spoke\s+(?:with|to)|discussed\s+with|consult(?:ed)?\s+with|"
    r"talk(?:s|ed|ing)?\s+(?:to|with)|met\s+with"
)
_CONTACT_BEFORE = compile_fast(rf"\b(?:{_CONTACT})\s+$", re.IGNORECASE)
# ... and care-team cues, which also take teams and protocols ("per protocol", "seen by ortho").
_TEAM_BEFORE = compile_fast(
    rf"\b(?:{_CONTACT}|per|notified|informed|d/w|seen\s+by|evaluated\s+by|reported\s+to|caseworker|"
    r"case\s+manager|sw|chaplain)\s+(?:dr\.?\s+|[A-Z]\.\s*)?$",
    re.IGNORECASE,
)
# A name opening a line and followed by a colon: a speaker in a transcript.
_SPEAKER = compile_fast(r"(?<![^\n])[ \t]*[A-Za-z][A-Za-z'\-]*:", re.MULTILINE)


def _unknown(word: str) -> bool:
    """A word no dictionary knows: not English (however rare, or possessive), no drug stem, no
    acronym, with a vowel."""
    word = POSSESSIVE.sub("", word)
    return (
        len(word) >= 3 and any(c in "aeiouyAEIOUY" for c in word) and not (word.isupper() and len(word) <= 4)
        and not (is_common_word(word) or is_lowercase_word(word) or looks_like_drug(word))
    )


def _in_speaker_turn(text: str, at: int) -> bool:
    """Whether the line holding `at` is a turn of a transcript: its speaker label opens other lines."""
    line = _SPEAKER.search(text, text.rfind("\n", 0, at) + 1, at)
    return line is not None and speaker_turns(text, line.group().strip().rstrip(":"))


class PersonNameRecognizer(EntityRecognizer):
    """PERSON from name lexicons, case-aware."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="PersonNameRecognizer", supported_language="en")

    def load(self) -> None:
        """Load the name tables at start-up rather than on the first note."""
        warm()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Find runs of name words and score them."""
        if entities and "PERSON" not in entities:
            return []
        results = []
        run: list[tuple[int, int, float]] = []
        mixed, line_end = True, -1
        for match in _TOKEN.finditer(text):
            if run and not _joins(text, run[-1], match.start()):
                results += self._emit(run, mixed)
                run = []
            if match.start() > line_end:  # casing is judged per line: look it up once a line
                mixed = regime_at(text, match.start()) == MIXED
                newline = text.find("\n", match.start())
                line_end = len(text) if newline < 0 else newline
            if _not_a_name_shape(text, match):
                results += self._emit(run, mixed)
                run = []
                continue
            strength = self._strength(match.group(), mixed)
            if not strength and not mixed and len(match.group()) == 1 and text[match.end() : match.end() + 1] == ".":
                strength = _INITIAL  # "d. renna": without capitals, a letter and a period is an initial
            if strength and is_state(match.group()) and text[max(0, match.start() - 3) : match.start()].rstrip().endswith(","):
                strength = 0.0  # "Memphis, Oregon 93654": a state in an address, not a person
            elif strength == AMBIGUOUS and is_given_name(match.group()) and _SPEAKER.match(text, match.start()):
                strength = STRONG  # "Mark: Hi, good to see you." - a speaker label
            if strength < STRONG and self._cued(text, match, mixed):
                strength = STRONG  # "Mr. Small", "Hi Mark,", "MARK REPORTS": the context makes it a name
            elif not strength and run and _joins(text, run[-1], match.start()):
                # A word no list knows, right after a name ("Maria Obrenovska", "KAREN ANN
                # YANULIS"): part of the name.
                given = [is_given_name(text[s:e]) and st == STRONG for s, e, st in run if st != _INITIAL]
                after_given = bool(given) and given[-1]
                if self._unknown_proper(match.group(), mixed, after_given):
                    strength = AMBIGUOUS
                elif not mixed and after_given:
                    strength = self._after_given_name(text, match)
            if run and (strength == 0 or not _joins(text, run[-1], match.start())):
                results += self._emit(run, mixed)
                run = []
            if strength:
                run.append((match.start(), match.end(), strength))
        results += self._emit(run, mixed)
        results = [self._with_split_surname(text, r) for r in results]
        found = Cover((r.start, r.end) for r in results)
        extra = self._coordinated(text, results, found) + self._honorific_initials(text, found)
        return sorted(results + extra, key=lambda r: r.start)

    def _honorific_initials(self, text: str, found: Cover) -> list[RecognizerResult]:
        """"WITH MS S. CARE", "Mr. J. agreed": a person named by an initial after an honorific."""
        return [
            make_result(self, "PERSON", m.start("initial"), m.end("initial"), 0.6, "initial after an honorific")
            for m in _HONORIFIC_INITIAL.finditer(text)
            if not found.overlaps(m.start("initial"), m.end("initial"))
        ]

    def _coordinated(self, text: str, results: list[RecognizerResult], found: Cover) -> list[RecognizerResult]:
        """"suzette and ank": a word no list knows, joined by "and" to a found name, is a name too."""
        out = []
        for r in results:
            m = _AND_AFTER.match(text, r.end)
            if m is None or found.overlaps(m.start("word"), m.end("word")):
                continue
            word = m.group("word")
            mixed = regime_at(text, m.start("word")) == MIXED
            if (
                len(word) >= 3 and "'" not in word and not is_common_word(word) and not is_clinical_term(word)
                and word.lower() not in FUNCTION_WORDS and word.lower() not in RELATION_WORDS
                and (word[0].isupper() or not mixed)
            ):
                out.append(make_result(self, "PERSON", m.start("word"), m.end("word"), 0.6, "joined to a name by 'and'"))
        return out

    def _with_split_surname(self, text: str, result: RecognizerResult) -> RecognizerResult:
        """"Mr. Bweighou se is ...": after an honorific, a short lower-case piece that is no word
        is the rest of a surname a stray space split."""
        m = _FRAGMENT_AFTER.match(text, result.end)
        if (
            m is None or not _HONORIFIC_BEFORE.search(text, max(0, result.start - 8), result.start)
            or is_note_word(m.group("piece")) or is_clinical_term(m.group("piece"))
        ):
            return result
        result.end = m.end("piece")
        return result

    @staticmethod
    def _cued(text: str, match: re.Match[str], mixed: bool) -> bool:
        """A word made a name by what is around it: an honorific or greeting before, a
        reporting verb after (for words that are names as well as words: Mark, Small, Young)."""
        word = match.group()
        if len(word) < 2 or is_clinical_term(word):
            return False
        # Every honorific has an "m" ("Mr", "Ms", "Miss", "Mx"): most words have none before them.
        near = "m" in text[max(0, match.start() - 16) : match.start()].lower()
        honorific = near and _HONORIFIC_BEFORE.search(text, max(0, match.start() - 8), match.start())
        if not honorific and near and _HONORIFIC_AND_PARTICLES_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            return len(word) >= 3 and not is_common_word(word)  # "Mr O Harcain", not "MS. A LOT"
        if honorific:
            # "Mr. Small", "mr nicholson": an honorific names whatever follows, in any case; but
            # "changes in MS. Aspiration ..." ends a sentence about mental status, "mild mr. trace tr"
            # is about a valve: after "MS." and "MR." only a listed name or a word no dictionary
            # knows ("ms. roefs").
            return honorific.group().strip() not in ("MR.", "MS.", "mr.", "ms.") or is_listed_name(word) or _unknown(word)
        if mixed and not word[0].isupper():
            return False
        if _NAMING_BEFORE.search(text, max(0, match.start() - 32), match.start()):
            # After "my name is" a capitalized word, a given name or a word English lacks is a name.
            return mixed or is_given_name(word) or not is_common_word(word)
        if is_given_name(word) and (
            (_INTRODUCTION_BEFORE.search(text, max(0, match.start() - 24), match.start())
             and _INTRODUCTION_AFTER.match(text, match.end()))
            or (_SPEAKING_AFTER.match(text, match.end()) and _TURN_START.search(text, max(0, match.start() - 16), match.start()))
        ):
            return True
        if (
            is_given_name(word)
            and word.lower() not in _TIME_WORDS and word.lower() not in RELATION_WORDS
            and (_VOCATIVE_BEFORE.search(text, max(0, match.start() - 20), match.start())
                 or (name_strength(word) and word.lower() not in _ENDEARMENTS and not is_country(word)
                     and _PAUSE_BEFORE.search(text, max(0, match.start() - 4), match.start())
                     and (mixed or _in_speaker_turn(text, match.start()))))
            and _VOCATIVE_AFTER.match(text, match.end())
        ):
            # A given name between a greeting and a pause, in any case; between pauses, in mixed
            # case or in a transcript's turn ("TO BE FRANK, MARK, I DON'T KNOW").
            return True
        if _GREETING_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            return mixed  # greetings only in mixed case: "si/hi denied" is no greeting
        if _ROLE_BEFORE.search(text, max(0, match.start() - 12), match.start()) and not is_common_word(word):
            # "Client Quillfeather" in mixed case; in capitals or lower case only listed names
            # ("PT SEDATED" is jargon).
            return not word.isupper() if mixed else name_strength(word) >= AMBIGUOUS
        # Care-team phrases: "MAROTTA AWARE", "per Kondouli", "paged Dr Vasquez". The word must not
        # be an ordinary word ("TEAM AWARE", "per protocol").
        # Outside mixed case an unknown word may be any jargon or misspelling: only listed names,
        # or after talking to someone a word no dictionary knows ("spoke with şöhret").
        proper = name_strength(word) >= AMBIGUOUS or (mixed and not is_common_word(word))
        if word.lower() not in RELATION_WORDS and (
            (proper and _TEAM_AFTER.match(text, match.end()))
            or (proper and _TEAM_BEFORE.search(text, max(0, match.start() - 24), match.start()))
            or (_unknown(word) and _CONTACT_BEFORE.search(text, max(0, match.start() - 24), match.start()))
        ):
            return True
        listed = name_strength(word) >= AMBIGUOUS or (mixed and is_given_name(word))
        # "Son called", "Sister visited": relation words are no names, even when listed (Son).
        return listed and word.lower() not in RELATION_WORDS and bool(_CUE_AFTER.match(text, match.end()))

    @staticmethod
    def _after_given_name(text: str, match: re.Match[str]) -> float:
        """Without capitals, what may follow a given name inside the name: a middle initial
        ("katie e miles", not the words "a" and "i"), or a listed surname that is also a word when
        the name ends there ("called janet burns.", "KATIE MILES,")."""
        word = match.group()
        if len(word) == 1:
            return _INITIAL if word.lower() not in ("a", "i") else 0.0
        if (
            is_listed_name(word) and word.lower() not in FUNCTION_WORDS and _PLACE_KIND.fullmatch(word) is None
            and _NAME_END.match(text, match.end())
        ):
            return AMBIGUOUS
        return 0.0

    @staticmethod
    def _unknown_proper(word: str, mixed: bool, after_given: bool) -> bool:
        if len(word) < 2 or is_clinical_term(word) or is_common_word(word):
            return False
        if mixed:
            # "MR. EDWIN PRZYBYLO is ...": capitals after a capitalized given name join it.
            return word[0].isupper() and (not word.isupper() or (after_given and len(word) >= 4))
        # In capitals or lower case jargon could join too: only after a given name, and only a
        # word long enough to be a surname.
        return after_given and len(word) >= 4 and any(c in "aeiouyAEIOUY" for c in word)

    @staticmethod
    def _strength(word: str, mixed: bool) -> float:
        if mixed and not word[0].isupper():
            return 0.0
        if len(word) == 1:
            return _INITIAL if word.isupper() else 0.0
        if is_clinical_term(word) or is_country(word):
            return 0.0  # "France", "Chad": a name only with a cue ("Hi Chad")
        if mixed and word.isupper() and len(word) <= 3:
            return 0.0  # an abbreviation in a mixed-case note
        strength = name_strength(word)
        if not strength and "-" in word:
            # "FORMAN-LYONS", "Stord-Painter": a double-barrelled name with one known part.
            parts = word.split("-")
            if not any(is_clinical_term(p) or is_common_word(p) and not name_strength(p) for p in parts):
                strength = max(name_strength(p) for p in parts)
        if strength == STRONG and len(word) <= 3 and not is_given_name(word):
            return AMBIGUOUS  # short rare surnames collide with abbreviations (GU, CV)
        if strength == STRONG and not mixed and is_rare_name(word):
            return AMBIGUOUS  # without capitals, a name few people bear may be a typo or jargon
        return strength

    def _emit(self, run: list[tuple[int, int, float]], mixed: bool) -> list[RecognizerResult]:
        # Trim initials off both ends: they join a name, they are not one.
        while run and run[0][2] == _INITIAL and (len(run) == 1 or run[1][2] == _INITIAL):
            run = run[1:]
        while run and run[-1][2] == _INITIAL:
            run = run[:-1]
        if not run:
            return []
        strengths = [s for _, _, s in run]
        if STRONG in strengths:
            score = 0.85 if len([s for s in strengths if s >= AMBIGUOUS]) > 1 else 0.7
        elif mixed and strengths.count(AMBIGUOUS) >= 2:
            score = 0.5  # "Mark Hall"; without capitals "rose garden" is two words
        else:
            return []
        return [make_result(self, "PERSON", run[0][0], run[-1][1], score, "name lexicon")]
