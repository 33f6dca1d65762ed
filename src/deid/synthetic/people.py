"""Per-patient data of the generator: the client, their relatives, clinicians, places and numbers,
fixed by (seed, patient index)."""

from __future__ import annotations

import datetime as dt
import random

import faker as _faker

from deid.synthetic.banks import (
    ADJ,
    AREA_CODES,
    BIG_EMPLOYERS,
    CHURCH_FMT,
    CITIES,
    CITY_PREFIX,
    CITY_SUFFIX,
    CLINIC_FMT,
    COMPANY_SUFFIX,
    CPT,
    CRED,
    DX,
    FIRST_F,
    FIRST_M,
    LAST,
    MON,
    MONTHS,
    ROLES_ADULT,
    ROLES_MINOR,
    SAINTS,
    SCHOOL_KIND,
    STATES,
    STREET_SUFFIX,
    STREET_WORDS,
    UNIT,
    ascii_only,
)


class Rel:
    __slots__ = ("role", "first", "last", "age")

    def __init__(self, role: str, first: str, last: str, age: int) -> None:
        self.role, self.first, self.last, self.age = role, first, last, age


class Clin:
    __slots__ = ("first", "last", "cred", "dr")

    def __init__(self, first: str, last: str, cred: str) -> None:
        self.first, self.last, self.cred = first, last, cred
        self.dr = cred in ("PsyD", "PhD", "MD", "DO")


def first_name(rng: random.Random, g: str) -> str:
    if g == "x":
        g = "f" if rng.random() < 0.5 else "m"
    return (FIRST_F if g == "f" else FIRST_M).pick(rng)


def digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(k))


def phone_digits(rng: random.Random) -> str:
    ac = rng.choice(AREA_CODES)
    while True:
        ex = str(rng.randint(2, 9)) + digits(rng, 2)
        if ex[1:] != "11" and ex != "555":
            break
    return ac + ex + digits(rng, 4)


def fmt_phone(rng: random.Random, d: str, allow_ext: bool = True) -> str:
    a, b, c = d[:3], d[3:6], d[6:]
    style = rng.randrange(11)
    s = (f"{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
         f"+1 ({a}) {b}-{c}", f"1-{a}-{b}-{c}", f"{a} {b} {c}", f"({a}){b}-{c}",
         f"+1-{a}-{b}-{c}", f"{a}-{b}-{c}", f"{a}/{b}-{c}")[style]
    if allow_ext and rng.random() < 0.12:
        s += rng.choice((" ext {e}", " ext. {e}", " x{e}", " x {e}", " ext{e}")).format(
            e=rng.randint(2, 499))
    return s


def fmt_date(rng: random.Random, d: dt.date, *, year: bool = False, spoken: bool = False) -> str:
    m, dd, y = d.month, d.day, d.year
    suf = "th" if 11 <= dd <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dd % 10, "th")
    if spoken:
        opts = (f"{MONTHS[m-1]} {dd}{suf}, {y}", f"{MONTHS[m-1]} {dd}, {y}",
                f"{MONTHS[m-1]} {dd}{suf}", f"{MONTHS[m-1]} {dd}")
        return rng.choice(opts[:2] if year else opts)
    full = (f"{m}/{dd}/{y}", f"{m:02d}/{dd:02d}/{y}", f"{m}/{dd}/{y % 100:02d}",
            f"{MONTHS[m-1]} {dd}, {y}", f"{dd:02d}-{MON[m-1].upper()}-{y}", f"{y}-{m:02d}-{dd:02d}",
            f"{dd} {MONTHS[m-1]} {y}", f"{MON[m-1]}. {dd}, {y}" if m != 5 else f"May {dd}, {y}",
            f"{m:02d}-{dd:02d}-{y}", f"{MON[m-1]} {dd}, {y}", f"{m:02d}/{dd:02d}/{y % 100:02d}")
    if year:
        return rng.choice(full)
    short = (f"{m}/{dd}", f"{MON[m-1]} {dd}", f"{MON[m-1]} {dd}{suf}", f"{MONTHS[m-1]} {dd}",
             f"{MONTHS[m-1]} {dd}{suf}", f"{m:02d}/{dd:02d}")
    return rng.choice(full + short)


