"""Clinicians named by title, role, credential or signature ("Dr. Lee", "Jane Park, LCSW")."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.clinical import is_contraction, is_never_a_name
from deid.kit.credentials import credentials_in
from deid.kit.lexicon import (
    CLINICIAN_LABELS,
    CLINICIAN_ROLES,
    CLINICIAN_TITLES,
    CREDENTIAL_FOLLOWERS,
    CREDENTIALS,
    HONORIFICS,
    MONTH_NAMES,
    PREFIX_CREDENTIALS,
    RELATION_WORDS,
    SIGNATURE_CUES,
    is_common_capitalized,
    is_note_word,
    may_be_lowercase_name,
)
from deid.kit.name_shape import POSSESSIVE_ENDINGS
from deid.kit.name_walk import NameWalk
from deid.kit.names import is_common_word, is_listed_name, name_strength
from deid.kit.patterns import compile_fast
from deid.kit.places import is_city
from deid.kit.token_scan import Token, tokenize

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Words with inner hyphens, slashes or apostrophes ("PA-C", "OTR/L", "O'Brien"), numbers, and
# single punctuation marks.
_TOKEN_RE = compile_fast(r"[^\W\d_]+(?:['’\-/][^\W\d_]+)*|\d+|[^\w\s]")


# Credentials that are also US state abbreviations ("Baltimore, MD 21201").
_STATE_LIKE = frozenset({"MD", "MA", "MS", "PA", "DE"})
_LOCATIVE_RE = compile_fast(r"\b(?:in|from|near|outside|around)$", re.IGNORECASE)
_ZIP_AFTER_RE = compile_fast(r"\s*,?\s*\d{5}(?:-\d{4})?\b")
_WORD_AFTER_RE = compile_fast(r"\s*([^\W\d_]+)")
_CHAIN_GAP_RE = compile_fast(r"[ \t]*,?[ \t]*")
_SIGNATURE_RE = compile_fast(
    r"(?=[^\W\d_])\b(?:" + "|".join(SIGNATURE_CUES) + r")(?=[\s:]|$)\s*:?", re.IGNORECASE
)
_ROLE_WORDS = frozenset(word for phrase in CLINICIAN_ROLES for word in phrase)
_MAX_ROLE_LEN = max(len(phrase) for phrase in CLINICIAN_ROLES)
_ROLE_FIRST_WORDS = frozenset(role[0] for role in CLINICIAN_ROLES)
_OPENING_WORDS = CLINICIAN_TITLES | _ROLE_FIRST_WORDS | CLINICIAN_LABELS


_SCORE_STRONG = 0.9  # "Dr." title, credential after the name
_SCORE = 0.85  # role words, labels, signatures, ambiguous credentials, lower-case names


class ClinicianRecognizer(EntityRecognizer):
    """Find clinicians' names from titles, roles, credentials and signature lines."""

    ENTITIES = ["CLINICIAN"]

    def __init__(
        self,
        supported_language: str = "en",
        name: str = "ClinicianRecognizer",
    ) -> None:
        # The title or credential is the context; Presidio's lemma enhancer must not add to it.
        super().__init__(
            supported_entities=list(self.ENTITIES),
            name=name,
            supported_language=supported_language,
            context=[],
        )

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Optional["NlpArtifacts"] = None,
    ) -> list[RecognizerResult]:
        """Return CLINICIAN spans (the name only) found in ``text``."""
        if entities and "CLINICIAN" not in entities:
            return []
        tokens = tokenize(_TOKEN_RE, text)
        scan = _Scan(text, tokens)
        found: list[tuple[int, int, float]] = []
        for i, tok in enumerate(tokens):
            # Only a title, a role's first word, a label or a prefix credential opens a pattern.
            if tok.text.lower() in _OPENING_WORDS or tok.text in PREFIX_CREDENTIALS:
                found.extend(scan.after_title(i))
                found.extend(scan.after_role(i))
        found.extend(scan.after_signature())
        found.extend(scan.before_credentials())
        return [self._result(s, e, score) for s, e, score in _resolve(found)]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        """Build one Presidio result with our recognizer's name and id."""
        return make_result(self, "CLINICIAN", start, end, score, "name next to a clinician title, role or credential")


