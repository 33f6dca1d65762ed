"""U.S. place names for location detection, from general sources.

City and town names come from the `zipcodes` package (MIT; USPS city names per ZIP code, with
GeoNames data under CC BY 4.0): every preferred and acceptable city name, 25,000+ of them.
State names are listed here by hand: a state is not an identifier under Safe Harbor. Street
suffixes are the primary names of USPS Publication 28, appendix C1 (public domain), with their
common abbreviations.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import zipcodes

from deid.kit.prebuilt import prebuilt

STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "DC": "district of columbia",
    "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho", "IL": "illinois",
    "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york",
    "NC": "north carolina", "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon",
    "PA": "pennsylvania", "RI": "rhode island", "SC": "south carolina", "SD": "south dakota",
    "TN": "tennessee", "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia",
    "WA": "washington", "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "PR": "puerto rico",
}  # fmt: skip
STATE_NAMES = frozenset(STATES.values())


@lru_cache(maxsize=1)
def us_cities() -> frozenset[str]:
    """Lower-case U.S. city and town names (USPS preferred and acceptable names), built once per
    installation from the `zipcodes` package's data (`deid.kit.prebuilt`)."""
    package = Path(zipcodes.__file__).parent  # the data is compiled into the package's extension
    sources = [Path(__file__), *sorted(package.glob("*.py")), *sorted(package.glob("*.so"))]
    return prebuilt("us-cities", sources, _build_us_cities)


def _build_us_cities() -> frozenset[str]:
    names: set[str] = set()
    for record in zipcodes.list_all():
        names.add(record["city"].lower())
        names.update(c.lower() for c in record.get("acceptable_cities") or [])
    return frozenset(names)


# USPS street suffixes (each may take a plural "s") and common abbreviations, for regexes.
_USPS_SUFFIXES = """
    alley anex arcade avenue bayou beach bend bluff bottom boulevard branch bridge brook burg bypass
    camp canyon cape causeway center circle cliff club common corner course court cove creek crescent
    crest crossing crossroad curve dale dam divide drive estate expressway extension fall ferry field
    flat ford forest forge fork fort freeway garden gateway glen green grove harbor haven heights
    highway hill hollow inlet island isle junction key knoll lake land landing lane light loaf lock
    lodge loop mall manor meadow mews mill mission motorway mount mountain neck orchard oval overpass
    park parkway pass passage path pike pine place plain plaza point port prairie radial ramp ranch
    rapid rest ridge river road route row rue run shoal shore skyway spring spur square station
    stravenue stream street summit terrace throughway trace track trafficway trail trailer tunnel
    turnpike underpass union valley viaduct view village ville vista walk wall way well
"""
_SUFFIX_ABBREVIATIONS = """
    aly ave av blvd byp cir ct cv dr expy ext fwy hts hwy jct lndg ln pkwy pl plz rd rdg sq st
    ter tpke trl vlg vly vw wy xing
"""
STREET_SUFFIX = (
    "(?i:"
    + "|".join(sorted((f"{w}s?" for w in _USPS_SUFFIXES.split()), key=len, reverse=True))
    + "|"
    + "|".join(_SUFFIX_ABBREVIATIONS.split())
    + ")"
)
# An apartment, suite or unit after a street line: ", Apt 5", " Suite 201", " #71".
STREET_UNIT = r"(?:,?\s+(?i:apt|apartment|unit|suite|ste|#)\.?\s*#?\s*[A-Z0-9-]+)?"


def is_city(name: str) -> bool:
    """True when `name` (any case, single spaces) is a U.S. city or town name."""
    return " ".join(name.lower().split()) in us_cities()


def is_state(name: str) -> bool:
    """True for a U.S. state name or its postal abbreviation."""
    return name.upper() in STATES or " ".join(name.lower().split()) in STATE_NAMES


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Lower-case English country and territory names, from phonenumbers' region names (Apache-2.0),
    built once per installation (importing that data took a third of a second)."""
    import phonenumbers  # not its geodata package: importing that is what takes the time

    locale = Path(phonenumbers.__file__).parent / "geodata" / "locale.py"
    return prebuilt("countries", [Path(__file__), locale], _build_countries)


def _build_countries() -> frozenset[str]:
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = set()
    for names_by_language in LOCALE_DATA.values():
        name = names_by_language.get("en", "")
        while name.startswith("*"):  # a pointer to another language's spelling
            name = names_by_language.get(name[1:], "")
        if name:
            names.add(name.lower())
    return frozenset(names)


def warm() -> None:
    """Load the gazetteer and the country names now (start-up), not on the first note."""
    us_cities()
    _countries()


def is_country(name: str) -> bool:
    """True for a country or territory's English name ("France", "south korea"): not an identifier."""
    return " ".join(name.lower().split()) in _countries()


def is_region(name: str) -> bool:
    """True for a U.S. state or a country: places too large to identify anyone."""
    return is_state(name) or is_country(name)
