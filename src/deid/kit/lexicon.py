"""Word lists the recognizers share: relation words, clinician titles and credentials, phone
labels, and the common English words that must never be taken for a name.

Provenance: English function words are spaCy's stop words and verb forms come from spaCy's
lookup lemmas (spacy-lookups-data; both MIT); every other list in this module was written by
hand for deid from general knowledge of English and of clinical-note conventions (MIT, like the
rest of the project). None is taken from /work/shared/corpora.
All entries are lower case unless a comment says otherwise; look words up with ``.lower()``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from deid.kit.dates import MONTH_WORDS
from deid.kit.names import name_strength


def _words(text: str) -> frozenset[str]:
    """Split a whitespace-separated block of words into a frozen set."""
    return frozenset(text.split())


@lru_cache(maxsize=4)
def lemma_table(lang: str = "en") -> dict[str, str]:
    """spaCy's lookup lemmas of a language, word form -> lemma (spacy-lookups-data, MIT); empty when
    it has none. Read from the package's JSON: spaCy's `Lookups` tables keep hashes, not words."""
    path = Path(str(resources.files("spacy_lookups_data"))) / "data" / f"{lang}_lemma_lookup.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _forms(bases: Iterable[str]) -> frozenset[str]:
    """The verbs and every form spaCy's lemma table knows of them ("call": calls, called, calling;
    "go": goes, went, gone)."""
    wanted = frozenset(bases)
    return wanted | frozenset(form for form, lemma in lemma_table().items() if lemma in wanted and form.islower())


# ---------------------------------------------------------------------------------------------
# Relations: family members and other personal contacts (RELATIVE).
# ---------------------------------------------------------------------------------------------

# Head words, any case. Hyphenated forms are normalised before lookup ("step-father" ->
# "father", "brother-in-law" -> "brother"), so only solid spellings need listing here.
RELATION_WORDS: frozenset[str] = _words(
    """
    mother mothers mom moms mum mums mommy mommie momma mama mamma mami
    father fathers dad dads daddy papa pops
    parent parents stepparent stepparents
    husband husbands hubby hus hsb wife wives spouse spouses
    son sons daughter daughters dtr dau child children kid kids kiddo baby babies infant
    toddler teen teenager
    sibling siblings sib sibs brother brothers bro sister sisters sis twin twins
    grandmother grandmothers grandma grandmas granny gran grammy gramma nana nanna gma
    grandfather grandfathers grandpa grandpas granddad grandad gramps grandpop gpa
    grandparent grandparents gparents grandson grandsons granddaughter granddaughters
    grandchild grandchildren grandkid grandkids
    aunt aunts auntie aunty uncle uncles cousin cousins niece nieces nephew nephews
    stepmother stepmom stepmum stepfather stepdad stepson stepsons stepdaughter stepdaughters
    stepbrother stepbrothers stepsister stepsisters stepchild stepchildren stepsibling
    stepsiblings stepkid stepkids
    halfbrother halfsister
    godmother godfather godson goddaughter godparent godparents godchild
    in-law in-laws inlaws
    fiance fiancee fiancé fiancée
    boyfriend boyfriends bf girlfriend girlfriends gf partner partners
    ex exes
    roommate roommates roomie housemate housemates flatmate
    friend friends bff bestie
    neighbor neighbors neighbour neighbours
    coworker coworkers co-worker co-workers colleague colleagues boss supervisor
    sponsor guardian guardians caregiver caregivers caretaker caretakers
    pastor mentor landlord landlady relative relatives
    """
)

# Relation abbreviations that are common words in other cases; matched only as written here
# (upper case) and only outside all-caps text, where "SO" is just "so".
RELATION_WORDS_EXACT: frozenset[str] = frozenset({"SO", "S/O"})

# Plural relation words after which a list of names may follow ("children Eli and Grace").
RELATION_PLURALS: frozenset[str] = frozenset(
    w for w in RELATION_WORDS if w.endswith("s") and w[:-1] in RELATION_WORDS
) | _words("children grandchildren stepchildren in-laws inlaws parents sibs")

# Prefixes stripped from a hyphenated relation word before lookup.
RELATION_PREFIXES: tuple[str, ...] = (
    "step-", "half-", "ex-", "great-", "grand-", "god-", "foster-", "twin-",
)
RELATION_SUFFIXES: tuple[str, ...] = ("-in-law", "-in-laws")

# Possessive or determiner words that introduce a relation ("her mother", "pt's wife").
RELATION_DETERMINERS: frozenset[str] = _words(
    """
    his her their my our your the a an its
    pt's patient's client's pts patients clients cl's member's child's
    """
)

# Words that link a relation word to the name after it ("daughter named Grace").
NAME_INTRODUCERS: frozenset[str] = _words("named called aka nicknamed")

# Courtesy titles before a name ("his mother, Mrs. Ann Smith"): the one honorific list of deid.
HONORIFICS: frozenset[str] = _words("mr mrs ms miss mx")


def cased_alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words` as written in notes: capitalized, in capitals and in lower
    case ("Mr|MR|mr"), longest first; no other casing matches."""
    forms = {form for w in words for form in (w.capitalize(), w.upper(), w.lower())}
    return "|".join(sorted(forms, key=lambda f: (-len(f), f)))

