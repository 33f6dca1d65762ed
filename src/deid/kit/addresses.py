"""What follows a street line in a written address: units, then the town, state or region, postcode
and country, on the same line after commas or on the next few lines ("12 Baker St\n Flat 3\n Leeds")."""

from __future__ import annotations

import re

from deid.kit.casing import MIXED, regime_at
from deid.kit.clinical import is_never_a_name
from deid.kit.patterns import compile_fast
from deid.kit.places import is_state

# A letter word in any script, and one that starts with a capital (any script: "Østre", "Μεγάλη").
WORD = r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*"
UPPER = "[" + "".join(re.escape(chr(i)) for i in range(0x3000) if chr(i).isupper()) + "]"
CAPITALIZED = rf"{UPPER}[^\W\d_'’-]*(?:[-'’][^\W\d_]+)*"
# Particles of street and place names stay lower case in mixed case ("Rue de la Paix").
PARTICLES = frozenset(
    "de del della dello dei di da do dos das du des la le les el al y e van von der den ten ter op "
    "aan am an im zu".split()
)
# One unit: "Apt. 5", "Suite 201", "Flat 3", "Fl 2", "#71", "Box 12".
UNIT = (
    r"(?:(?i:apt|apartment|unit|suite|ste|flat|fl|floor|room|rm|bldg|building|box|postbox)\.?[ \t]*#?"
    r"|#[ \t]*)\d[\w-]*"
)
_POSTAL = r"(?:\d{3,6}(?:[ -]\d{2,4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})"
_UNIT_WORD = r"(?i:apt|apartment|unit|suite|ste|flat)"
# A line break (a quoted ">" line and one blank line allowed) or a comma.
_BREAK = rf"(?:[ \t]*,?[ \t]*\n(?:[ \t]*>?[ \t]*\n)?[ \t]*>?[ \t]*,?[ \t]*|[ \t]*,[ \t]*|[ \t]+(?={_UNIT_WORD}\b))"
_END = r"(?=[ \t]*(?:[,.?!;)]|\n|$))"
# A postcode ends a segment by itself: "Poland 52096 last night" (not "BP 120/80").
_POSTAL_END = r"(?![\w/.:-]\w)"
_SEGMENT = compile_fast(
    rf"{_BREAK}(?P<seg>{UNIT}(?:{_END}|(?=[ \t]+{_UNIT_WORD}\b))"
    rf"|(?P<region>[A-Z]{{2}})(?:[ \t]+{_POSTAL}{_POSTAL_END}|{_END})"
    rf"|(?P<place>{WORD}(?:[ \t]+{WORD}){{0,2}}(?:[ \t]+\({WORD}\))?)(?:[ \t]*,?[ \t]+{_POSTAL}{_POSTAL_END}|{_END})"
    rf"|{_POSTAL}{_POSTAL_END})",
    re.MULTILINE,
)
_MAX_SEGMENTS = 5
# "3 WAY FOLEY IN PLACE", "12 MAIN ST, AND HOME": no street or place name has these.
FUNCTION_WORDS = frozenset(
    "in on at by to of for with and or not the a an per given is was were be been has had see".split()
)


def _is_place(words: list[str], mixed: bool) -> bool:
    """A town, region or country: capitalized in mixed case (particles aside), never clinical words."""
    if mixed and not all(w[0].isupper() or w.lower() in PARTICLES for w in words):
        return False
    return not any(w.lower() in FUNCTION_WORDS or is_never_a_name(w) for w in words)


def address_end(text: str, end: int) -> tuple[int, int]:
    """Where the address whose street line ends at `end` ends (after its units, town, region,
    postcode and country: short segments after a comma or on their own lines), and how many."""
    mixed = regime_at(text, end) == MIXED
    count = 0
    while count < _MAX_SEGMENTS:
        match = _SEGMENT.match(text, end)
        if match is None:
            break
        place, region = match.group("place"), match.group("region")
        if place is not None and not _is_place(re.findall(WORD, place), mixed):
            break
        if is_state(region or place or ""):
            break  # a U.S. state is no identifier under Safe Harbor; its ZIP is found on its own
        end = match.end()
        count += 1
    return end, count
