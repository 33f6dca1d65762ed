"""One note being written: the builder that records each identifier's offsets as it is written
(gold spans exact by construction), and the note's people and dates."""

from __future__ import annotations

import datetime as dt
import random

import faker as _faker

from deid.synthetic.banks import FIRST_F_SET, FORMAL_ROLES
from deid.synthetic.people import Clin, Patient, Rel, first_name, fmt_date
from deid.synthetic.slots import Slots


# --------------------------------------------------------------------------------------------
# Builder and renderer
# --------------------------------------------------------------------------------------------
class Builder:
    __slots__ = ("parts", "pos", "spans")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int, str]] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def ent(self, s: str, etype: str) -> None:
        self.spans.append((self.pos, self.pos + len(s), etype))
        self.parts.append(s)
        self.pos += len(s)

    def facility(self, s: str) -> None:
        """A facility's name as the identifier, then its kind as plain text ("Calvert|Hospital")."""
        name, _, kind = s.partition("|")
        self.ent(name, "FACILITY")
        if kind:
            self.add(" " + kind)


PRON = {"f": ("she", "her", "her", "her"), "m": ("he", "him", "his", "him")}


class Note(Slots):
    """Renders one note; slot handlers append pieces (and spans) to the builder."""

    def __init__(self, rng: random.Random, fake: _faker.Faker, pt: Patient, k: int) -> None:
        self.rng, self.fake, self.pt = rng, fake, pt
        self.b = Builder()
        self.dos = pt.dos[k]
        self.age = (self.dos - pt.dob).days * 4 // 1461
        self.introduced: list[Rel] = []
        self.used: set[int] = set()
        self.sub, self.obj, self.pos, self.obj2 = PRON[pt.g]

    # -- helpers ---------------------------------------------------------------------------
    def add(self, s: str) -> None:
        self.b.add(s)

    def ent(self, s: str, t: str) -> None:
        self.b.ent(s, t)

    def render(self, tmpl: tuple) -> None:
        for name, val in tmpl:
            if name is None:
                self.b.add(val)
            else:
                getattr(self, "s_" + name)(val)

    def pick(self, lst: tuple) -> None:
        rng, used = self.rng, self.used
        t = rng.choice(lst)
        for _ in range(4):
            if id(t) not in used:
                break
            t = rng.choice(lst)
        used.add(id(t))
        self.render(t)

    def past(self) -> dt.date:
        return self.dos - dt.timedelta(days=self.rng.randint(1, 500))

    def future(self) -> dt.date:
        return self.dos + dt.timedelta(days=self.rng.choice((7, 7, 14, 14, 21, 28, 3, 10)))

    def name_full(self, first: str, last: str, t: str) -> None:
        self.ent(f"{first} {last}", t)

    def patient_name(self, style: int | None = None) -> None:
        rng, pt = self.rng, self.pt
        style = rng.randrange(10) if style is None else style
        title = "Ms." if pt.g == "f" else "Mr."
        if style < 5:
            self.ent(pt.first, "PATIENT")
        elif style < 8:
            self.add(title + " ")
            self.ent(pt.last, "PATIENT")
        else:
            self.ent(f"{pt.first} {pt.last}", "PATIENT")

    def rel_name(self, r: Rel) -> None:
        x = self.rng.random()
        if x < 0.62:
            self.ent(r.first, "RELATIVE")
        elif x < 0.92:
            self.ent(f"{r.first} {r.last}", "RELATIVE")
        elif r.role in FORMAL_ROLES:
            self.add(("Ms. " if r.first in FIRST_F_SET else "Mr. "))
            self.ent(r.last, "RELATIVE")
        else:
            self.ent(r.first, "RELATIVE")

    def choose_rel(self, want: str = "") -> Rel:
        rels = self.pt.rels
        if want == "child":
            kids = [r for r in rels if r.role in ("son", "daughter")]
            if kids:
                return self.rng.choice(kids)
            r = Rel(self.rng.choice(("son", "daughter")), "", self.pt.last,
                     self.rng.randint(3, max(3, min(self.age - 18, 40))))
            r.first = first_name(self.rng, "f" if r.role == "daughter" else "m")
            return r
        return self.rng.choice(rels)

    def rel_phrase(self, det: str, subj: bool, want: str = "") -> None:
        rng = self.rng
        r = self.choose_rel(want)
        self.introduced.append(r)
        d = {"pos": self.pos, "Pos": self.pos.capitalize(), "my": "my", "My": "My",
             "your": "your", "Your": "Your"}.get(det, det)
        cap = d[:1].isupper()
        child_age = r.role in ("son", "daughter") and rng.random() < 0.5
        if d.lower() in ("my", "your"):
            style = rng.choice((0, 0, 0, 1, 2, 3, 8, 9) if subj else (0, 0, 0, 1, 1, 2, 3))
        else:
            style = rng.randrange(10 if subj else 8)
        if style <= 3:
            self.add(f"{d} {r.role} ")
            self.rel_name(r)
            if child_age:
                self.add(f" ({r.age})")
        elif style == 4:
            self.add(("Pt's" if cap else "pt's") + f" {r.role} ")
            self.rel_name(r)
        elif style == 5:
            self.ent(r.first, "RELATIVE")
            self.add(f" ({r.role})")
        elif style == 6:
            self.add(("Client's" if cap else "client's") + f" {r.role}, ")
            self.rel_name(r)
            if child_age:
                self.add(f" (age {r.age})")
        elif style == 7:
            self.ent(f"{r.first} {r.last}".upper(), "RELATIVE")
            self.add(f" ({r.role.upper()})")
        elif style == 8:
            self.ent(r.first, "RELATIVE")
            self.add(f", {d.lower()} {r.role},")
        else:
            self.add(f"{d} {r.role}, ")
            self.rel_name(r)
            self.add(",")

    # -- slots ---------------------------------------------------------------------------
    def clin_mention(self, c: Clin, *, allow_dr: bool = True) -> None:
        rng = self.rng
        st = rng.randrange(5)
        if c.dr and allow_dr and st == 0:
            self.add("Dr. ")
            self.ent(c.last, "CLINICIAN")
        elif st <= 1:
            self.ent(f"{c.first[0]}. {c.last}", "CLINICIAN")
            self.add(f", {c.cred}")
        elif st == 2 and c.dr:
            self.add("Dr. ")
            self.ent(f"{c.first} {c.last}", "CLINICIAN")
        else:
            self.ent(f"{c.first} {c.last}", "CLINICIAN")
            self.add(f", {c.cred}")

    def address(self, street: str, city: str, st: tuple[str, str], z: str) -> None:
        rng = self.rng
        self.ent(street, "STREET_ADDRESS")
        self.add(", " if rng.random() < 0.8 else " ")
        self.ent(city, "CITY")
        self.add(", ")
        self.add(st[1] if rng.random() < 0.8 else st[0])
        self.add(" ")
        self.ent(z, "ZIP")

    def dob(self) -> None:
        self.ent(fmt_date(self.rng, self.pt.dob, year=True), "DOB")

    def dos_date(self) -> None:
        self.ent(fmt_date(self.rng, self.dos, year=self.rng.random() < 0.85), "DATE")