# ---------------------------------------------------------------------------------------------
# Clinicians (CLINICIAN).
# ---------------------------------------------------------------------------------------------

# Titles written before a clinician's name ("Dr. Lee", "Doctor Lee"). Any case.
CLINICIAN_TITLES: frozenset[str] = _words("dr dr's drs doctor prof professor")

# Role words (single words or phrases as token tuples) followed directly by a name
# ("therapist Ann Lee", "Nurse Practitioner Alice Wong"). Any case.
CLINICIAN_ROLES: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for phrase in """
    therapist|psychotherapist|psychiatrist|psychologist|counselor|counsellor|clinician|nurse
    |nurse practitioner|social worker|case manager|care manager|care coordinator
    |physician assistant|physician|pediatrician|prescriber|pcp|clinical supervisor
    |dietitian|nutritionist|pharmacist|psychiatric nurse|family therapist|play therapist
    |art therapist|occupational therapist|physical therapist|speech therapist
    |behavior analyst|peer specialist|intern|chaplain
    """.replace("\n", "").split("|")
    if phrase.strip()
)

# Labels followed by a colon and then a name ("Provider: Ann Lee"). Any case.
CLINICIAN_LABELS: frozenset[str] = _words(
    """
    provider clinician therapist counselor psychiatrist psychologist prescriber author
    attending supervisor cosigner co-signer signature signed clinician's
    """
)

# Credentials written after a name ("Jane Park, LCSW") or, for some, before it ("RN Kelly").
# Upper case as usually written; matched without dots and ignoring case, except the ones in
# CREDENTIALS_EXACT. Provenance: hand-written from common US clinical licences and degrees.
CREDENTIALS: frozenset[str] = frozenset(
    """
    MD DO PHD PSYD EDD DNP DSW DMFT MBBS
    LCSW LICSW LISW LISW-S LMSW LSW LCSW-C LCSW-R LGSW LSWAIC MSW
    LMFT LMFTA MFT LAMFT AMFT LPC LPCC LPC-S LPCA LPC-A LAPC APCC LPC-MH LMHC LMHCA LCPC LCMHC LCMHC-S LPCI NCC
    ACSW ASW LCSWA LCAT LCAS
    LCADC LADC CADC CAC LAC CASAC CSAC LCDC MAC
    NP PMHNP PMHNP-BC FNP FNP-BC APRN CNS ARNP RN LPN LVN CNA BSN MSN
    PA PA-C BCBA BCBA-D BCABA QMHP LLP LP RD OTR OTR/L
    RRT CRT RCP PT DPT SLP CCC-SLP PHARMD RPH CCRN CEN RNC RN-BC NREMT EMT-P
    MA MS MED MPH
    """.split()
)

