"""The two kinds of note: a progress note (SOAP, DAP, BIRP or narrative) and a session transcript."""

from __future__ import annotations

from deid.synthetic.banks import (
    ASSESS,
    INTERV,
    LAST,
    OBJ,
    PLAN,
    RESP,
    SECTIONS,
    STATES,
    SUBJ,
    TITLES,
    TRANS_ASIDES,
    TRANS_C,
    TRANS_FILLER_START,
    TRANS_T,
)
from deid.synthetic.note import Note
from deid.synthetic.people import (
    city_name,
    first_name,
    fmt_date,
    fmt_phone,
    phone_digits,
    street_line,
    zip_code,
)


def progress(n: Note) -> None:
    rng, pt = n.rng, n.pt
    sep = rng.choice(("\n", "\n", "  |  ", "    "))
    n.add(rng.choice(TITLES) + "\n")
    if rng.random() < 0.5:
        n.b.facility(pt.clinic)
        if rng.random() < 0.5:
            n.add("\n")
            n.address(street_line(rng, n.fake), city_name(rng), rng.choice(STATES), zip_code(rng))
            n.add(rng.choice(("  Ph: ", " | Tel ", "\nPhone: ")))
            n.ent(fmt_phone(rng, phone_digits(rng)), "PHONE_NUMBER")
            n.add(rng.choice(("  Fax: ", " | Fax ", "\nFax: ", "  F: ")))
            n.ent(fmt_phone(rng, phone_digits(rng), allow_ext=False), "FAX")
        n.add("\n")
    n.add("\n")

    def f_name() -> None:
        n.add(rng.choice(("Client: ", "Client Name: ", "Patient: ", "Name: ", "Pt Name: ")))
        x = rng.random()
        if x < 0.25:
            n.ent(f"{pt.last}, {pt.first}".upper() if rng.random() < 0.5 else f"{pt.last}, {pt.first}",
                  "PATIENT")
        else:
            n.ent(f"{pt.first} {pt.last}", "PATIENT")

    def f_dob() -> None:
        n.add(rng.choice(("DOB: ", "D.O.B.: ", "Date of Birth: ", "Birthdate: ", "DOB ")))
        n.dob()

    def f_mrn() -> None:
        n.add(rng.choice(("MRN: ", "MRN ", "MR#: ", "Medical Record #: ", "Chart #: ", "MRN# ")))
        n.ent(pt.mrn, "MRN")

    def f_member() -> None:
        n.add(rng.choice(("Member ID: ", "Subscriber ID: ", "Ins. ID: ", "Member #: ",
                          "Insurance ID: ", "subscriber id ")))
        n.ent(pt.member, "MEMBER_ID")

    def f_dos() -> None:
        n.add(rng.choice(("Date of Service: ", "DOS: ", "Session Date: ", "Date: ")))
        n.ent(fmt_date(rng, n.dos, year=True), "DATE")

    def f_time() -> None:
        n.add(rng.choice(("Time: 10:00-10:53", "Start: 1400  End: 1453", "Time in/out: 0900/0950",
                          "Session length: 53 min", "Start time 3pm; end 3:45pm")))

    def f_cpt() -> None:
        n.add(rng.choice(("CPT: 90837 (60 min)", "Service: 90834 - Psychotherapy 45 min",
                          "CPT 90832", "Billing code: 90837", "CPT: 90847 (family w/ client)")))

    def f_clin() -> None:
        n.add(rng.choice(("Clinician: ", "Provider: ", "Therapist: ", "Rendering provider: ")))
        n.clin_mention(pt.clin)

    def f_loc() -> None:
        x = rng.random()
        if x < 0.12:
            n.add("Telehealth via secure video; client IP ")
            n.ent(f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                  "IP_ADDRESS")
            n.add(" logged")
        elif x < 0.5:
            n.add(rng.choice(("Location: Telehealth (video)", "POS: 02 telehealth",
                              "Place of service: 11 (office)", "Modality: phone")))
        else:
            n.add("Location: ")
            n.b.facility(pt.clinic)

    def f_phone() -> None:
        n.add(rng.choice(("Phone: ", "Cell: ", "Contact #: ", "Home phone: ", "Mobile ")))
        n.ent(fmt_phone(rng, pt.phone, allow_ext=False), "PHONE_NUMBER")

    def f_ssn() -> None:
        n.add(rng.choice(("SSN: ", "SS#: ", "Social Security #: ")))
        s = pt.ssn
        n.ent(rng.choice((f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]}-{s[3:5]}-{s[5:]}",
                          f"{s[:3]} {s[3:5]} {s[5:]}", s)), "US_SSN")

    def f_addr() -> None:
        n.add(rng.choice(("Address: ", "Home address: ", "Addr: ")))
        n.address(pt.street, pt.city, pt.state, pt.zip)

    def f_email() -> None:
        n.add(rng.choice(("Email: ", "E-mail: ", "Client email: ")))
        n.ent(pt.email, "EMAIL_ADDRESS")

    def f_emerg() -> None:
        r = rng.choice(pt.rels)
        n.add(rng.choice(("Emergency contact: ", "Emerg. contact: ", "EC: ")))
        if rng.random() < 0.4:
            n.ent(f"{r.first} {r.last}".upper(), "RELATIVE")
            n.add(f" ({r.role.upper()}) ")
        else:
            n.ent(f"{r.first} {r.last}", "RELATIVE")
            n.add(f" ({r.role}), ")
        n.ent(fmt_phone(rng, phone_digits(rng)), "PHONE_NUMBER")

    def f_age() -> None:
        n.add("Age: ")
        n.s_age("")

    fields = [f_name, f_dob, f_mrn, f_dos, f_clin]
    for fn, p in ((f_member, 0.6), (f_time, 0.4), (f_cpt, 0.4), (f_loc, 0.45), (f_phone, 0.3),
                  (f_ssn, 0.08), (f_addr, 0.22), (f_email, 0.15), (f_emerg, 0.25), (f_age, 0.2)):
        if rng.random() < p:
            fields.append(fn)
    head, rest = fields[:2], fields[2:]
    rng.shuffle(rest)
    fields = head + rest
    for i, fn in enumerate(fields):
        if i:
            n.add(sep if rng.random() < 0.8 else "\n")
        fn()
    n.add("\n\n")

    style = rng.choice(("soap", "soap", "dap", "birp", "narr"))
    heads = SECTIONS[style]
    hv = rng.randrange(3)
    for si, h in enumerate(heads):
        n.add(h[min(hv, len(h) - 1)])
        n.add("\n" if rng.random() < 0.5 else " ")
        name = h[0]
        if name in ("S:", "D:", "B:", "Session summary:"):
            if rng.random() < 0.5:
                n.add("Client is a ")
                n.s_age("")
                n.add(rng.choice((" yo ", "-year-old ", " y/o ")))
                n.add(("female" if pt.g == "f" else "male") + " seen for ")
                n.add(rng.choice(("individual therapy", "follow-up psychotherapy",
                                  "a 53-minute session", "ongoing treatment of depression")) + ". ")
            pool, k = SUBJ, rng.randint(3, 6)
            if rng.random() < 0.06:
                n.add("Client is caring for ")
                n.s_old("pos")
                n.add(". ")
        elif name in ("O:", "Mental status:"):
            pool, k = OBJ, rng.randint(2, 3)
        elif name == "I:":
            pool, k = INTERV, rng.randint(2, 4)
        elif name == "R:":
            pool, k = RESP, rng.randint(1, 3)
        elif name in ("A:", "Diagnosis/Assessment:"):
            pool, k = ASSESS, rng.randint(2, 4)
            if style == "dap":
                for _ in range(rng.randint(1, 2)):
                    n.pick(INTERV)
                    n.add(" ")
        else:
            pool, k = PLAN, rng.randint(2, 5)
        for j in range(k):
            n.pick(pool)
            n.add(" " if rng.random() < 0.7 else "\n")
        n.add("\n\n")

    c = pt.clin
    st = rng.randrange(6)
    if st == 0:
        n.add("Electronically signed by ")
        n.ent(f"{c.first} {c.last}", "CLINICIAN")
        n.add(f", {c.cred} on ")
        n.ent(fmt_date(rng, n.dos, year=True), "DATE")
        n.add(f" at {rng.choice(('11:02', '1704', '4:55 PM', '09:12'))}")
    elif st == 1:
        n.add("Signed: ")
        n.clin_mention(c)
        n.add("  ")
        n.dos_date()
    elif st == 2:
        n.add("Seen by: ")
        n.clin_mention(c)
    elif st == 3:
        n.add("Clinician signature: ")
        n.ent(f"{c.first} {c.last}", "CLINICIAN")
        n.add(f", {c.cred}   Date: ")
        n.dos_date()
    elif st == 4:
        n.add("-- ")
        n.ent(f"{c.first[0]}. {c.last}", "CLINICIAN")
        n.add(f", {c.cred}\n")
        n.b.facility(pt.clinic)
    else:
        n.add("Electronically signed by ")
        n.ent(f"{c.first} {c.last}", "CLINICIAN")
        n.add(f", {c.cred}. Supervised by Dr. ")
        n.ent(f"{first_name(rng, 'x')} {LAST.pick(rng)}", "CLINICIAN")
        n.add(", PhD.")
    n.add("\n")


