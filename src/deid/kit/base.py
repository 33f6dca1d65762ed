"""A small base for plug-in recognizers: regexes whose `value` group is the identifier."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import ClassVar

import tldextract
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from deid.kit.patterns import compile_fast


def make_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, why: str
) -> RecognizerResult:
    """A Presidio result that names its recognizer (findings report it) and is marked as already
    scored for context: our recognizers weigh their own cues, Presidio's enhancer must not add."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(recognizer.name, score, textual_explanation=why),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        },
    )


@lru_cache(maxsize=1)
def _offline_tld() -> tldextract.TLDExtract:
    # No suffix-list URLs and no cache: only the Public Suffix List snapshot inside tldextract is
    # read (Presidio's default extractor fetches it from the network).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def split_domain(domain: str) -> tldextract.tldextract.ExtractResult:
    """tldextract's split of a host name (subdomain, domain, suffix), offline."""
    return _offline_tld()(domain)


class RegexRecognizer(EntityRecognizer):
    """Subclass with ENTITY, NAME and PATTERNS = [(regex, score)] or [(regex, score, cue)]; a named
    group `value` narrows the span.

    Patterns are tried in order; a match inside one already found is skipped.

    Use it when the evidence (a label such as "DOB:" or "MRN") must be matched but not redacted,
    which Presidio's PatternRecognizer cannot express. Regexes are compiled once per class.
    A cue is a quick regex that every match of its pattern contains: a text without it skips the
    pattern, which pays when a pattern opens with a long alternation tried at every word.
    Each pattern is compiled behind a look-ahead on the characters its matches can start with
    (`deid.kit.patterns`), so a keyword alternation is tried only at the words it could open.
    A pattern whose first character is a class (``\\d``, ``\\w``) gets none: one that opens with a
    look-behind or ``\\b`` still pays for a hand-written look-ahead (``(?=\\d)``, ``(?=[^\\W\\d_])``).
    """

    ENTITY: ClassVar[str] = ""
    NAME: ClassVar[str] = ""
    PATTERNS: ClassVar[list[tuple[str, float] | tuple[str, float, str]]] = []
    FLAGS: ClassVar[int] = re.IGNORECASE | re.MULTILINE
    _compiled: ClassVar[list[tuple[re.Pattern[str], float, re.Pattern[str] | None]]]

    def __init__(self) -> None:
        cls = type(self)
        if "_compiled" not in cls.__dict__:
            cls._compiled = [
                (compile_fast(p, cls.FLAGS), s, compile_fast(cue[0], cls.FLAGS) if cue else None)
                for p, s, *cue in cls.PATTERNS
            ]
        super().__init__(
            supported_entities=[cls.ENTITY], name=cls.NAME or cls.__name__, supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: patterns are compiled at construction."""

    def validate(self, value: str) -> bool:
        """Override to reject a match a regex cannot rule out."""
        return True

    def accept(self, text: str, start: int, end: int) -> bool:
        """Override to judge a match by its surroundings; by default, `validate` of the value."""
        return self.validate(text[start:end])

    def extend(self, text: str, start: int, end: int) -> int:
        """Override to let an accepted match run on past what a regex can see (an address's town)."""
        return end

    def patterns_for(self, text: str) -> Sequence[tuple]:
        """Override to skip patterns a quick look at the text rules out; by default, all. An
        override may add a fourth item to a pattern: the (start, end) stretches of the text to
        search (the lines with a keyword), instead of the whole text."""
        return self._compiled

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Every match of every pattern, as the `value` group (or the whole match)."""
        if entities and self.ENTITY not in entities:
            return []
        results = []
        taken: list[tuple[int, int]] = []  # patterns are in priority order; later ones fill gaps
        for regex, score, cue, *regions in self.patterns_for(text):
            if cue is not None and cue.search(text) is None:
                continue
            for match in _matches(regex, text, regions[0] if regions else None):
                group = "value" if "value" in regex.groupindex else 0
                start, end = match.span(group)
                if start == end or any(s <= start and end <= e for s, e in taken):
                    continue
                if not self.accept(text, start, end):
                    continue
                end = self.extend(text, start, end)
                taken.append((start, end))
                results.append(make_result(self, self.ENTITY, start, end, score, f"pattern {regex.pattern[:60]}"))
        return results


def _matches(regex: re.Pattern[str], text: str, regions: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """Matches in the whole text, or in each region (look-behinds still see what precedes it)."""
    if regions is None:
        yield from regex.finditer(text)
        return
    for start, end in regions:
        yield from regex.finditer(text, start, end)