# Credentials that are also ordinary words, states or abbreviations ("MA state", "MS symptoms",
# "DO it", "PA"): matched only in upper case and only with extra evidence (see clinician.py).
CREDENTIALS_EXACT: frozenset[str] = frozenset(
    {"MD", "DO", "MA", "MS", "MED", "PA", "NP", "RN", "LP", "RD", "CNS", "LAC", "CAC", "MAC", "PT", "CRT"}
)

# Credentials that also act as a title in front of a name ("NP Kim", "RN Kelly"). Upper case.
PREFIX_CREDENTIALS: frozenset[str] = frozenset(
    {"NP", "RN", "PA", "PA-C", "LPN", "LVN", "CNA", "APRN", "PMHNP", "LCSW", "LMFT", "LPC",
     "MFT", "LMHC", "FNP"}
)

# Words that, right after a credential, show the credential is a noun modifier, not a
# signature ("PhD program", "MS symptoms", "MA state", "NP visit").
CREDENTIAL_FOLLOWERS: frozenset[str] = _words(
    """
    program programs student students candidate candidates degree degrees level levels
    visit visits appointment appointments appt appts symptom symptoms flare flares relapse
    diagnosis dx exacerbation state office clinic note notes order orders school training
    intern internship thesis dissertation course courses class classes requirement
    requirements applicant applicants graduate grad license licensure exam
    """
)

# Phrases after which a clinician's name follows ("seen by Tom Baker"); regex fragments,
# matched ignoring case.
SIGNATURE_CUES: tuple[str, ...] = (
    r"(?:electronically\s+)?(?:co-?)?signed\s+by",
    r"(?:seen|evaluated|assessed|examined|treated|reviewed|supervised|dictated|authored|"
    r"interviewed|counseled|counselled|written|completed|documented|prepared)\s+by",
    r"(?:electronically\s+)?(?:co-?)?signed\s*:",
)

# ---------------------------------------------------------------------------------------------
# Phones (PHONE_NUMBER, FAX).
# ---------------------------------------------------------------------------------------------

# Labels before (or after) a number that make it a phone number. Any case.
PHONE_CONTEXT_WORDS: frozenset[str] = _words(
    """
    phone phones ph phn pho tel tele telephone telephones cell cellphone cellular mobile mob
    call called calls calling contact contacts number numbers num nbr no text texted texting
    pager beeper hotline line landline voicemail vm reach reached dial dialed home work
    office direct main hm wk
    """
)
# Labels that make it a fax number. "f" counts only as "f:" or "(f)".
FAX_CONTEXT_WORDS: frozenset[str] = _words("fax faxed faxes facsimile telefax")
# Labels that make a bare run of digits an identifier rather than a phone number.
ID_CONTEXT_WORDS: frozenset[str] = _words(
    """
    mrn mr id ids acct account member policy ssn claim npi dea license lic case record chart
    invoice auth authorization ref reference confirmation tracking pin group grp rx medicaid
    medicare insurance subscriber cpt icd dx code zip ein tin routing encounter fin csn har
    identifier serial
    """
)

# ---------------------------------------------------------------------------------------------
# Words that are not names.
# ---------------------------------------------------------------------------------------------

# Closed-class words: spaCy's English stop words (pronouns, determiners, prepositions,
# conjunctions, auxiliaries, number words), and what notes add to them: negated auxiliaries,
# time adverbs, greetings, titles and abbreviations.
FUNCTION_WORDS: frozenset[str] = frozenset(w.lower() for w in STOP_WORDS) | _words(
    """
    aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't shouldn't wasn't
    weren't won't wouldn't shall ought having ones theirs anybody everybody somebody
    ago apart away home instead near nearly till despite unlike versus vs like
    currently previously recently usually soon later maybe today tonight tomorrow yesterday
    yes ok okay oh hi hello thank thanks
    mr mrs ms miss mx dr drs st sr jr etc ie eg
    """
)

