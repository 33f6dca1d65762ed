"""How a note's casing is judged: per note, and per line where a line says enough on its own."""

from __future__ import annotations

import pytest

from deid.kit.casing import LOWER, MIXED, UPPER, case_regime, regime_at, restore_word


@pytest.mark.parametrize(
    ("text", "regime"),
    [
        ("Pt is alert and oriented, follows commands.", MIXED),
        ("PT IS ALERT AND ORIENTED, FOLLOWS COMMANDS.", UPPER),
        ("pt is alert and oriented, follows commands.", LOWER),
        ("", MIXED),
    ],
)
def test_case_regime(text: str, regime: str) -> None:
    """A note is upper, lower or mixed case by the share of its capital letters."""
    assert case_regime(text) == regime


def test_each_long_line_has_its_own_regime() -> None:
    """A lower-case line under a capitals header is lower case; a short line takes the note's regime."""
    text = "MR. EDWIN SMITH IS AN 83 YR OLD MALE ADMITTED\nneuro: A&O\nsocial: pt's wife lives in a nursing home with her sister"
    assert case_regime(text) == MIXED
    assert regime_at(text, 3) == UPPER
    assert regime_at(text, text.index("neuro")) == MIXED
    assert regime_at(text, text.index("sister")) == LOWER


@pytest.mark.parametrize(
    ("word", "restored"),
    [
        ("TOM", "Tom"),
        ("OKAFOR", "Okafor"),  # too rare to know: written as a name
        ("HEMATOCRITS", "hematocrits"),  # a plural the table lacks of a lower-case word
        ("okafors", "Okafors"),
        # Listed names the web writes capitalized nearly as often as not: names.
        ("FALCONER", "Falconer"),
        ("fender", "Fender"),
        # Far more often a word, or two letters long: words.
        ("MARK", "mark"),
        ("ED", "ed"),
    ],
)
def test_restore_word(word: str, restored: str) -> None:
    assert restore_word(word) == restored


# Caches of deid that never see note text: lexicons and data loaded once, characters, engine configs,
# Redactors by policy. A cache keyed by a note or its words would keep PHI in memory after use.
CACHES_WITHOUT_NOTE_TEXT = {
    "deid.kit.names._tables", "deid.kit.names._common_proper_nouns", "deid.kit.places.us_cities", "deid.kit.lexicon.lemma_table",
    "deid.kit.places._countries", "deid.kit.normalize._fold", "deid.transform.pseudonymize._names",
    "deid.redact._shared_detector", "deid.redact._cached_redactor", "deid.kit.base._offline_tld",
    "deid.report.templates.templates",
}


def test_nothing_of_a_note_is_kept_after_use(detector) -> None:
    """After a note is analyzed its casing is gone, and no function cache of deid is keyed by note text
    or note words (the casing of the last 64 notes and the last 65,536 words used to be kept)."""
    import functools
    import gc

    from deid.kit import casing

    detector.detect("MET WITH ZORBLATKIN QUIVRELLE TODAY.\nShe said Zorblatkin called.")
    assert casing.noted() is None
    caches = {
        f"{o.__module__}.{o.__qualname__}"
        for o in gc.get_objects()
        if isinstance(o, functools._lru_cache_wrapper) and getattr(o, "__module__", "").startswith("deid")
    }
    assert caches <= CACHES_WITHOUT_NOTE_TEXT, caches - CACHES_WITHOUT_NOTE_TEXT


def test_per_note_computes_once_per_text_and_forgets_with_the_note() -> None:
    """Inside a note's block a `per_note` function runs once per text it is asked about (the note,
    a truecased copy); outside it, every time; nothing is kept once the block ends."""
    from deid.kit.casing import note_casing, per_note

    calls: list[str] = []

    @per_note
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    note = "Met with Odalys today."
    with note_casing(note):
        assert shout(note) == shout(note) == "MET WITH ODALYS TODAY."
        assert shout("other text") == "OTHER TEXT"
        shout("other text")
    assert calls == [note, "other text"]
    with note_casing(note):
        shout(note)  # a new block: the last one's results are gone
    shout(note)
    shout(note)
    assert calls == [note, "other text", note, note, note]
