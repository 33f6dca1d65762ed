"""The generator's word banks (`banks.yaml`), sentence templates (`templates.yaml`) and name pools
(Faker's en_US frequencies: synthetic data only, never a detection lexicon)."""

from __future__ import annotations

import bisect
import random
import re
import unicodedata
from importlib import resources
from itertools import accumulate

import yaml
from faker.providers.person.en_US import Provider as _PersonProvider


def _read(name: str):
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _tuples(value):
    """Lists inside a YAML value back to the tuples the generator was written with."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


_BANKS = _read("banks.yaml")
_TEMPLATES = _read("templates.yaml")

NAME_EXCLUDE = frozenset(_BANKS["name_exclude"])
STATES = [tuple(x) for x in _BANKS["states"]]
CITIES = _BANKS["cities"]
CITY_PREFIX = _BANKS["city_prefix"]
CITY_SUFFIX = _BANKS["city_suffix"]
STREET_WORDS = _BANKS["street_words"]
STREET_SUFFIX = _BANKS["street_suffix"]
UNIT = _BANKS["unit"]
AREA_CODES = _BANKS["area_codes"]
CPT = _BANKS["cpt"]
BIG_EMPLOYERS = _BANKS["big_employers"]
COMPANY_SUFFIX = _BANKS["company_suffix"]
SCHOOL_KIND = _BANKS["school_kind"]
COLLEGE_FMT = _BANKS["college_fmt"]
CHURCH_FMT = _BANKS["church_fmt"]
SAINTS = _BANKS["saints"]
FACILITY_FMT = _BANKS["facility_fmt"]
CLINIC_FMT = _BANKS["clinic_fmt"]
ADJ = _BANKS["adj"]
LOCATION_FMT = _BANKS["location_fmt"]
CRED_DR = _BANKS["cred_dr"]
CRED = _BANKS["cred"]
MEDS = _BANKS["meds"]
MED_NAMES = _BANKS["med_names"]
SCALES = _BANKS["scales"]
DX = _BANKS["dx"]
THERAPIES = _BANKS["therapies"]
WEEKDAYS = _BANKS["weekdays"]
MONTHS = _BANKS["months"]
MON = _BANKS["mon"]
RELTIME = _BANKS["reltime"]
TIMES = _BANKS["times"]
NUMWORDS = _BANKS["numwords"]
TRAP_STRINGS = tuple(_BANKS["trap_strings"])
TRANS_FILLER_START = _BANKS["trans_filler_start"]
FILLERS = _BANKS["fillers"]
TRANS_ASIDES = _BANKS["trans_asides"]
ROLES_ADULT = [tuple(x) for x in _BANKS["roles_adult"]]
ROLES_MINOR = [tuple(x) for x in _BANKS["roles_minor"]]
OLD_ROLES = [tuple(x) for x in _BANKS["old_roles"]]
PERSON_ROLES = _BANKS["person_roles"]
TITLES = _BANKS["titles"]
SECTIONS = {k: _tuples(v) for k, v in _BANKS["sections"].items()}


def ascii_only(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


class Weighted:
    """A weighted pool sampled with bisect on cumulative weights (fast, deterministic)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, weights: dict[str, float]) -> None:
        pairs = [(ascii_only(k), float(v)) for k, v in weights.items()]
        pairs = [(k, v) for k, v in pairs if k and k.lower() not in NAME_EXCLUDE]
        self.items = [k for k, _ in pairs]
        self.cum = list(accumulate(v for _, v in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.items[min(bisect.bisect_right(self.cum, rng.random() * self.total),
                              len(self.items) - 1)]


FIRST_F = Weighted(_PersonProvider.first_names_female)
FIRST_M = Weighted(_PersonProvider.first_names_male)
LAST = Weighted(_PersonProvider.last_names)


# --------------------------------------------------------------------------------------------
# Templates: "{slot}" or "{slot:arg:arg}" placeholders, compiled once.
# --------------------------------------------------------------------------------------------
SLOT_RE = re.compile(r"\{([^{}]+)\}")


def compile_template(t: str) -> tuple:
    parts = SLOT_RE.split(t)
    out = []
    for k, p in enumerate(parts):
        if k % 2 == 0:
            if p:
                out.append((None, p))
        else:
            name, _, arg = p.partition(":")
            out.append((name, arg))
    return tuple(out)


def compiled(lst: list[str]) -> tuple:
    return tuple(compile_template(t) for t in lst)


# --------------------------------------------------------------------------------------------
# Per-patient data
# --------------------------------------------------------------------------------------------


FIRST_F_SET = frozenset(FIRST_F.items)
FORMAL_ROLES = frozenset({"boss", "supervisor", "manager", "neighbor", "coworker"})


# --------------------------------------------------------------------------------------------
# Note kinds
# --------------------------------------------------------------------------------------------


SUBJ = compiled(_TEMPLATES["subj"])
OBJ = compiled(_TEMPLATES["obj"])
INTERV = compiled(_TEMPLATES["interv"])
RESP = compiled(_TEMPLATES["resp"])
ASSESS = compiled(_TEMPLATES["assess"])
PLAN = compiled(_TEMPLATES["plan"])
TRANS_C = compiled(_TEMPLATES["trans_c"])
TRANS_T = compiled(_TEMPLATES["trans_t"])
