"""U.S. place names for location detection, from general sources.

City and town names come from the `zipcodes` package (MIT; USPS city names per ZIP code, with
GeoNames data under CC BY 4.0): every preferred and acceptable city name, 25,000+ of them.
State names are listed here by hand: a state is not an identifier under Safe Harbor.
"""

from __future__ import annotations

from functools import lru_cache

import zipcodes

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
    """Lower-case U.S. city and town names (USPS preferred and acceptable names)."""
    names: set[str] = set()
    for record in zipcodes.list_all():
        names.add(record["city"].lower())
        names.update(c.lower() for c in record.get("acceptable_cities") or [])
    return frozenset(names)


def is_city(name: str) -> bool:
    """True when `name` (any case, single spaces) is a U.S. city or town name."""
    return " ".join(name.lower().split()) in us_cities()


def is_state(name: str) -> bool:
    """True for a U.S. state name or its postal abbreviation."""
    return name.upper() in STATES or " ".join(name.lower().split()) in STATE_NAMES
