"""US phone and fax numbers in the formats clinical notes use, extensions included."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from deid.kit.base import make_result
from deid.kit.lexicon import FAX_CONTEXT_WORDS, ID_CONTEXT_WORDS, PHONE_CONTEXT_WORDS
from deid.kit.patterns import compile_fast

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Regexes rather than phonenumbers.PhoneNumberMatcher: the matcher drops numbers whose area
# code is unassigned or fictional (which still have to be redacted), does not find 7-digit
# local numbers, and does not report extensions written as "ext 0" in every form we see.

# A number may not start right after a word character or inside a longer number, a date
# ("03/14/2025"), a decimal or a hyphenated code.
# Not inside a word, number or ID; a dash is allowed when it is not attached to a digit or letter
# ("DAUGHTER-KRISSY---301 944-5032").
_START = r"(?<![\w+./])(?<![\w]-)"
# Nor end where a longer number, date or decimal goes on.
_END = r"(?!\d|[-./]\d)"
_SEP = r"[-.\u2010-\u2015 ]"
_EXT = r"(?P<ext>\s{0,2}[,;]?\s{0,2}(?:ext\.?|extension|x)\s{0,2}[.:#]?\s{0,2}\d{1,6}(?!\d))?"

# (name, regex, base score, needs phone context). Groups "area" and "exchange" allow the North
# American Numbering Plan check (neither may start with 0 or 1).
_PATTERNS: tuple[tuple[str, re.Pattern[str], float, bool], ...] = tuple(
    (name, re.compile(regex, re.IGNORECASE), score, needs_context)
    for name, regex, score, needs_context in (
        (
            "parenthesised area code",
            _START + r"(?P<cc>\+?1[-. ]?)?\((?P<area>\d{3})\)[ ]?(?P<exchange>\d{3})"
            + _SEP + r"?\d{4}" + _END + _EXT + _END,
            0.85,
            False,
        ),
        (
            "separated 10 digits",
            _START + r"(?P<cc>\+?1" + _SEP + r")?(?P<area>\d{3})(?:" + _SEP + r"|/)"
            r"(?P<exchange>\d{3})" + _SEP + r"\d{4}" + _END + _EXT + _END,
            0.75,
            False,
        ),
        (
            "bare 10 digits",
            _START + r"(?P<cc>\+?1)?(?P<area>\d{3})(?P<exchange>\d{3})\d{4}" + _END + _EXT
            + _END,
            0.8,
            True,
        ),
        (
            # Typos that keep the digits but lose the grouping ("240444-1243", "301 273 45166"):
            # only inside parentheses of their own or after a phone label.
            "misgrouped digits",
            _START + r"(?=\d{3}[-. ]|\d{6}[-. ])(?P<area>\d{3})[-. ]?(?P<exchange>\d{3})[-. ]?\d{4,5}"
            + _END,
            0.6,
            True,
        ),
        (
            "7-digit local",
            _START + r"(?P<exchange>\d{3})[-.\u2010-\u2015]\d{4}" + _END + _EXT + _END,
            0.7,
            True,
        ),
        (
            "extension only",
            r"(?<![\w.\-])(?:ext\.?|extension)\s{0,2}[.:#]?\s{0,2}\d{1,6}" + _END,
            0.5,
            False,
        ),
    )
)

_LABEL_WORDS = PHONE_CONTEXT_WORDS | FAX_CONTEXT_WORDS | ID_CONTEXT_WORDS
# A label: a word from the lists, "#", or a one-letter label such as "f:", "(c)", "c)".
_LABEL_RE = compile_fast(
    r"(?P<word>\b(?:" + "|".join(sorted(map(re.escape, _LABEL_WORDS), key=len, reverse=True))
    + r")\b)|(?P<hash>#)|(?:(?<![\w])(?P<letter>[fchwmop])\s?[:)])",
    re.IGNORECASE,
)
# Labels written after the number: "(cell)", "(fax)", "(f)", "- cell".
_AFTER_RE = compile_fast(
    r"\s{0,2}(?:\(|-\s?|,\s?)?(?P<label>fax|facsimile|f|cell|mobile|home|work|office|c|h|w|m|o|"
    r"phone|tel|direct|main|pager)\b\)?",
    re.IGNORECASE,
)
_UNIT_AFTER = compile_fast(r"[ \t]?(?:cc|ml|mls|mg|mcg|kg|g|l|units?|mmhg|%)(?![\w])", re.IGNORECASE)
_OPEN_BEFORE = compile_fast(r"\(\s?$")
_CLOSE_AFTER = compile_fast(r"\s?\)")
_WINDOW_BEFORE = 40
# A footer or signature: a separator before the number on its line ("Hillside Counseling | 5035550147";
# "·" and "•" arrive normalized as "-" and "*"), or a line of words that the number ends.
_SEPARATOR_BEFORE = compile_fast(r"(?:[|*~]|(?:^|\s)-|,)[ \t]*$")
_WORDS_BEFORE = compile_fast(r"^[ \t]*[A-Za-z][A-Za-z&'.,()/ \t-]*[ \t]$")
_LINE_END_AFTER = compile_fast(r"[ \t]*[.;]?[ \t]*(?:\n|$)")

_CONTEXT_BONUS = 0.15
_EXT_BONUS = 0.05
_MAX_SCORE = 0.95


def _in_footer(text: str, start: int, end: int) -> bool:
    """Whether a bare number follows a separator on its line, or ends a line of words (a signature)."""
    line_before = text[text.rfind("\n", 0, start) + 1 : start]
    if _SEPARATOR_BEFORE.search(line_before):
        return True
    return _WORDS_BEFORE.match(line_before) is not None and _LINE_END_AFTER.match(text, end) is not None


def _in_own_parentheses(text: str, start: int, end: int) -> bool:
    """Whether the number stands alone in brackets: "(240444-1243)"."""
    return _OPEN_BEFORE.search(text, max(0, start - 2), start) is not None and _CLOSE_AFTER.match(text, end) is not None


class DeidPhoneRecognizer(EntityRecognizer):
    """Find US phone and fax numbers, extensions included; FAX when a fax label is nearest."""

    ENTITIES = ["PHONE_NUMBER", "FAX"]

    def __init__(
        self,
        supported_language: str = "en",
        name: str = "DeidPhoneRecognizer",
    ) -> None:
        # Context is scored here, not by Presidio's lemma enhancer, so none is registered.
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
        """Return phone and fax numbers found in ``text`` (only ``entities`` asked for)."""
        wanted = set(entities) if entities else set(self.ENTITIES)
        candidates: list[tuple[int, int, float, str, str]] = []
        for pattern_name, regex, base, needs_context in _PATTERNS:
            for match in regex.finditer(text):
                scored = self._score(text, match, pattern_name, base, needs_context)
                if scored is not None:
                    candidates.append((match.start(), match.end(), *scored, pattern_name))
        return self._to_results(self._drop_contained(candidates), wanted)

    def _score(
        self, text: str, match: re.Match[str], pattern_name: str, base: float,
        needs_context: bool,
    ) -> Optional[tuple[float, str]]:
        """Score one match from its shape and its labels; None when it is not a phone number."""
        groups = match.groupdict()
        nanp_valid = all(
            groups.get(key) is None or groups[key][0] not in "01" for key in ("area", "exchange")
        )
        if _UNIT_AFTER.match(text, match.end()):
            return None  # "(500 600 7000 cc)": amounts, not a number to call
        label = self._nearest_label(text, match.start(), match.end())
        if pattern_name == "misgrouped digits" and label is None and _in_own_parentheses(text, match.start(), match.end()):
            label = "phone"
        if pattern_name == "bare 10 digits" and label is None and _in_footer(text, match.start(), match.end()):
            label = "phone"
        if label == "id":
            if needs_context:
                return None
            base = 0.4
        if needs_context and (label not in ("phone", "fax") or not nanp_valid):
            return None
        score = base if nanp_valid else min(base, 0.5)
        if groups.get("cc") and pattern_name == "separated 10 digits":
            score = max(score, 0.85)
        if label in ("phone", "fax") and not needs_context:
            score += _CONTEXT_BONUS
        if groups.get("ext"):
            score += _EXT_BONUS
        entity = "FAX" if label == "fax" else "PHONE_NUMBER"
        return min(score, _MAX_SCORE), entity

    @staticmethod
    def _nearest_label(text: str, start: int, end: int) -> Optional[str]:
        """Kind of the closest label before the number on its line ("phone", "fax", "id"),
        else of a label written right after it; None when there is none."""
        line_start = text.rfind("\n", 0, start) + 1
        window_start = max(line_start, start - _WINDOW_BEFORE)
        # A label belongs to the nearest number: do not look back past another number.
        before = text[window_start:start]
        last_digit = max(before.rfind(d) for d in "0123456789")
        if last_digit >= 0:
            before = before[last_digit + 1 :]
        kind = None
        for label in _LABEL_RE.finditer(before):
            if label.group("word"):
                word = label.group("word").lower()
                kind = (
                    "fax" if word in FAX_CONTEXT_WORDS
                    else "phone" if word in PHONE_CONTEXT_WORDS
                    else "id"
                )
            elif label.group("hash"):
                # "#" adds nothing to a word label ("MRN #", "fax #"); alone it means a number.
                kind = kind or "phone"
            else:
                kind = "fax" if label.group("letter").lower() == "f" else "phone"
        if kind is not None:
            return kind
        after = _AFTER_RE.match(text, end, min(len(text), end + 16))
        if after:
            word = after.group("label").lower()
            return "fax" if word in ("fax", "facsimile", "f") else "phone"
        return None

    @staticmethod
    def _drop_contained(
        candidates: list[tuple[int, int, float, str, str]],
    ) -> list[tuple[int, int, float, str, str]]:
        """Keep the longest of overlapping candidates (then the higher score), in text order."""
        ordered = sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]), -c[2]))
        kept: list[tuple[int, int, float, str, str]] = []
        for cand in ordered:
            if kept and cand[0] < kept[-1][1]:
                continue
            kept.append(cand)
        return kept

    def _to_results(
        self, candidates: list[tuple[int, int, float, str, str]], wanted: set[str],
    ) -> list[RecognizerResult]:
        """Build Presidio results for the entities asked for."""
        results = []
        for start, end, score, entity, pattern_name in candidates:
            if entity not in wanted:
                continue
            results.append(make_result(self, entity, start, end, score, f"pattern {pattern_name}"))
        return results