def city_name(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(CITIES)
    if rng.random() < 0.5:
        return rng.choice(CITY_PREFIX) + " " + first_name(rng, "x")
    return LAST.pick(rng) + rng.choice(CITY_SUFFIX)


def street_line(rng: random.Random, fake: _faker.Faker) -> str:
    if rng.random() < 0.35:
        s = ascii_only(fake.street_address())
    else:
        s = f"{rng.randint(1, 19999)} {rng.choice(STREET_WORDS)} {rng.choice(STREET_SUFFIX)}"
        if rng.random() < 0.3:
            s += rng.choice((", ", " ")) + rng.choice(UNIT).format(
                n=rng.randint(1, 420), L=rng.choice("ABCDEF"))
    return s


def zip_code(rng: random.Random) -> str:
    while True:
        z = digits(rng, 5)
        if z not in CPT and z != "00000":
            break
    return z + ("-" + digits(rng, 4) if rng.random() < 0.15 else "")


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(BIG_EMPLOYERS)
    if r < 0.75:
        return f"{LAST.pick(rng)} {rng.choice(COMPANY_SUFFIX)}"
    if r < 0.9:
        return f"{LAST.pick(rng)}-{LAST.pick(rng)}"
    return f"{rng.choice(ADJ)} {rng.choice(COMPANY_SUFFIX)}"


def school(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(["Lincoln", "Roosevelt", "Jefferson", "Kennedy", "Washington",
                           "Madison", "Franklin", "Hoover", "Monroe"]) + " " + rng.choice(SCHOOL_KIND)
    return f"{LAST.pick(rng)} {rng.choice(SCHOOL_KIND)}"


def fill(rng: random.Random, fmt: str) -> str:
    return fmt.format(city=rng.choice(CITIES), last=LAST.pick(rng), last2=LAST.pick(rng),
                      saint=rng.choice(SAINTS), adj=rng.choice(ADJ))


class Patient:
    __slots__ = ("pid", "first", "last", "g", "dob", "mrn", "member", "phone", "email", "street",
                 "city", "state", "zip", "org", "school", "rels", "clin", "psy", "pcp", "clinic",
                 "dos", "roi", "research", "ssn", "church", "dx")

    def __init__(self, seed: int, p: int, n_notes: int, fake: _faker.Faker) -> None:
        rng = random.Random(f"deid-synthetic/{seed}/patient/{p}")
        fake.seed_instance(f"deid-synthetic/{seed}/patient/{p}")
        self.pid = f"p{p + 1:04d}"
        self.g = "f" if rng.random() < 0.58 else "m"
        self.first = first_name(rng, self.g)
        self.last = LAST.pick(rng)
        start = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randrange(900))
        self.dos = []
        d = start
        for _ in range(n_notes):
            self.dos.append(d)
            d += dt.timedelta(days=rng.choice((7, 7, 7, 14, 14, 21, 28, 35)))
        r = rng.random()
        age = rng.randint(90, 101) if r < 0.03 else rng.randint(12, 17) if r < 0.15 else rng.randint(18, 84)
        self.dob = start - dt.timedelta(days=age * 365 + rng.randrange(1, 360) + age // 4)
        nz = str(rng.randint(1, 9))
        self.mrn = rng.choice(("00" + digits(rng, 6), nz + digits(rng, 6), nz + digits(rng, 7),
                               nz + digits(rng, 9)))
        self.member = rng.choice((
            lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + digits(rng, 9),
            lambda: "W" + digits(rng, 9),
            lambda: digits(rng, 8) + rng.choice("ABCDEFGH"),
            lambda: "M" + digits(rng, 10),
            lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)) + digits(rng, 7),
        ))()
        self.phone = phone_digits(rng)
        user = rng.choice((
            f"{self.first[0]}{self.last}{rng.randint(1, 99)}", f"{self.first}.{self.last}",
            f"{self.first}{self.last[0]}{rng.randint(70, 99)}", f"{self.last}.{self.first[0]}",
            f"{self.first}_{rng.choice(('runs', 'art', 'writes', 'x', '22'))}",
        )).lower().replace("'", "").replace(" ", "")
        self.email = user + "@" + rng.choice(("gmail.com", "yahoo.com", "hotmail.com",
                                              "outlook.com", "icloud.com", "aol.com", "comcast.net"))
        self.street = street_line(rng, fake)
        self.city = city_name(rng)
        self.state = rng.choice(STATES)
        self.zip = zip_code(rng)
        self.org = company(rng)
        self.school = school(rng)
        self.church = fill(rng, rng.choice(CHURCH_FMT))
        minor = age < 18
        roles = ROLES_MINOR if minor else ROLES_ADULT
        self.rels = []
        for role, g, fam, child in rng.sample(roles, rng.randint(3, 6)):
            if role in ("husband", "wife") and rng.random() < 0.4:
                role = "partner" if rng.random() < 0.5 else "spouse"
            last = self.last if fam and rng.random() < 0.6 else LAST.pick(rng)
            rage = (rng.randint(max(1, age - 45), max(2, min(age - 18, 17 if age < 45 else 70)))
                    if child else rng.randint(18, 80))
            self.rels.append(Rel(role, first_name(rng, g), last, rage))
        cred = rng.choice(CRED)
        self.clin = Clin(first_name(rng, "x"), LAST.pick(rng), cred)
        self.psy = Clin(first_name(rng, "x"), LAST.pick(rng), rng.choice(("MD", "MD", "DO", "PMHNP")))
        self.pcp = Clin(first_name(rng, "x"), LAST.pick(rng), rng.choice(("MD", "DO")))
        self.clinic = fill(rng, rng.choice(CLINIC_FMT))
        self.roi = rng.random() < 0.6
        self.research = rng.random() < 0.4
        area = rng.randint(1, 899)
        area = area + 1 if area == 666 else area
        self.ssn = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        self.dx = rng.sample(DX, 2)