def _resolve(found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Merge overlapping findings: keep the longest span, then the highest score."""
    ordered = sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), -f[2]))
    kept: list[tuple[int, int, float]] = []
    for start, end, score in ordered:
        if kept and start < kept[-1][1]:
            if end <= kept[-1][1]:
                kept[-1] = (kept[-1][0], kept[-1][1], max(kept[-1][2], score))
            continue
        kept.append((start, end, score))
    return kept


class _Scan(NameWalk):
    """The clinician patterns over one text's tokens."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        super().__init__(text, tokens)
        self.start_offsets = [tok.start for tok in tokens]
        self.ends = {tok.end: i for i, tok in enumerate(tokens)}

    def name_ok(self, i: int, *, first: bool, allow_lower: bool, strong: bool = False) -> bool:
        """Whether token i can be part of a person's name after (or before) a cue; `strong`: after
        a title or before a credential."""
        allow_lower = allow_lower and first
        tok = self.tokens[i]
        word = tok.text[:-2] if tok.text.endswith(POSSESSIVE_ENDINGS) else tok.text
        if len(word) < 2 or not word[0].isalpha():
            return False
        lower = word.lower()
        # Right after "Dr." or an initial ("Dr. Good", "N. Brady, LMHC") a listed surname is a name
        # even when it is also a word or an abbreviation ("Dr. Appointment" is not).
        named = strong and is_listed_name(word) and self.after_title_or_initial(i)
        # Contractions and talk ("I'm", "Let's", "Yeah", "Mm-hmm") follow speaker labels such as
        # "Therapist:" in transcripts; they are never names.
        if is_contraction(word) or (is_never_a_name(word) and not named):
            return False
        if lower in CLINICIAN_TITLES or lower in HONORIFICS or word.upper().replace(".", "") in CREDENTIALS:
            return False
        if (lower in _ROLE_WORDS or lower in CLINICIAN_LABELS or lower in RELATION_WORDS) and not named:
            return False  # "therapist", "provider", "son" ... but "Dr. Art White"
        if lower in MONTH_NAMES:
            nxt = self.tok(i + 1)
            if nxt is not None and nxt.text.isdigit():
                return False
        if word.isupper():
            if is_note_word(word, strong_cue=strong) and not named:
                return False
            # A capitals line: an English word is no name unless a list says so ("SLIGHTLY, PT").
            if self.english_word_in_capitals(i, word) and not named:
                return False
            # Acronyms in mixed-case text ("PCP", "HTN") rarely have a vowel; names do.
            return self.line_is_caps(tok.start) or any(c in "AEIOUY" for c in word)
        if word[0].isupper():
            if is_common_word(word) and not (named or name_strength(word)):
                return False  # "Seen by Cardic Transplant surgeon"
            return named or not is_common_capitalized(word)
        if not allow_lower or not word.islower():
            return False
        if is_note_word(word, strong_cue=strong):
            # "dr vasquez, dr small"; but "the doctor said" (a noun, not a title).
            title = self.tok(i - 2 if self.tok(i - 1) and self.tokens[i - 1].text == "." else i - 1)
            return named and title is not None and title.text.lower() == "dr"
        return may_be_lowercase_name(word)

    def after_title_or_initial(self, i: int, depth: int = 0) -> bool:
        """Whether token i directly follows a title ("Dr.", "DR") or an initial ("J."), or a
        listed name that does ("Dr. Art White")."""
        j = i - 1
        prev = self.tok(j)
        if (
            depth == 0 and prev is not None and prev.text.istitle() and self.tokens[i].text.istitle()
            and self.adjacent(j, i) and is_listed_name(prev.text) and self.after_title_or_initial(j, 1)
        ):
            return True  # Title Case only: in capitals every word looks like a name
        if (dot := self.tok(j)) is not None and dot.text == "." and self.adjacent(j, i):
            if self.is_initial(j - 1):
                return True
            j -= 1
        title = self.tok(j)
        return title is not None and title.text.lower() in CLINICIAN_TITLES and self.adjacent(j, j + 1)

    def skip_title(self, j: int) -> bool:
        """Whether token j is a title ("Dr." or "Dr"), which after_title handles instead."""
        tok = self.tok(j)
        return tok is not None and tok.text.lower() in CLINICIAN_TITLES

    # -- patterns -----------------------------------------------------------------------------

    def after_title(self, i: int) -> list[tuple[int, int, float]]:
        """Names after a title: "Dr. Lee", "DR LEE", "dr. lee", "Drs. Lee and Park"."""
        tok = self.tokens[i]
        title = tok.text.lower()
        if title not in CLINICIAN_TITLES:
            return []
        j = i + 1
        if (dot := self.tok(j)) is not None and dot.text == "." and self.adjacent(i, j):
            if is_common_word(title):
                return []  # "as your doctor. Why don't we": a word's period ends the sentence ("Dr." does not)
            j += 1
        if self.tok(j) is None or not self.adjacent(j - 1, j):
            return []
        name = self.name_forward(j, strong=True, allow_lower=title in ("dr", "doctor"))
        if name is None:
            return []
        start, end, k = name
        score = _SCORE if self.text[start:end].islower() else _SCORE_STRONG
        results = [(start, end, score)]
        if title == "drs":
            while (sep := self.tok(k + 1)) is not None and sep.text.lower() in (",", "and", "&") \
                    and self.tok(k + 2) is not None and self.adjacent(k, k + 1) \
                    and self.adjacent(k + 1, k + 2):
                more = self.name_forward(k + 2, strong=True)
                if more is None:
                    break
                results.append((more[0], more[1], _SCORE_STRONG))
                k = more[2]
        return results

    def after_role(self, i: int) -> list[tuple[int, int, float]]:
        """Names after a role or label: "therapist Ann Lee", "Nurse Practitioner Alice Wong",
        "NP Kim", "Provider: Ann Lee"."""
        tok = self.tokens[i]
        if self.speaker_label(i):
            return []  # "Therapist: Hm." starts a turn of a transcript; no name follows
        last = self._role_end(i)
        colon = False
        if last is None:
            if tok.text in PREFIX_CREDENTIALS:
                last = i
            elif tok.text.lower() in CLINICIAN_LABELS:
                nxt = self.tok(i + 1)
                if nxt is None or nxt.text != ":" or not self.adjacent(i, i + 1):
                    return []
                last, colon = i + 1, True
            else:
                return []
        j = last + 1
        if not colon and (sep := self.tok(j)) is not None and sep.text in (":", ",") \
                and self.adjacent(last, j):
            j += 1
        if self.tok(j) is None or not self.adjacent(j - 1, j) or self.skip_title(j):
            return []
        # A role word before a credential ("psychiatric NP Kim") is handled from the credential.
        if self.tokens[j].text in PREFIX_CREDENTIALS:
            return []
        name = self.name_forward(j, strong=False)
        if name is None:
            return []
        return [(name[0], name[1], _SCORE)]

    def _role_end(self, i: int) -> Optional[int]:
        """Index of the last token of the longest role phrase starting at token i."""
        if self.tokens[i].text.lower() not in _ROLE_FIRST_WORDS:
            return None
        for length in range(_MAX_ROLE_LEN, 0, -1):
            if i + length > len(self.tokens):
                continue
            words = tuple(t.text.lower() for t in self.tokens[i : i + length])
            if words in CLINICIAN_ROLES and all(
                self.adjacent(k, k + 1) for k in range(i, i + length - 1)
            ):
                return i + length - 1
        return None

    def after_signature(self) -> list[tuple[int, int, float]]:
        """Names after "seen by", "signed:", "Electronically signed by"."""
        results = []
        for cue in _SIGNATURE_RE.finditer(self.text):
            j = bisect_left(self.start_offsets, cue.end())
            if j >= len(self.tokens) or not self.adjacent(j - 1, j):
                continue
            if self.skip_title(j):
                continue
            name = self.name_forward(j, strong=False)
            if name is not None:
                results.append((name[0], name[1], _SCORE))
        return results

    def before_credentials(self) -> list[tuple[int, int, float]]:
        """Names before credentials: "Jane Park, LCSW", "J. Park LMFT", "Ortiz, MD",
        "Ann Lee, PsyD, LCSW"."""
        creds = credentials_in(self.text)
        results = []
        for index, (start, end, exact) in enumerate(creds):
            # Only the first credential of a chain ("Ann Lee, PhD, LCSW") looks back.
            if index and self._follows(creds[index - 1][1], start):
                continue
            if self._is_modifier(end):
                continue
            i = self._token_ending_before(start)
            if i is None:
                continue
            comma = self.tokens[i].text == ","
            if comma:
                i -= 1
            if i < 0 or not self._close(i, start):
                continue
            # A credential in lower case ("rrt", "licsw") signs a name in lower case.
            found = self.name_backward(i, allow_lower=not exact and self.text[start:end].islower(), strong=True)
            if found is None:
                continue
            name_start, words = found
            chain = self.text[start:end].replace(".", "").upper()
            ambiguous = exact and not self._chain_has_unambiguous(end, creds, index + 1)
            if ambiguous and not self._ambiguous_ok(
                chain, comma, words, name_start, self.tokens[i].end, end
            ):
                continue
            results.append((name_start, self.tokens[i].end,
                            _SCORE if ambiguous else _SCORE_STRONG))
        return results

    def _chain_has_unambiguous(
        self, end: int, creds: list[tuple[int, int, bool]], first: int
    ) -> bool:
        """Whether an unambiguous credential follows in the same chain ("Ann Lee, MA, LPC")."""
        for start, cred_end, exact in creds[first:]:
            if not self._follows(end, start):
                return False
            if not exact:
                return True
            end = cred_end
        return False

    def _ambiguous_ok(
        self, cred: str, comma: bool, words: int, name_start: int, name_end: int, end: int
    ) -> bool:
        """Extra evidence for credentials that are also words or states ("MA", "MD", "DO")."""
        if not comma and words < 2:
            return False
        if self._signature_line(name_start, end):
            return True  # "MURIELE WILLIAM RN" alone on its line: a signature
        if self.line_is_caps(name_start) and not comma:
            return False
        if cred in _STATE_LIKE:
            if _ZIP_AFTER_RE.match(self.text, end):
                return False
            # "Lives in Boston, MA" and "Chicago, MA" are places; "Smith, MA" is a clinician.
            place = self.text[name_start:name_end]
            before = self.text[:name_start].rstrip(" \t")
            if is_city(place) and (not name_strength(place) or _LOCATIVE_RE.search(before)):
                return False
            if words == 1 and before.endswith(","):
                return False
        return True

    def _signature_line(self, name_start: int, end: int) -> bool:
        """Whether the name opens its line and the credential closes it."""
        line_start = self.text.rfind("\n", 0, name_start) + 1
        line_end = self.text.find("\n", end)
        rest = self.text[end : len(self.text) if line_end < 0 else line_end]
        return not self.text[line_start:name_start].strip() and not rest.strip()

    def _follows(self, previous_end: int, start: int) -> bool:
        """Whether a credential starting at ``start`` directly follows one ending at
        ``previous_end`` (only spaces and a comma between, as in "PhD, LCSW")."""
        return _CHAIN_GAP_RE.fullmatch(self.text, previous_end, start) is not None

    def _is_modifier(self, end: int) -> bool:
        """Whether the credential modifies the next word ("PhD program", "MS symptoms")."""
        after = _WORD_AFTER_RE.match(self.text, end)
        if after is None or "\n" in after.group(0):
            return False
        return after.group(1).lower() in CREDENTIAL_FOLLOWERS

    def _token_ending_before(self, pos: int) -> Optional[int]:
        """Index of the last token that ends at or before ``pos``."""
        k = pos
        while k > 0 and self.text[k - 1] in " \t":
            k -= 1
        return self.ends.get(k)

    def _close(self, i: int, start: int) -> bool:
        """Whether token i sits on the credential's line with at most a comma between."""
        gap = self.text[self.tokens[i].end : start]
        return len(gap) <= 3 and "\n" not in gap
