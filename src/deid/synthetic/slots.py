"""What each template slot ("{rel}", "{phone}", "{dx}"...) writes: identifiers with their gold
label, or literal precision traps with none."""

from __future__ import annotations

import re

from deid.synthetic.banks import (
    COLLEGE_FMT,
    CPT,
    FACILITY_FMT,
    FILLERS,
    LAST,
    LOCATION_FMT,
    MED_NAMES,
    MEDS,
    MONTHS,
    NUMWORDS,
    OLD_ROLES,
    PERSON_ROLES,
    RELTIME,
    SCALES,
    STATES,
    THERAPIES,
    TIMES,
    WEEKDAYS,
    ascii_only,
)
from deid.synthetic.people import (
    city_name,
    company,
    digits,
    fill,
    first_name,
    fmt_date,
    fmt_phone,
    phone_digits,
    school,
    street_line,
)


class Slots:
    """Template slots, one `s_<name>(arg)` method each; mixed into `Note`."""

    def s_P(self, a: str) -> None:
        self.ent(self.pt.first, "PATIENT")

    def s_PN(self, a: str) -> None:
        if self.rng.random() < 0.45:
            self.add(self.rng.choice(("Client", "Pt", "Client", "Patient")))
        else:
            self.patient_name()

    def s_Sub(self, a: str) -> None:
        self.add(self.sub.capitalize())

    def s_sub(self, a: str) -> None:
        self.add(self.sub)

    def s_obj(self, a: str) -> None:
        self.add(self.obj)

    def s_obj2(self, a: str) -> None:
        self.add("them")

    def s_pos(self, a: str) -> None:
        self.add(self.pos)

    def s_gender(self, a: str) -> None:
        self.add("female" if self.pt.g == "f" else "male")

    def s_rel(self, a: str) -> None:
        det, _, want = a.partition(":")
        self.rel_phrase(det or "pos", False, want)

    def s_relS(self, a: str) -> None:
        self.rel_phrase(a or "Pos", True)

    def s_reln(self, a: str) -> None:
        r = self.rng.choice(self.introduced) if self.introduced else self.choose_rel()
        self.introduced.append(r)
        self.ent(r.first, "RELATIVE")

    def s_reln_boss(self, a: str) -> None:
        first = first_name(self.rng, "x")
        if self.rng.random() < 0.5:
            self.ent(first, "RELATIVE")
        else:
            self.ent(f"{first} {LAST.pick(self.rng)}", "RELATIVE")

    s_reln_friend = s_reln_boss

    def s_old(self, a: str) -> None:
        rng = self.rng
        role, g = rng.choice(OLD_ROLES)
        age = rng.randint(90, 104)
        num = NUMWORDS[age] if age in NUMWORDS and rng.random() < 0.3 else str(age)
        d = self.pos if a in ("", "pos") else a
        st = rng.randrange(5)
        if st == 0:
            self.add(f"{d} ")
            self.ent(num, "AGE_OVER_89")
            self.add(f"-year-old {role}")
        elif st == 1:
            self.add(f"{d} {role} ")
            self.ent(first_name(rng, g), "RELATIVE")
            self.add(" (")
            self.ent(str(age), "AGE_OVER_89")
            self.add(")")
        elif st == 2:
            self.add(f"{d} {role}, age ")
            self.ent(str(age), "AGE_OVER_89")
        elif st == 3:
            self.add(f"{d} ")
            self.ent(str(age), "AGE_OVER_89")
            self.add(f" yo {role}")
        else:
            self.add(f"{d} ")
            self.ent(num, "AGE_OVER_89")
            self.add(f" year old {role}")

    def s_oldage(self, a: str) -> None:
        age = self.rng.randint(90, 99)
        self.ent(NUMWORDS[age] if self.rng.random() < 0.5 else str(age), "AGE_OVER_89")

    def s_age(self, a: str) -> None:
        if self.age >= 90:
            self.ent(str(self.age), "AGE_OVER_89")
        else:
            self.add(str(self.age))

    def s_psy(self, a: str) -> None:
        self.ent(self.pt.psy.last, "CLINICIAN")

    def s_pcp(self, a: str) -> None:
        self.ent(self.pt.pcp.last, "CLINICIAN")

    def s_pcp_full(self, a: str) -> None:
        c = self.pt.pcp
        if self.rng.random() < 0.5:
            self.add("Dr. ")
            self.ent(f"{c.first} {c.last}", "CLINICIAN")
        else:
            self.ent(f"{c.first} {c.last}", "CLINICIAN")
            self.add(f", {c.cred}")

    def s_personname(self, a: str) -> None:
        self.ent(f"{first_name(self.rng, 'x')} {LAST.pick(self.rng)}", "PERSON")

    def s_person(self, a: str) -> None:
        rng = self.rng
        role = rng.choice(PERSON_ROLES)
        st = rng.randrange(3)
        if st == 0:
            self.add(f"{self.pos} {role}, ")
            self.s_personname("")
            self.add(",")
        elif st == 1:
            self.add(f"{role} ")
            self.s_personname("")
        else:
            self.add(f"{self.pos} {role}, {rng.choice(('Mr.', 'Ms.'))} ")
            self.ent(LAST.pick(rng), "PERSON")
            self.add(",")

    def s_org(self, a: str) -> None:
        self.ent(self.pt.school if self.age < 18 and self.rng.random() < 0.7 else self.pt.org,
                 "ORGANIZATION")

    def s_organy(self, a: str) -> None:
        self.ent(company(self.rng) if self.rng.random() < 0.7 else ascii_only(self.fake.company()),
                 "ORGANIZATION")

    def s_school(self, a: str) -> None:
        self.ent(self.pt.school if self.rng.random() < 0.5 else school(self.rng), "ORGANIZATION")

    def s_college(self, a: str) -> None:
        self.ent(fill(self.rng, self.rng.choice(COLLEGE_FMT)), "ORGANIZATION")

    def s_church(self, a: str) -> None:
        self.ent(self.pt.church, "ORGANIZATION")

    def s_fac(self, a: str) -> None:
        self.b.facility(fill(self.rng, self.rng.choice(FACILITY_FMT)))

    def s_clinic(self, a: str) -> None:
        self.b.facility(self.pt.clinic)

    def s_city(self, a: str) -> None:
        self.ent(self.pt.city if self.rng.random() < 0.3 else city_name(self.rng), "CITY")

    def s_state(self, a: str) -> None:
        self.add(self.rng.choice(STATES)[0])

    def s_loc(self, a: str) -> None:
        self.ent(fill(self.rng, self.rng.choice(LOCATION_FMT)), "LOCATION")

    def s_street(self, a: str) -> None:
        self.ent(street_line(self.rng, self.fake), "STREET_ADDRESS")

    def s_date(self, a: str) -> None:
        self.ent(fmt_date(self.rng, self.past()), "DATE")

    def s_datefut(self, a: str) -> None:
        self.ent(fmt_date(self.rng, self.future()), "DATE")

    def s_datespoken(self, a: str) -> None:
        d = self.future() if a == "fut" or self.rng.random() < 0.5 else self.past()
        self.ent(fmt_date(self.rng, d, spoken=True), "DATE")

    def s_phone(self, a: str) -> None:
        self.ent(fmt_phone(self.rng, self.pt.phone, allow_ext=False), "PHONE_NUMBER")

    def s_phoneo(self, a: str) -> None:
        self.ent(fmt_phone(self.rng, phone_digits(self.rng)), "PHONE_NUMBER")

    def s_fax(self, a: str) -> None:
        self.ent(fmt_phone(self.rng, phone_digits(self.rng), allow_ext=False), "FAX")

    def s_email(self, a: str) -> None:
        self.ent(self.pt.email, "EMAIL_ADDRESS")

    def s_email_clin(self, a: str) -> None:
        c = self.pt.clin
        dom = re.sub(r"[^a-z]", "", self.pt.clinic.lower())[:18]
        self.ent(f"{c.first[0]}{c.last}@{dom}.{self.rng.choice(('org', 'com', 'net'))}".lower(),
                 "EMAIL_ADDRESS")

    def s_url(self, a: str) -> None:
        self.ent(self._url(), "URL")

    def _url(self) -> str:
        rng, pt = self.rng, self.pt
        f, l = pt.first.lower(), pt.last.lower().replace("'", "")
        return rng.choice((
            f"https://zoom.us/j/{digits(rng, 10)}",
            f"https://doxy.me/{pt.clin.last.lower().replace(chr(39), '')}{rng.randint(1, 99)}",
            f"https://www.instagram.com/{f}{l[:1]}_{rng.choice(('art', 'fit', 'life'))}",
            f"www.{f}{l}photography.com",
            f"https://www.facebook.com/{f}.{l}.{rng.randint(1, 999)}",
            f"linkedin.com/in/{f}-{l}-{digits(rng, 3)}",
            f"https://{f}{l}.substack.com",
            f"https://meet.google.com/{''.join(rng.choice('abcdefghijkmnpqrstuvwxyz') for _ in range(3))}-"
            f"{''.join(rng.choice('abcdefghijkmnpqrstuvwxyz') for _ in range(4))}",
        ))

    def s_acct(self, a: str) -> None:
        self.ent(self._acct(), "ACCOUNT_ID")

    s_acct2 = s_acct

    def _acct(self) -> str:
        rng = self.rng
        return rng.choice((
            lambda: f"{self.dos.year}{digits(rng, 8)}",
            lambda: f"{digits(rng, 5)}-{digits(rng, 2)}",
            lambda: f"PA-{digits(rng, 7)}",
            lambda: f"{rng.choice('ABCDEFGHJK')}{digits(rng, 7)}",
            lambda: f"{digits(rng, 2)}-{digits(rng, 6)}",
            lambda: f"CL{digits(rng, 9)}",
        ))()

    def s_med(self, a: str) -> None:
        self.add(self.rng.choice(MEDS))

    def s_medname(self, a: str) -> None:
        self.add(self.rng.choice(MED_NAMES))

    def s_scale(self, a: str) -> None:
        rng = self.rng
        self.add(rng.choice(SCALES).format(a=rng.randint(2, 27), b=rng.randint(1, 21),
                                            c=rng.randint(8, 70), d=rng.randint(0, 9)))

    s_scale2 = s_scale

    def s_phq(self, a: str) -> None:
        self.add(str(self.rng.randint(2, 27)))

    def s_gad(self, a: str) -> None:
        self.add(str(self.rng.randint(1, 21)))

    def s_n10(self, a: str) -> None:
        self.add(str(self.rng.randint(3, 10)))

    def s_dx(self, a: str) -> None:
        self.add(self.pt.dx[0])

    def s_dx2(self, a: str) -> None:
        self.add(self.pt.dx[1])

    def s_dxname(self, a: str) -> None:
        self.add(self.pt.dx[0].split(" ", 1)[1].lower())

    def s_trend(self, a: str) -> None:
        self.add(self.rng.choice(("improved", "unchanged", "slightly worse", "improving",
                                  "stable", "worsened")))

    def s_cpt(self, a: str) -> None:
        self.add(self.rng.choice(CPT[:4]))

    def s_time(self, a: str) -> None:
        self.add(self.rng.choice(TIMES))

    def s_therapy(self, a: str) -> None:
        self.add(self.rng.choice(THERAPIES))

    def s_weekday(self, a: str) -> None:
        self.add(self.rng.choice(WEEKDAYS))

    def s_month(self, a: str) -> None:
        self.add(self.rng.choice(MONTHS))

    def s_reltime(self, a: str) -> None:
        self.add(self.rng.choice(RELTIME))

    def s_modality(self, a: str) -> None:
        self.add(self.rng.choice(("telehealth", "in person", "video", "office", "phone session")))

    def s_f(self, a: str) -> None:
        if self.rng.random() < 0.35:
            self.add(self.rng.choice(FILLERS))

    # -- composite pieces ------------------------------------------------------------------