def transcript(n: Note) -> None:
    rng, pt = n.rng, n.pt
    x = rng.random()
    if x < 0.35:
        n.add("Session transcript | Client: ")
        n.ent(f"{pt.first} {pt.last}", "PATIENT")
        n.add(" | MRN ")
        n.ent(pt.mrn, "MRN")
        n.add(" | DOS ")
        n.dos_date()
        n.add(" | Clinician: ")
        n.clin_mention(pt.clin)
        n.add("\n")
    elif x < 0.7:
        n.add(rng.choice(("TRANSCRIPT - ", "Transcript of session, ", "Audio transcript: ")))
        n.dos_date()
        n.add(rng.choice((" (telehealth)", " - 53 min", "", " - session 6")))
        n.add("\n")
    if rng.random() < 0.4:
        n.add(f"[Recording started {rng.choice(('10:02', '1400', '3:01 pm', '0905'))}]\n")
    n.add("\n")
    lab = rng.randrange(10)
    if lab < 4:
        t_lab, c_lab = "Therapist: ", "Client: "
    elif lab < 6:
        t_lab, c_lab = "T: ", "C: "
    elif lab < 7:
        t_lab, c_lab = "THERAPIST: ", "CLIENT: "
    elif lab < 8:
        t_lab, c_lab = "Counselor: ", "Patient: "
    else:
        t_lab, c_lab = None, None  # name labels
    dr_label = pt.clin.dr and rng.random() < 0.5

    def label(therapist: bool) -> None:
        if t_lab is None:
            if therapist:
                if dr_label:
                    n.add("Dr. ")
                    n.ent(pt.clin.last, "CLINICIAN")
                else:
                    n.ent(pt.clin.first, "CLINICIAN")
            else:
                n.ent(pt.first, "PATIENT")
            n.add(": ")
        else:
            n.add(t_lab if therapist else c_lab)

    turns = rng.randint(14, 34)
    opener = rng.random()
    dob_check = rng.random() < 0.2
    for t in range(turns):
        therapist = t % 2 == 0
        label(therapist)
        if t == 0:
            n.add(rng.choice(("Hi ", "Hey ", "Good morning, ", "Come on in, ")))
            n.ent(pt.first, "PATIENT")
            n.add(". " if opener < 0.5 else ", good to see you. ")
            if dob_check:
                # A date-of-birth check, as at the start of many telehealth sessions.
                n.add(rng.choice(("Before we start, can you confirm your date of birth?",
                                  "And your date of birth, for the record?",
                                  "Can you confirm your DOB for me?")))
                n.add("\n")
                label(False)
                n.add(rng.choice(("Yeah, it's ", "Sure. ", "Um, ")))
                n.ent(fmt_date(rng, pt.dob, year=True, spoken=rng.random() < 0.6), "DOB")
                n.add(".\n")
                label(True)
                n.add("Thank you. ")
            n.pick(TRANS_T)
        elif therapist:
            if rng.random() < 0.5:
                n.add(rng.choice(("Okay. ", "Mm-hmm. ", "Yeah. ", "Right. ", "I hear you. ")))
            n.pick(TRANS_T)
            if rng.random() < 0.25:
                n.add(" ")
                n.pick(TRANS_T)
        else:
            if rng.random() < 0.6:
                n.add(rng.choice(TRANS_FILLER_START))
            for j in range(rng.choice((1, 1, 2, 2, 3))):
                if j:
                    n.add(" ")
                n.pick(TRANS_C)
            if rng.random() < 0.08:
                n.add(" " + rng.choice(TRANS_ASIDES))
        n.add("\n")
    if rng.random() < 0.5:
        n.add(f"[Recording ended {rng.choice(('10:51', '1449', '3:50 pm', '0955'))}]\n")