# Verbs common in notes; their forms come from spaCy's lemma table (`_forms`).
_VERB_BASES = """
    begin buy catch choose do fall find grow have hear hide lay lend let make mean put sing shoot
    shut swear throw win
    accompany add admit agree allow appear apply arrange arrive ask assist attend avoid
    believe blame borrow bother break bring call care cause change check clean come complain
    consider continue cook cope cry dance decide decline deny describe die disagree discuss
    drink drive drop eat email encourage end enjoy enter escort expect experience explain
    express fail feel fight file finish focus follow force forget gamble get give go graduate
    grieve handle hang happen hate help hit hold hope hurt identify ignore improve include
    indicate insist invite join keep kick kill kiss know laugh learn leave lie like listen live
    look lose love manage marry matter meet mention miss move need note notice offer open
    order pass pay pick plan play pray prefer prepare present pressure promise provide pull
    push quit raise reach read receive recommend refuse relapse relate remain remember remind
    report request respond rest return ride run say scream search see seem sell send separate
    share shout show sign sit sleep smoke speak spend stand start state stay steal stop
    struggle suggest support suspect take talk teach tell text thank think threaten touch
    track travel treat try turn understand use verbalize visit vomit wait wake walk want
    watch wear wish witness work worry write yell
    """

# Open-class words common in notes (nouns, adjectives, adverbs, clinical abbreviations) that
# can follow a relation word or a title and are not names. Words that are also common given
# names or surnames are in NAME_WORDS, and only those listed there in both are rejected when
# written in all caps or all lower case.
_COMMON_OPEN = """
    about absent abuse abused abusive academic active actually additional address adult
    adults advice afraid age aged agency alcohol alcoholic alive angry annual anxiety anxious
    apartment appointment appointments appt appts area assessment assistance attention
    available aware awful bad baby bedside behavior behaviors behaviour best better big birth
    birthday born boundaries boyfriend business busy calm car care cell chart city class
    clear client close college comment comments concern concerned concerns condition conflict
    contact contacts control country couple court crisis current daily data date day days
    dead death deceased decision deployed depressed depression diagnosis different difficult
    direct disabled distant distress divorce divorced doctor domestic drinking drug drugs
    during early education effect either elderly emergency emotional employed employment end
    estranged evening event events ever every everyday ex family far fast fear fine figure
    financial first following for former friday full fun funeral future general gift good
    great group groups guilt happy hard harm head health healthy heart help high history
    hospital hospitalized house household housing hx ill illness important incarcerated
    independent info information inpatient instead interest involved issue issues jail job
    kind large last late later law legal less level life little local lonely long lot loud
    low main major married meal medical medication medications meds meeting member members
    mental middle minor moment monday money month months morning most much name names
    nearby needs nervous new next nice night none normal note nurse office old older only
    other outpatient pain paranoid part past patient people person personal phone physical
    picture place plan plans police poor positive possible present primary prior prison
    private problem problems program progress provider psych psychiatric question questions
    quiet rarely reason recent regular relationship relationships religious report reports
    residence response responsible result right risk room safe safety same saturday school
    second self separated serious service services session sessions several severe short
    sick side since single situation sleep small sober social some sometimes soon source
    special state status stepparents still story stress stressed strong substance suicidal
    suicide sunday support supportive sure surgery symptoms team teen thursday time times
    tired together total town treatment tuesday unemployed unit upset usual very violence
    violent visit visits voice wants way wednesday week weekend weekends weeks whole widowed
    worried worse year years young younger yesterday mondays tuesdays wednesdays thursdays
    fridays saturdays sundays weekly monthly
    unknown unable uninvolved unavailable overseas abroad nearby locally separately
    permission consent release roi number numbers email address passed away together
    committed caring loving helpful aware unaware sad scared mad
    january february march july september october november december
    line hotline triage station desk staff team review utilization committee board
    department quality admin administration billing records pharmacy insurance psychiatry
    psychology nursing medicine clinic center centre services unit floor ward intake
    english spanish mexican american african asian chinese korean japanese vietnamese
    filipino indian hispanic latino latina latinx caucasian native european catholic
    christian jewish muslim baptist mormon buddhist hindu atheist speaking
    facebook instagram snapchat tiktok twitter youtube google zoom text texts
    pt pts cl dx rx tx sx fx hx sz si hi avh ah vh ptsd adhd add ocd gad mdd bpd asd odd
    sud aud ed er icu ccu picu nicu ld ob gyn pcp cps dcfs dss dhs aa na ca ssi ssdi va
    dui dwi iep snf alf ltc ems ama bp hr rr lol tbd tba n/a na nka nkda wnl prn bid tid
    qd qhs po im iv mse hpi ros pmh fhx shx cc id ssn mrn dob npi ok usa us uk
    lcsw lmft lpc md do phd psyd np rn pa ma ms htn dm copd chf cad ckd etoh thc iop php
    rtc fu tbi cva mi uti std sti hiv aids hcv gi ent ekg ecg mri ct cbc bmp tsh lfts
    snap wic tanf ssa dmv dcf doc cpt icd dsm phq gad-7 phq-9 audit cage
    """

