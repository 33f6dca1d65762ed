"""The normalized view detection reads, its way back to the note, and redaction through it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deid.kit.facilities import without_kinds
from deid.findings import Finding
from deid.decide.known import find_known
from deid.kit.normalize import view
from strategies import unicode_text

# Invisible characters, accents and look-alikes among plain letters.
TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from("\u200b\u200c\u200d\u00ad\ufeff\u200e\u2066\x00\x07\ufe0f\u0301\u0308"),
        st.sampled_from("éÉøßÆŁıİǅﬁ’“–…\u00a0\u2028Жжаοµ°²½１محمدदि中"),
        st.sampled_from("ab Z.\n\t"),
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("José Hernández", "Jose Hernandez"),
        ("Sørensen", "Sorensen"),
        ("M\u0430ria", "Maria"),  # Cyrillic а
        ("Дмитрий", "Dmitriy"),
        ("ЖУКОВ Жуков", "ZHUKOV Zhukov"),
        ("Jo\u200bhn Ma\u00adria N\x00ed", "John Maria Ned"),
        ("Jose\u0301", "Jose"),  # combining accent
        ("“Ann’s” – ok…\u00a0x", "\"Ann's\" - ok... x"),
        ("ｆｕｌｌ１２", "full12"),
        ("her mother محمد, brother דוד, 王小明, किशोर", "her mother محمد, brother דוד, 王小明, किशोर"),
        ("5 µg at 37°C, ½ tab, x²", "5 µg at 37°C, ½ tab, x²"),
    ],
)
def test_view_folds_letters_of_cased_scripts_only(text: str, expected: str) -> None:
    """Cased letters and punctuation become ASCII, invisibles go, uncased scripts, symbols and units stay."""
    assert view(text).text == expected


def test_plain_ascii_is_its_own_view() -> None:
    """A plain ASCII note takes the fast path: the view is the note and offsets are unchanged."""
    text = "Client Dana Whitfield\tseen 03/14/2025.\r\n"
    note = view(text)
    assert note.text is text and note.starts is None
    assert note.span(7, 21) == (7, 21)


def test_span_keeps_inner_invisibles_and_leaves_edge_ones() -> None:
    """Invisible characters inside a span are inside its original span; at its edges they are not."""
    text = "x \u200bJo\u200bhn\u200b y"
    note = view(text)
    start = note.text.index("John")
    assert text[slice(*note.span(start, start + 4))] == "Jo\u200bhn"


def test_a_combining_accent_stays_with_its_letter() -> None:
    """A decomposed accent at the end of a name is inside the name's original span."""
    text = "Jose\u0301 came"
    assert text[slice(*view(text).span(0, 4))] == "Jose\u0301"


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY, unicode_text()), st.data())
def test_every_view_span_maps_into_the_text(text: str, data) -> None:
    """Every mapped span is in bounds and ordered, and the view's full span maps to the whole text."""
    note = view(text)
    n = len(note.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    s, e = note.span(start, end)
    assert 0 <= s <= e <= len(text)
    if text and view(text[0]).text and view(text[-1]).text:  # no dropped character at an edge
        assert note.span(0, n) == (0, len(text))


@pytest.mark.parametrize(
    "written", ["Jose Hernandez", "JOSÉ HERNÁNDEZ", "Jo\u00adsé Her\u00adnández", "jose hernandez"]
)
def test_known_name_is_found_in_any_spelling(written: str) -> None:
    """A client's known name with accents is found without them, in capitals, or with soft hyphens inside."""
    text = f"Today {written} came."
    hits = [text[f.start : f.end] for f in find_known(text, {"PATIENT": "José Hernández"})]
    assert hits == [written]


def test_facility_kind_is_cut_through_invisible_characters() -> None:
    """A facility's kind with a zero-width space inside is still cut off, in original offsets."""
    text = "at Calvert Hos\u200bpital today"
    (f,) = without_kinds(text, [Finding(3, 20, "FACILITY", 0.9, "test")])
    assert text[f.start : f.end] == "Calvert"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Client José Hernández was seen today.", "Client [PERSON] was seen today."),
        ("RENÉE called.", "[PERSON] called."),
        ("Renée called her sister.", "[PERSON] called her sister."),
        ("Client Jo\u200bhn Smith reports.", "Client [PERSON] reports."),
        ("Client Ma\u00adria Lopez reports.", "Client [PERSON] reports."),
        ("Client M\u0430ria Lopez reports.", "Client [PERSON] reports."),  # Cyrillic а
        ("Client Ma\x00ria Lopez reports.", "Client [PERSON] reports."),
        ("CLIENT JOSÉ HERNÁNDEZ SEEN TODAY WITH SØRENSEN.", "CLIENT [PERSON] SEEN TODAY WITH [PERSON]."),
        ("Her mother محمد called.", "Her mother [PERSON] called."),
    ],
)
def test_names_beyond_ascii_are_redacted_whole(make_redactor, text: str, expected: str) -> None:
    """Accented, capitalized, look-alike and invisibly split names are redacted whole in the original text."""
    assert make_redactor("research").redact(text).text == expected


def test_spans_through_the_view_are_sound(make_redactor) -> None:
    """Findings made on the view are in bounds of the original, sorted and apart, and cover no edge invisibles."""
    text = "\u200bClient José Hernández\u00ad (DOB 04/02/1988) called 619\u2011555\u20110147 re: Renée.\u200b"
    result = make_redactor("research").redact(text)
    assert result.spans
    for s in result.spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start] not in "\u200b\u00ad" and text[s.end - 1] not in "\u200b\u00ad"
    assert all(a.end <= b.start for a, b in zip(result.spans, result.spans[1:]))
    for value in ("José", "Hernández", "04/02", "555", "Renée"):
        assert value not in result.text, value
