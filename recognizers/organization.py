"""Facilities (hospitals, clinics, units) and organizations (employers, schools, churches).

A facility or organization is a run of name-like words ending in a kind word ("Calvert
Hospital", "St. Mary's Medical Center", "Jefferson Elementary School", "Acme Corp"), or a
capitalized run after an employment or schooling phrase ("works at Halvorsen Logistics").
Name-like words are capitalized (or any word in an ALL-CAPS note) and not ordinary English words,
so "transferred from the hospital" finds nothing.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_clinical_term
from deid.kit.facilities import FACILITY_KINDS
from deid.kit.lexicon import COMMON_WORDS, RELATION_WORDS, may_be_lowercase_name
from deid.kit.name_shape import clinical_register, plain_prose
from deid.kit.names import is_common_word, is_given_name, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.places import is_city

_ORG_KINDS = (
    r"llc|corporation|company|group|bank|university|college|school|high\s+school|"
    r"middle\s+school|junior\s+high|preschool|daycare|kindergarten|elementary(?:\s+school)?|academy|church|temple|synagogue|mosque|parish|"
    r"institute|foundation|associates|partners|industries|logistics|enterprises|services|"
    r"fellowship|ministries|club|ymca|ywca|"
    r"systems|solutions|consulting|laboratories|restaurant|cafe|store|stores|market|supermarket|pharmacy|"
    r"drugstore|grocery|groceries|bakery|diner|salon|gym|hotel|"
    r"department|agency|studio|factory|warehouse|motors|insurance|"
    r"holdings|technologies|ventures|airlines|airways|networks|communications|pharmaceuticals|"
    r"therapeutics|analytics|software|electronics|brands|foods"
)
_KIND = compile_fast(
    rf"(?=[^\W\d_])\b(?:(?P<fac>{FACILITY_KINDS})|(?P<org>{_ORG_KINDS})|(?P<abbr>(?-i:Inc|INC|inc|Corp|CORP|corp|Co|CO|Ltd|LTD|ltd|LLC|LLP|GmbH|AG|KG|plc|PLC|Pty|S\.A|S\.p\.A|S\.L|N\.V|B\.V))\.?)\b", re.IGNORECASE
)
# Kind first: "University of Akron", "Bank of America".
_KIND_OF = compile_fast(
    r"(?=[^\W\d_])\b(?P<name>(?:University|College|Institute|Academy|Bank|Church|School|Hospital|Museum|Library)"
    r"\s+of\s+(?:the\s+)?[A-Z][A-Za-z'&-]+(?:\s[A-Z][A-Za-z'&-]+){0,2})",
    re.IGNORECASE,
)
# "to St. Mary's", "TO ST. MARY", "transfer to st. mary's", "a bed @ St A.": a saint's name after a
# place preposition.
_SAINT = compile_fast(
    r"(?:\b(?i:to|at|from|in|by)|@)\s+"
    r"(?P<name>(?:St|ST|st|Saint|SAINT|saint)\.?\s+(?:[A-Z][A-Za-z]+(?:'[sS])?|[A-Z](?=\.)|[a-z]{3,}(?:'s)?))"
)
_AFTER_PHRASE = compile_fast(
    r"(?=[^\W\d_])\b(?:(?:works?|working|worked|job|employed|employee|intern(?:ing)?|volunteers?|volunteering|"
    r"student|enrolled|attends?|attending|attended|teaches|teacher|manager|hired|fired|interview|"
    r"promoted|written\s+up|laid\s+off|quit|boss|coworkers?|supervisor|customers?|shops?|shopping|shopped)"
    r"\s+(?:[\w-]+\s+){0,3}?(?P<prep>at|for|by|with|in|from)"
    # "CEO OF IBM" (not "owner of the house").
    r"|(?:ceo|cfo|president|owner|founder|director)\s+of(?!\s+the\b)"
    # Words that are work words only with "at": "start at Safeway", "shifts at Walmart".
    r"|(?:start|started|starting|shifts?|hours|position|going\s+on|classes|meetings?|community|"
    r"counselor)\s+(?:[\w-]+\s+){0,2}?at"
    r"|\bat\s+work\s+\("
    r"|\bschool,)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'&-]*(?:\s[A-Z][\w'&-]*){0,3})"
    # "a letter for Intuit regarding medical leave": the employer, by what the letter is about.
    r"|\bletter\s+(?:for|to)\s+(?P<addressee>[A-Z][\w'&-]*(?:\s[A-Z][\w'&-]*){0,3}?)\s+(?:regarding|about|re:)",
    re.IGNORECASE,
)
# "Inc", "Corp", "Ltd", "Co" as written in a line in capitals or lower case.
_UNCASED_ABBR = frozenset({"INC", "CORP", "LTD", "CO", "inc", "corp", "ltd"})
_PEOPLE_CUES = frozenset("boss coworker coworkers supervisor customer customers manager teacher student employee".split())
_EMPLOYER_SCORE = 0.86  # above a full name from the name lexicons (0.85)
_SENTENCE_START = compile_fast(r"(?:^|[.!?:;]\s+|\n\s*)$")
_WORD_BEFORE = compile_fast(r"((?:St|Ste|Mt|Ft)\.|[A-Za-z][\w'&-]*)\s*$")
_PLACE_ABBREVIATIONS = frozenset({"St.", "Ste.", "Mt.", "Ft.", "ST.", "MT.", "FT."})
# Words that end a name when walking back from its kind word ("transferred to the hospital",
# "needs another rehab").
_FUNCTION_WORDS = frozenset(
    "of and & the for at to from in a an by with on or this that another other same local outside "
    "nearest previous prev prior new old his her their its our your my go goes going went sent transfer "
    "transferred needs need needed back home note notes session progress report summary plan "
    "assessment form letter visit".split()
)
# Words that end (or, first, rule out) an employer's name after a work phrase in an ALL-CAPS or
# lower-case note, where the name's own words may be ordinary ones ("TRADER JOE'S", "best buy").
_NOT_EMPLOYER = _FUNCTION_WORDS | frozenset(
    "regarding about last next since because every today tonight yesterday tomorrow full part but "
    "so when where which who as until work night nights times least all first noon lunch dinner "
    "bedtime moment it is was and school church time".split()
)
# "... Mental Health Clinic", "... Wellness Center": a general kind made specific by what precedes it.
_SPECIFIC_BEFORE = compile_fast(
    r"\b(?:mental\s+health|wellness|behavioral|counseling|therapy|psychiatric|psychological)\s+$", re.IGNORECASE
)
# Kinds specific enough that one ordinary word before them is a name even in capitals
# ("SUNRISE PSYCHOLOGICAL SERVICES", "BRIGHT MIDDLE SCHOOL"); "CANCER CENTER" is not one.
_SPECIFIC_KINDS = compile_fast(
    r"psychological\s+services|behavioral\s+health(?:\s+center)?|family\s+therapy|counseling\s+"
    r"(?:center|services)|recovery\s+center|treatment\s+center|children'?s\s+hospital|"
    r"psychiatric\s+(?:center|hospital)|(?:middle|high|elementary)\s+school|elementary|junior\s+high|"
    r"academy|fellowship|ministries|church|realty|marketing|construction|logistics|insurance",
    re.IGNORECASE,
)
_HOSPITAL_NAME_WORD = compile_fast(
    r"(?:memorial|general|regional|county|community|university|mercy|baptist|methodist|presbyterian|"
    r"lutheran|adventist)\b",
    re.IGNORECASE,
)
_STRONG_KINDS = compile_fast(r"hospital|medical\s+center|memorial|regional|hosp", re.IGNORECASE)


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
        results = []
        for kind in _KIND.finditer(text):
            mixed = regime_at(text, kind.start()) == MIXED
            if kind.group("abbr") and not mixed and clinical_register(text):
                continue  # in clinical shorthand "CO", "inc" are cardiac output and "increased"
            if mixed and kind.group("abbr") in _UNCASED_ABBR:
                continue  # a company writes "Inc", "Co" in mixed case; "CO 4.2" is cardiac output
            start = self._name_start(
                text, kind.start(), mixed, bool(_STRONG_KINDS.fullmatch(kind.group())),
                specific=bool(
                    _SPECIFIC_KINDS.fullmatch(kind.group())
                    or _SPECIFIC_BEFORE.search(text, max(0, kind.start() - 30), kind.start())
                ),
            )
            if start is None:
                continue
            entity = "FACILITY" if kind.group("fac") else "ORGANIZATION"
            results.append(self._result(entity, start, kind.end(), 0.85))
        for named in _KIND_OF.finditer(text):
            mixed = regime_at(text, named.start()) == MIXED
            start, end = named.span("name")
            last = named.group("name").split()[-1]
            if (mixed and last[0].isupper()) or not (is_common_word(last) or is_clinical_term(last)):
                entity = "FACILITY" if named.group("name").lower().startswith("hospital") else "ORGANIZATION"
                results.append(self._result(entity, start, end, 0.75))
        for saint in _SAINT.finditer(text):
            start, end = saint.span("name")
            name = saint.group("name").split()[-1].split("'")[0]
            inside = any(r.start <= start and end <= r.end for r in results)
            initial = len(name) == 1
            # In capitals "ST" is also the ECG segment ("IN ST. ELEVATIONS"), in lower case "st" also a
            # street: there a saint is a given name.
            cased = name[0].isupper() and not name.isupper()
            named = name_strength(name) or not is_common_word(name) if cased else is_given_name(name)
            if not inside and (initial or len(name) >= 3 and not is_clinical_term(name) and named):
                results.append(self._result("FACILITY", start, end, 0.7))
        for phrase in _AFTER_PHRASE.finditer(text):
            mixed = regime_at(text, phrase.start()) == MIXED
            group = "name" if phrase.group("name") is not None else "addressee"
            if not mixed and (phrase.group("prep") or "at").lower() not in ("at", "from"):
                continue  # "WORK WITH FAMILY": without capitals only "at" (or "laid off from") names a place
            start = phrase.start(group)
            end = self._name_end(text, start, phrase.end(group), mixed)
            if end is not None and not any(r.start <= start and end <= r.end for r in results):
                results.append(self._result("ORGANIZATION", start, end, self._employer_score(phrase)))
        return [r for r in results if not entities or r.entity_type in entities]

    @staticmethod
    def _employer_score(phrase: re.Match[str]) -> float:
        """"works as a cashier at Brandt", "job at Lowell": a place of work, school or shopping
        outranks a name lexicon's PERSON on the same words. After a word for a person ("boss
        yelled at Tom") or another preposition ("works for Dana Lee") the name may be a person's."""
        cue = phrase.group().split()[0].lower()
        at = (phrase.group("prep") or "").lower() == "at" or phrase.group().rstrip().lower().endswith(" at")
        return _EMPLOYER_SCORE if at and cue not in _PEOPLE_CUES else 0.6

    @staticmethod
    def _name_start(
        text: str, end: int, mixed: bool, strong_kind: bool = False, specific: bool = False
    ) -> int | None:
        """Walk back over name-like words before a kind word; None when there are none.

        A name word is not a clinical, function or relation word. In a mixed-case note it is
        capitalized. In an ALL-CAPS or lower-case note ordinary words count too ("MERCY GENERAL
        HOSPITAL", "blue sky behavioral health") when the name has two words or a word that is
        no ordinary word, or is a town or surname before a strong kind ("UNION HOSPITAL"); one
        ordinary word alone ("CANCER CENTER") is not a name.
        """
        start, pos, words, proper, plain = None, end, 0, False, True
        for _ in range(5):
            m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
            if m is None or text[m.end(1) : pos].strip() or "\n" in text[m.end(1) : pos]:
                break  # names do not run across lines
            word = m.group(1)
            bare = word.rstrip(".").split("'")[0]  # "Mary's", "kid's" -> Mary, kid
            if word not in _PLACE_ABBREVIATIONS:
                lower = bare.lower()
                if is_clinical_term(bare) or lower in _FUNCTION_WORDS or lower in RELATION_WORDS or len(bare) <= 2:
                    break
                # Title case before a kind word is the evidence ("Summit Mental Health Clinic").
                if mixed and (not word[0].isupper() or (word.isupper() and len(word) <= 3)):
                    break
                proper = proper or not is_common_word(bare) or bool(strong_kind and (name_strength(bare) or is_city(bare)))
                # Without capitals, words that could be a name's: no function word, verb or adverb
                # form, no kind word.
                plain = (
                    plain and not mixed and lower not in COMMON_WORDS and may_be_lowercase_name(bare)
                    and not _KIND.fullmatch(bare)
                )
            words += 1
            start = pos = m.start()
        # "MEMORIAL HOSPITAL", "GENERAL HOSPITAL": words that name hospitals by themselves.
        named_kind = strong_kind and words == 1 and start is not None and _HOSPITAL_NAME_WORD.match(text, start)
        # Outside clinical shorthand two ordinary words before any kind word name it too ("RAPID
        # TIDE SOLUTIONS", not "FINANCIAL SERVICES COMPANY"); in ICU notes they may be "SOCIAL
        # WORK SERVICES".
        named_run = words >= 2 and (strong_kind or (plain and plain_prose(text)))
        if start is not None and not mixed and not (proper or specific or named_kind or named_run):
            return None  # "ALSO RECEIVED GENERAL", "poss rehab": ordinary words before a weak kind word
        if mixed and words == 1 and not proper and text[end : end + 1].islower() and _SENTENCE_START.search(text, 0, start):
            return None  # "Continue family therapy": a capital that only opens a sentence
        return start

    @staticmethod
    def _name_end(text: str, start: int, end: int, mixed: bool) -> int | None:
        """End of the employer's name after a work phrase; None when it is not a name.

        In a mixed-case note the name is a run of capitalized words (an acronym only first:
        "work at CVS"). In capitals or lower case every word may be ordinary ("BEST BUY"), so the
        run ends at a function, time or generic word, and one of those first is no name.
        """
        last = None
        for m in re.finditer(r"[A-Za-z][\w'&-]*", text[start:end]):
            word = m.group()
            bare = word.split("'")[0]
            lower = bare.lower()
            if is_clinical_term(bare) or lower in RELATION_WORDS or len(bare) <= 2:
                break
            if mixed:
                acronym = word.isupper() and len(word) <= 4
                if not word[0].isupper() or (acronym and last is not None) or lower in _FUNCTION_WORDS:
                    break  # lower case, or an abbreviation after the name (GNR, VTS)
            elif lower in _NOT_EMPLOYER:
                break
            last = start + m.end()
        return last

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        return make_result(self, entity, start, end, score, "kind word or work context")