# Common words that are also common given names or surnames ("Will", "Mark", "Park", "Hill").
# Capitalised in mixed-case text, and in any case after a strong clinician cue ("Dr. PARK"),
# they are names; in all caps or lower case after a weaker cue they are words.
NAME_WORDS: frozenset[str] = _words(
    """
    will may mark bill frank grant rich art pat sue joy chase hunter dean drew rob don ken
    guy max earl gene ray roy rose grace hope faith april june august autumn summer dawn
    ivy holly lily daisy iris ruby pearl jade amber crystal sky rain robin sandy sunny
    victor wade glen glenn cliff heath lane reed rod stone todd jack jean jan sally page
    park hill wood woods brown green white black gray grey young long king bell price cook
    baker carter miller hunter fisher banks rivers mills ford bush lee rice knight love
    moody strong sharp wise hart west north south east cross marsh field fields hall
    walker turner mason parker porter potter shepherd butler rush fox wolf bird swan lamb
    bishop pope hale ed
    """
)

COMMON_WORDS: frozenset[str] = (
    FUNCTION_WORDS
    | _forms(_VERB_BASES.split())
    | _words(_COMMON_OPEN)
)

# Month names that are also given names; followed by a day number they are dates, not names.
MONTH_NAMES: frozenset[str] = MONTH_WORDS

# Endings of lower-case verbs, adverbs, adjectives and abstract nouns ("phoned", "visiting",
# "really", "agitation"): without a tagger they tell a word from a name no list knows. Names with
# such endings (ted, emily, sterling) are on the Census lists and pass.
_NON_NAME_ENDINGS: tuple[str, ...] = (
    "ed", "ing", "ly", "tion", "sion", "ment", "ness", "ful", "ous", "ive", "able", "ible", "ize",
    "ise", "ity", "itis", "osis", "emia", "ectomy", "otomy", "ology", "oscopy", "algia", "pathy",
    "plasty", "uria",
)


def may_be_lowercase_name(word: str) -> bool:
    """Whether a lower-case word that is not a common word can still be a name here."""
    return bool(name_strength(word)) or not word.lower().endswith(_NON_NAME_ENDINGS)


def is_note_word(word: str, *, strong_cue: bool = False) -> bool:
    """Whether an all-caps or lower-case token is one of the everyday words notes are written with
    (COMMON_WORDS: function words, common verbs and their forms) rather than a name.
    `deid.kit.names.is_common_word` asks the web's word frequencies instead.

    After a strong cue (a "Dr." title, a credential) words that are also names count as names.
    """
    lower = word.lower()
    if lower not in COMMON_WORDS:
        return False
    return not (strong_cue and lower in NAME_WORDS)


def is_common_capitalized(word: str) -> bool:
    """Whether a capitalised token in mixed-case text is an ordinary word rather than a name."""
    lower = word.lower()
    return lower in COMMON_WORDS and lower not in NAME_WORDS
