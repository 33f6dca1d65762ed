"""Seeded generator of synthetic psychotherapy notes with exact gold spans.

Every note is assembled from pieces; an identifier is appended through ``_Builder.ent`` which
records its offsets at the moment it is written, so gold spans are exact by construction (we never
search for a value afterwards). Literal template text never contains an identifier, and it is
full of precision traps (medications, scale scores, ICD/CPT codes, times, therapy names, weekdays,
months alone, relative time, ages under 90, states, role words) that carry no span.

Span conventions (what the gold covers):

* names: the name only, without titles or credentials ("Dr. [Lee]", "[J. Park], LCSW",
  "her husband [Tom Reyes]", "[Smith, Jane]" as one span);
* labelled identifiers: the value only ("MRN: [00123456]", "DOB: [04/02/1988]");
* phones and faxes: the number including an extension ("[619-549-0329 ext 12]");
* addresses: street line (with apartment/suite), city and ZIP are separate spans; the state is
  not an identifier;
* ages over 89: the number only ("[92] yo", "[ninety-one] year old");
* dates: the whole date expression ("[March 14, 2025]", "[Mar 14th]"); weekdays, months alone,
  years alone and relative expressions are never dates here.

Determinism: note ``i`` depends only on ``(seed, i)`` and its patient on ``(seed, patient index)``,
using private ``random.Random`` instances and a ``faker.Faker("en_US")`` re-seeded per patient and
per note, so the first k notes of ``generate_notes(n, seed)`` equal ``generate_notes(k, seed)``.
All text is ASCII, so the upper/lower case variants keep every offset.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import os
import random
import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Iterator

import faker as _faker
from faker.providers.person.en_US import Provider as _PersonProvider

__all__ = [
    "ENTITY_TYPES",
    "TRAP_STRINGS",
    "GoldSpan",
    "SyntheticNote",
    "generate_notes",
    "to_gold_record",
    "write_gold_jsonl",
]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold identifier: character offsets into ``SyntheticNote.text`` and its entity type."""

    start: int
    end: int
    entity_type: str


@dataclass(frozen=True, slots=True)
class SyntheticNote:
    """A generated note with its gold spans and the structured columns of its row."""

    note_id: str
    patient_id: str
    kind: str
    case: str
    text: str
    spans: tuple[GoldSpan, ...]
    row: dict[str, str]


# The entity types this generator emits (all of our vocabulary).
ENTITY_TYPES: tuple[str, ...] = (
    "PATIENT", "RELATIVE", "CLINICIAN", "PERSON", "PHONE_NUMBER", "FAX", "EMAIL_ADDRESS", "URL",
    "IP_ADDRESS", "US_SSN", "MRN", "MEMBER_ID", "ACCOUNT_ID", "STREET_ADDRESS", "CITY", "ZIP",
    "LOCATION", "DATE", "DOB", "AGE_OVER_89", "ORGANIZATION", "FACILITY",
)


# --------------------------------------------------------------------------------------------
# Pools
# --------------------------------------------------------------------------------------------

def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


# Names that would be ambiguous with months or states are left out of the name pools, so that a
# month or state in the text is never a name (and the trap lists stay unambiguous).
_NAME_EXCLUDE = {"april", "may", "june", "august", "virginia", "washington", "georgia",
                 "carolina", "dakota", "montana", "indiana", "florida", "nevada", "ohio",
                 "january", "march", "tuesday"}


class _Weighted:
    """A weighted pool sampled with bisect on cumulative weights (fast, deterministic)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, weights: dict[str, float]) -> None:
        pairs = [(_ascii(k), float(v)) for k, v in weights.items()]
        pairs = [(k, v) for k, v in pairs if k and k.lower() not in _NAME_EXCLUDE]
        self.items = [k for k, _ in pairs]
        self.cum = list(accumulate(v for _, v in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.items[min(bisect.bisect_right(self.cum, rng.random() * self.total),
                              len(self.items) - 1)]


_FIRST_F = _Weighted(_PersonProvider.first_names_female)
_FIRST_M = _Weighted(_PersonProvider.first_names_male)
_LAST = _Weighted(_PersonProvider.last_names)

_STATES = [
    ("California", "CA"), ("Texas", "TX"), ("Oregon", "OR"), ("Arizona", "AZ"),
    ("Colorado", "CO"), ("Illinois", "IL"), ("Michigan", "MI"), ("Pennsylvania", "PA"),
    ("Massachusetts", "MA"), ("Minnesota", "MN"), ("Tennessee", "TN"), ("Wisconsin", "WI"),
    ("Missouri", "MO"), ("Utah", "UT"), ("Kentucky", "KY"), ("Alabama", "AL"),
    ("Connecticut", "CT"), ("New Mexico", "NM"), ("Maryland", "MD"), ("Iowa", "IA"),
]

# Real US cities (names without a state name or common word in them) plus faker's made-up ones.
_CITIES = [
    "San Diego", "Fresno", "Oakland", "Sacramento", "Bakersfield", "Riverside", "Stockton",
    "Modesto", "Chula Vista", "Escondido", "Oceanside", "Pasadena", "Torrance", "Santa Rosa",
    "Eugene", "Salem", "Tucson", "Mesa", "Flagstaff", "Albuquerque", "Las Cruces", "Denver",
    "Boulder", "Pueblo", "Austin", "El Paso", "Lubbock", "Amarillo", "Houston", "San Antonio",
    "Chicago", "Peoria", "Rockford", "Detroit", "Lansing", "Grand Rapids", "Ann Arbor",
    "Pittsburgh", "Scranton", "Allentown", "Worcester", "Springfield", "Lowell", "Duluth",
    "Rochester", "Knoxville", "Chattanooga", "Memphis", "Madison", "Milwaukee", "Green Bay",
    "St. Louis", "Provo", "Ogden", "Louisville", "Lexington", "Huntsville", "Tuscaloosa",
    "Hartford", "New Haven", "Baltimore", "Frederick", "Des Moines", "Cedar Rapids",
    "Santa Fe", "Long Beach", "Anaheim", "Irvine", "Fremont", "San Jose", "Hayward", "Tempe",
    "Scottsdale", "Fort Collins", "Plano", "Waco", "Joliet", "Toledo", "Akron", "Dayton",
]
_CITY_PREFIX = ["North", "East", "West", "South", "New", "Lake", "Port"]
_CITY_SUFFIX = ["town", "ton", "land", "ville", "berg", "burgh", "borough", "bury", "view",
                "port", "mouth", "field", "chester", "fort", "haven", "side", "dale"]
_STREET_WORDS = ["Elm", "Oak", "Maple", "Main", "Pine", "Cedar", "Walnut", "Willow", "Park",
                 "Lake", "Hillcrest", "Sunset", "Highland", "Meadow", "Ridge", "Valley",
                 "Washington", "Lincoln", "Jefferson", "Adams", "Madison", "Franklin", "2nd",
                 "3rd", "5th", "12th", "Mission", "Broadway", "Orchard", "Spruce", "Birch",
                 "Chestnut", "Laurel", "Magnolia", "Sycamore", "Vista", "Canyon", "Harbor"]
_STREET_SUFFIX = ["St", "St.", "Street", "Ave", "Ave.", "Avenue", "Blvd", "Boulevard", "Rd",
                  "Road", "Dr", "Drive", "Ln", "Lane", "Ct", "Court", "Way", "Pl", "Place",
                  "Terrace", "Circle", "Pkwy"]
_UNIT = ["Apt {n}", "Apt. {n}", "Apt #{n}", "Unit {n}", "#{n}", "Suite {n}", "Ste {n}",
         "Unit {L}", "Apt {n}{L}"]

# Real US area codes (libphonenumber considers these valid).
_AREA_CODES = [
    "619", "858", "760", "415", "510", "408", "650", "916", "559", "661", "714", "949", "310",
    "323", "818", "626", "503", "541", "971", "520", "480", "602", "505", "575", "303", "720",
    "719", "512", "713", "214", "210", "915", "806", "312", "773", "309", "815", "313", "517",
    "616", "734", "412", "570", "610", "508", "413", "978", "218", "507", "865", "423", "901",
    "608", "414", "920", "314", "801", "385", "502", "859", "256", "205", "860", "203", "410",
    "301", "515", "319", "206", "425", "612", "651", "952", "763",
]

_CPT = ["90837", "90834", "90832", "90791", "90847", "90846", "90853", "90839", "90840"]

_BIG_EMPLOYERS = [
    "Costco", "Walmart", "Target", "Amazon", "Starbucks", "Home Depot", "Lowe's", "UPS",
    "FedEx", "Kroger", "Safeway", "Wells Fargo", "Chipotle", "Trader Joe's", "Best Buy",
    "Whole Foods", "Walgreens", "CVS", "Albertsons", "Ralphs", "Petco", "Verizon", "Qualcomm",
    "Intuit", "Southwest Airlines", "Enterprise Rent-A-Car", "Marriott", "Nordstrom",
]
_COMPANY_SUFFIX = ["Inc", "Inc.", "LLC", "Group", "Ltd", "and Sons", "Co.", "Partners",
                   "Logistics", "Construction", "Solutions", "Dental", "Realty", "Insurance",
                   "Landscaping", "Auto Body", "Plumbing", "Consulting", "Bakery", "Marketing"]
_SCHOOL_KIND = ["Elementary School", "Elementary", "Middle School", "High School",
                "Academy", "Charter School", "Junior High", "Preparatory School"]
_COLLEGE_FMT = ["{city} Community College", "{city} City College", "University of {city}",
                "{last} College", "{city} State University", "{last} Technical Institute"]
_CHURCH_FMT = ["St. {saint} Catholic Church", "First Baptist Church of {city}",
               "Grace Community Church", "{city} Methodist Church", "New Life Fellowship",
               "{last} Avenue Baptist Church", "Temple Beth {last}", "{city} Islamic Center",
               "Calvary Chapel {city}", "St. {saint}'s Episcopal Church", "Cornerstone Church"]
_SAINTS = ["Mary", "Joseph", "John", "Luke", "Anne", "Francis", "Vincent", "Jude", "Paul",
           "Catherine", "Agnes", "Elizabeth", "Michael", "Patrick", "Bernadine", "Rose"]
# "|" marks where a facility's name ends and its kind begins: the kind ("Hospital", "Counseling
# Center") is not an identifier and stays in the redacted text, as in the PhysioNet annotations.
_FACILITY_FMT = [
    "Mercy General|Hospital", "{city} Memorial|Hospital", "St. {saint}|Medical Center",
    "St. {saint}'s|ER", "{city} Regional|Medical Center", "{last}|Psychiatric Hospital",
    "{city}|Behavioral Health Center", "{last}|Recovery Center", "{city} Community|Clinic",
    "{last} Family|Health Center", "{city}|Urgent Care", "{last} Memorial|Hospital",
    "{city}|Crisis Stabilization Unit", "{last} House|Residential Treatment",
    "{city} VA|Medical Center", "Good Samaritan|Hospital", "{city} General|Hospital",
    "{last}|Children's Hospital", "{city}|Detox Center", "{last} Pavilion|inpatient unit",
]
_CLINIC_FMT = [
    "{adj}|Counseling Center", "{adj}|Behavioral Health", "{last}|Family Therapy",
    "{city} Counseling Associates", "{adj}|Psychological Services", "{last} & {last2} Therapy Group",
    "{adj} Mental Health|Clinic", "{city}|Wellness Center", "{adj} Psychotherapy Associates",
]
_ADJ = ["Harbor View", "Pacific", "Summit", "Clearwater", "Bridgeway", "Oak Grove", "Riverbend",
        "Cornerstone", "Northside", "Lakeshore", "Evergreen", "Sunrise", "Blue Sky", "Mesa",
        "Greenfield", "Westwind", "Stillwater", "Tri-County"]
_LOCATION_FMT = ["{last} Park", "{last} Lake", "Lake {last}", "{adj} Beach", "{last} Trail",
                 "{adj} Heights", "{last} Canyon", "{adj} Marina", "{last} Square",
                 "{adj} Mall", "Old Town {city}", "{last} Creek", "{adj} Pier",
                 "{last} Hills", "Mount {last}"]

_CRED_DR = ["PsyD", "PhD"]
_CRED = ["LCSW", "LMFT", "LPCC", "LPC", "LMHC", "AMFT", "ASW", "APCC", "LCSW", "LMFT",
         "PsyD", "PhD"]

_MEDS = [
    "sertraline 50 mg", "sertraline 100 mg daily", "Zoloft 50mg", "fluoxetine 20 mg",
    "Prozac 40 mg", "escitalopram 10 mg", "Lexapro 10mg", "Lexapro 20 mg",
    "bupropion XL 150 mg", "Wellbutrin XL 300 mg", "venlafaxine ER 75 mg", "Effexor XR 150 mg",
    "duloxetine 60 mg", "Cymbalta 30mg", "mirtazapine 15 mg qhs", "Remeron 7.5 mg",
    "trazodone 50 mg qhs PRN", "quetiapine 25 mg qhs", "Seroquel 100 mg", "aripiprazole 5 mg",
    "Abilify 2 mg", "lamotrigine 100 mg BID", "Lamictal 200 mg", "lithium 300 mg BID",
    "buspirone 10 mg TID", "hydroxyzine 25 mg PRN", "clonazepam 0.5 mg PRN",
    "Klonopin 1 mg", "lorazepam 0.5 mg PRN", "Ativan 1mg PRN", "prazosin 2 mg qhs",
    "propranolol 10 mg PRN", "Adderall XR 20 mg", "Vyvanse 30 mg", "Concerta 36 mg",
    "methylphenidate 10 mg", "naltrexone 50 mg", "gabapentin 300 mg TID",
]
_MED_NAMES = ["sertraline", "Zoloft", "Lexapro", "fluoxetine", "Prozac", "Wellbutrin",
              "Effexor", "Cymbalta", "trazodone", "Seroquel", "Abilify", "Lamictal", "lithium",
              "buspirone", "hydroxyzine", "Klonopin", "Ativan", "Adderall", "Vyvanse",
              "melatonin", "prazosin", "gabapentin"]
_SCALES = [
    "PHQ-9 of {a}", "PHQ-9 = {a}", "PHQ-9: {a}", "PHQ-9 score {a}", "GAD-7 = {b}",
    "GAD-7 of {b}", "GAD-7: {b}", "PCL-5: {c}", "PCL-5 = {c}", "BDI-II {c}",
    "AUDIT-C {d}", "Y-BOCS {c}", "C-SSRS negative", "C-SSRS screen low risk",
    "DAST-10 {d}", "EPDS {a}", "ORS {c}", "MDQ negative",
]
_DX = [
    "F41.1 Generalized anxiety disorder", "F33.1 Major depressive disorder, recurrent, moderate",
    "F32.1 Major depressive disorder, single episode, moderate", "F43.10 Posttraumatic stress disorder",
    "F43.23 Adjustment disorder with mixed anxiety and depressed mood", "F90.0 ADHD, predominantly inattentive",
    "F31.81 Bipolar II disorder", "F42.2 Obsessive-compulsive disorder", "F10.20 Alcohol use disorder, moderate",
    "F60.3 Borderline personality disorder", "F41.0 Panic disorder", "F40.10 Social anxiety disorder",
    "F50.00 Anorexia nervosa", "F34.1 Persistent depressive disorder", "F43.22 Adjustment disorder with anxiety",
    "Z63.0 Relationship distress with spouse or partner", "F33.0 MDD, recurrent, mild", "F12.20 Cannabis use disorder",
    "F41.9 Unspecified anxiety disorder", "F43.21 Adjustment disorder with depressed mood",
]
_THERAPIES = ["CBT", "DBT", "ACT", "EMDR", "IPT", "CPT", "TF-CBT", "ERP", "MI", "behavioral activation",
              "mindfulness-based CBT", "solution-focused therapy", "psychodynamic therapy",
              "exposure therapy", "DBT skills group", "couples therapy", "family therapy"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_RELTIME = ["last week", "yesterday", "two weeks ago", "last Tuesday", "over the weekend",
            "this morning", "a few months ago", "last night", "earlier this week",
            "three days ago", "since last session", "a couple weeks ago", "last Friday",
            "the other day", "last month", "a few days ago"]
_TIMES = ["10:30", "0800", "3pm", "9:00 AM", "2:15 PM", "1400", "11am", "4:30", "1600",
          "8:45 am", "noon", "7pm"]
_NUMWORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 93: "ninety-three",
             94: "ninety-four", 95: "ninety-five", 96: "ninety-six", 97: "ninety-seven",
             98: "ninety-eight", 99: "ninety-nine"}

# Strings the generator writes as literal (non-identifier) text; none may fall inside a span.
TRAP_STRINGS: tuple[str, ...] = (
    "sertraline 50 mg", "Zoloft", "Lexapro 10mg", "Lexapro", "Wellbutrin", "Ativan", "Klonopin",
    "Seroquel", "Abilify", "lithium", "clonazepam 0.5 mg", "trazodone",
    "PHQ-9", "GAD-7", "PCL-5", "C-SSRS", "BDI-II", "Y-BOCS", "F41.1", "F33.1", "F43.10",
    "Z63.0", "90837", "90834", "90791", "CBT", "EMDR", "DBT", "TF-CBT",
    "SI/HI", "PRN", "NPO", "WNL", "MSE", "A&Ox4", "qhs", "BID", "AVH",
    "on Tuesday", "last Tuesday", "on Friday", "in March", "in October", "last week",
    "yesterday", "two weeks ago", "a few months ago", "over the weekend",
    "I hope", "she will", "he will", "mark the calendar", "by the grace of", "the rose garden",
    "California", "Texas", "Oregon", "34 yo", "her husband", "my mom", "the therapist",
    "this writer", "BP 128/82", "6/10", "call 988", "Parkinson's", "Hashimoto's",
    "Socratic questioning", "Gottman", "Beck Depression Inventory",
)


# --------------------------------------------------------------------------------------------
# Templates: "{slot}" or "{slot:arg:arg}" placeholders, compiled once.
# --------------------------------------------------------------------------------------------
_SLOT_RE = re.compile(r"\{([^{}]+)\}")


def _compile(t: str) -> tuple:
    parts = _SLOT_RE.split(t)
    out = []
    for k, p in enumerate(parts):
        if k % 2 == 0:
            if p:
                out.append((None, p))
        else:
            name, _, arg = p.partition(":")
            out.append((name, arg))
    return tuple(out)


def _C(lst: list[str]) -> tuple:
    return tuple(_compile(t) for t in lst)


_SUBJ = _C([
    "Client reports increased anxiety {reltime}, rating it {n10}/10, and attributes it to conflict with {rel:pos}.",
    "{PN} stated that {rel:pos} has been \"checking in more\" since {pos} last visit to {fac}.",
    "Pt reports poor sleep (4-5 hrs/night) since starting a new position at {org} {reltime}.",
    "Client described an argument with {rel:pos} on {weekday} that escalated to yelling; no physical altercation reported.",
    "{Sub} continues to work part-time at {org} and reports the schedule change to 0600 shifts has been hard.",
    "{PN} shared that {rel:pos} was admitted to {fac} on {date} after a fall.",
    "Client reports that {relS:Pos} moved out {reltime}; {sub} describes feeling \"relieved but lonely.\"",
    "Pt endorses low mood most days, anhedonia, and reduced appetite; denies SI/HI.",
    "Client reports {sub} will be traveling to {city}, {state} to visit {rel:pos} in {month}.",
    "{PN} reports ongoing stress related to custody arrangements with {rel:pos}; court date is set for {date}.",
    "Client discussed grief related to the death of {rel:pos} on {date}; anniversary reactions noted.",
    "Pt states that {pos} manager at {org} \"doesn't get it\" and has threatened to cut {pos} hours.",
    "Client reports walking at {loc} three times a week as part of behavioral activation.",
    "{PN} reports {sub} attended a family gathering in {city} {reltime} and \"mostly held it together.\"",
    "Client states {rel:pos} has been drinking more; {sub} has started attending a family support group on {weekday} nights.",
    "Pt reports panic attack while driving near {loc} {reltime}; symptoms resolved in about 10 minutes.",
    "Client shared that {pos} child's school, {school}, called about absences; {rel:pos:child} has been refusing to go.",
    "{Sub} reports good adherence to {med} with mild nausea in the first week, now resolved.",
    "Client reports that {pos} psychiatrist, Dr. {psy}, increased {medname} {reltime}.",
    "Pt recently moved to {street}, {city} and reports the new apartment is quieter.",
    "Client reports an upcoming job interview at {organy} on {datefut} and anticipatory anxiety.",
    "{PN} reports {sub} has been spending most weekends with {rel:pos} and feels more supported.",
    "Client reports intrusive memories of the accident on {date}, with nightmares 2-3x/week.",
    "Pt states {sub} \"can't stop worrying\" about finances since being laid off from {org}.",
    "Client described {old:pos}, who now needs help with daily tasks, as \"the person who raised me.\"",
    "Client reports volunteering at {church} on Sundays and finds it meaningful.",
    "{PN} reports that {rel:pos} texted {obj} {reltime} asking to reconcile; {sub} has not replied.",
    "Client reports that a coworker named {personname} made comments that felt demeaning; {sub} is considering speaking with HR.",
    "Pt shared that {person} is helping with the eviction notice from {pos} landlord.",
    "Client reports {sub} completed the thought record twice this week and noticed patterns of catastrophizing.",
    "{PN} states {sub} hopes to return to classes at {college} in {month}.",
    "Client reports {rel:pos} was diagnosed with cancer {reltime} and {sub} has been driving {obj2} to appointments at {fac}.",
    "Pt reports drinking 3-4 beers on weekends, down from daily use in {month}.",
    "Client stated that {sub} \"has been better by the grace of God\" and credits {pos} faith community at {church}.",
    "Client states {sub} will call {rel:pos} at {phoneo} to set up a family meeting.",
    "{PN} reports irritability and difficulty concentrating at work; PHQ-9 today was {phq}.",
    "Client reports {sub} and {rel:pos} are planning to mark the calendar for weekly date nights.",
    "Pt reports conflict with {rel:pos} about chores; {relS:Pos} reportedly said \"you never help.\"",
    "Client mentions {sub} was seen at {fac} on {date} for chest pain; cardiac workup WNL.",
    "Client reports {pos} daughter's teacher, {personname}, recommended an evaluation for ADHD.",
    "{PN} describes {rel:pos} as {pos} main support and reports they talk most evenings.",
    "Pt describes feeling \"on edge\" since the break-in at {pos} home on {date}; police report filed, case #{acct}.",
    "Client reports {sub} is enjoying the rose garden at the community center and gardening at home.",
    "{PN} reports {sub} wants to reduce hours at {org} and focus on recovery.",
    "Client shared photos from {pos} trip to {loc} with {rel:pos}, describing it as \"the first time I felt normal in months.\"",
    "Pt reports {rel:pos} is staying with them temporarily after leaving {fac}.",
    "Client reports that {pos} sponsor, {reln}, suggested daily check-ins by phone.",
    "Client shared that {rel:pos:child} starts at a new school, {school}, on {datefut}.",
    "Client reports {sub} has been isolating; last left the house to see {rel:pos} {reltime}.",
    'Client reports {pos} husband has been supportive but "doesn\'t understand anxiety."',
    '{PN} reports {sub} skipped two shifts at {org} {reltime} due to low motivation.',
    'Client describes Sunday evenings as the hardest time of the week.',
    'Pt reports nightmares have decreased from nightly to 1-2x/week since starting prazosin.',
    'Client reports {sub} was pulled over near {loc} and became tearful; no citation issued.',
    '{PN} states {rel:pos} will be moving in with them in {month}, which {sub} feels ambivalent about.',
    'Client reports binge eating episodes 2x this week, typically after 9pm.',
    'Client reports that {relS:Pos} called {obj} "dramatic" during an argument about money.',
    'Pt reports {sub} has been using cannabis nightly to sleep; open to reducing use.',
    'Client attended {pos} niece\'s graduation at {college} and described feeling "proud and exhausted."',
    'Client reports {sub} was written up at {org} for lateness and fears being fired.',
    '{PN} reports {rel:pos} has a new job in {city} and the family may relocate.',
    'Client states the move from {city} has left {obj} without friends nearby.',
    "{PN} reports {pos} roommate, a 34 yo nurse, moved out {reltime}.",
])

_OBJ = _C([
    "MSE: Alert and oriented x4, appropriately groomed, good eye contact, speech normal rate and volume.",
    "Mood \"tired\"; affect constricted, congruent. Thought process linear and goal-directed.",
    "Client appeared anxious, fidgeting throughout session; affect became brighter toward the end.",
    "A&Ox4. No evidence of psychosis; denies AVH. Insight and judgment fair.",
    "Client arrived 10 minutes late, casually dressed, cooperative. Speech pressured at times.",
    "Affect tearful when discussing {rel:pos}; otherwise euthymic. No psychomotor abnormalities noted.",
    "Vitals per intake: BP 128/82, HR 76. Appetite decreased; sleep 5-6 hrs.",
    "Client engaged well, maintained eye contact, and was able to use grounding skills in session.",
    "Thought content notable for guilt and worthlessness; no delusions. SI/HI denied.",
    "Telehealth: client participated from {pos} car; audio and video quality adequate.",
    "Client presented well groomed, calm, and reflective; MSE otherwise WNL.",
    "Observed psychomotor slowing; speech soft, latency increased. Mood \"numb.\"",
    'Appearance: casually dressed, fair hygiene. Behavior: restless. Speech: rapid. Mood: "stressed."',
    'Affect full range, mood "okay." Thought content: future-oriented; denies SI/HI, no AVH.',
    'Cognition grossly intact; memory and attention WNL. Insight good, judgment fair.',
    'Client was on time for session and appeared more rested than at prior visit.',
    'MSE notable for anxious affect and ruminative thought process; otherwise unremarkable.',
    'Session conducted by video; client in a private room at home. Identity verified.',
    'Client presented with flat affect and minimal spontaneous speech; oriented x3.',
    'Weight 164 lb per self-report; BMI 27.4. Client denies purging behaviors.',
    "Client reports being NPO after midnight for an endoscopy tomorrow and is anxious about sedation.",
])

_INTERV = _C([
    "Clinician used {therapy} techniques to identify automatic thoughts related to {pos} job at {org}.",
    "Provided psychoeducation on the panic cycle and practiced paced breathing (4-7-8).",
    "Reviewed safety plan; client identified {rel:pos} as a support and the crisis line (call 988) as backup.",
    "Processed grief using empty chair work; client addressed {rel:pos} directly.",
    "Completed EMDR desensitization on target memory from {date}; SUDS reduced from 8 to 3.",
    "Used Socratic questioning to examine the belief \"I always ruin everything.\"",
    "Practiced DBT distress tolerance skills (TIPP, STOP) and assigned diary card.",
    "Role-played assertive communication for an upcoming conversation with {rel:pos}.",
    "Explored values using ACT matrix; client named family and creativity as core values.",
    "Introduced behavioral activation scheduling; client planned a walk at {loc} on {weekday}.",
    "Used motivational interviewing to explore ambivalence about drinking.",
    "Reviewed sleep hygiene; discussed limiting caffeine after 2pm.",
    "Provided psychoeducation on trauma responses; normalized hypervigilance.",
    "Worked on exposure hierarchy (ERP) for contamination fears; completed two in-session exposures.",
    "Coordinated care with Dr. {psy} regarding {medname} side effects (ROI on file).",
    "Used Gottman-informed communication exercises for conflict with {rel:pos}.",
    "Completed cognitive restructuring worksheet on fears about the interview at {organy}.",
    "Practiced mindfulness body scan (10 min); client reported feeling calmer afterward.",
    'This writer reviewed the diary card and targeted the urge to isolate.',
    "This writer validated the client's frustration and explored underlying hurt.",
    'Introduced the cognitive triangle; client linked the thought "I\'m a failure" to withdrawal.',
    'Completed a chain analysis of the argument on {weekday}.',
    'Practiced opposite action for shame; client identified one small step before next session.',
    'Reviewed progress on treatment plan goals; updated goals with client input.',
    'Discussed boundaries with {rel:pos} and drafted a script using DEAR MAN.',
    'Explored family-of-origin patterns related to conflict avoidance.',
    'Used imaginal exposure for the memory from {date}; client tolerated well.',
    'Provided psychoeducation on the window of tolerance and practiced grounding (5-4-3-2-1).',
])

_RESP = _C([
    "Client was receptive and able to generate two alternative thoughts.",
    "Client responded well to the intervention and agreed to practice daily.",
    "{PN} became tearful but was able to regulate using breathing by end of session.",
    "Client expressed skepticism about homework but agreed to try once before next session.",
    "Client reported feeling \"lighter\" and more hopeful at the close of session.",
    "{PN} identified that {rel:pos} could help with accountability.",
    "Client was guarded initially, then more open as session progressed.",
    "Client demonstrated good understanding of the skill and gave an example from {reltime}.",
    'Client engaged actively and asked to continue this work next session.',
    'Client stated the therapist\'s summary "made sense" and felt understood.',
    '{PN} was able to identify three coping strategies and commit to using one daily.',
    'Client minimized concerns initially but later acknowledged the impact on {pos} job at {org}.',
    'Client appeared relieved after disclosing the argument with {rel:pos}.',
    'Client reported the exercise was "harder than it looks" but agreed to practice.',
    'Client became irritable when discussing {rel:pos}, then de-escalated with paced breathing.',
    'Client was able to reframe the event and rated distress at 3/10 by end of session.',
    'Limited engagement today; client reported fatigue after a double shift.',
])

_ASSESS = _C([
    "Dx: {dx}.",
    "Diagnosis: {dx}; {dx2}.",
    "{scale}; {scale2}. Symptoms {trend} compared to last session.",
    "Client continues to meet criteria for {dx}. {scale}.",
    "Progress toward treatment goals: moderate. {scale}.",
    "Risk assessment: SI/HI denied, no plan or intent; protective factors include {rel:pos} and work at {org}.",
    "Low acute risk. C-SSRS negative. No access to firearms per client.",
    "Client's presentation is consistent with {dx}, exacerbated by recent stressors.",
    "Symptoms {trend}; PHQ-9 {phq}, GAD-7 {gad}.",
    "Medical hx: Hashimoto's thyroiditis; no history of seizures. Family hx of Parkinson's (paternal grandfather).",
    "Client is a {age}-year-old {gender} presenting with {dxname}.",
    "{PN} appears motivated for treatment; engagement has improved since {month}.",
    "Functional impairment at work ({org}) persists; attendance improving.",
    "Client is making slow but steady progress; sleep and appetite improving.",
    "Beck Depression Inventory (BDI-II) total {phq}, in the moderate range.",
    'Symptoms remain clinically significant; PHQ-9 {phq}, GAD-7 {gad}.',
    'Continued stressors include finances, conflict with {rel:pos}, and health concerns.',
    'R/O {dxname}; will continue to monitor. {scale}.',
    'Risk: low. No SI/HI. No recent self-harm. Protective factors: children, faith, future orientation.',
    'Client benefits from {therapy}; continued medical necessity for weekly sessions.',
    'Rule out bipolar spectrum given MDQ; refer to psychiatry for evaluation.',
    'Trauma symptoms decreasing (PCL-5 {phq} points lower than intake).',
    '{PN} reports good medication adherence; no side effects endorsed.',
])

_PLAN = _C([
    "Continue weekly individual therapy ({cpt}); next appointment {datefut} at {time}.",
    "Next session: {datefut} {time}, {modality}.",
    "Follow up with Dr. {psy} re: {medname}; client has appointment on {datefut}.",
    "Client to complete thought records and practice {therapy} skills daily.",
    "Continue {med} as prescribed by psychiatry.",
    "Safety plan reviewed and updated; client will call 988 or go to {fac} if SI emerges.",
    "Refer to DBT skills group at {clinic}; intake scheduled for {datefut}.",
    "Obtain ROI for {rel:pos} to allow collateral contact.",
    "Send records to {pcp_full} at fax {fax} per client request (ROI signed {date}).",
    "Client to schedule PCP follow-up with Dr. {pcp} for labs (TSH).",
    "Plan to reassess PHQ-9 and GAD-7 in 4 weeks.",
    "Homework: behavioral activation log; one pleasant activity with {rel:pos} this week.",
    "Client prefers contact at {phone}; OK to leave voicemail.",
    "Coordinate with school counselor at {school} (ROI on file); counselor reachable at {phoneo}.",
    "Return in 2 weeks; client will mark the calendar and set phone reminders.",
    "Telehealth link for next session: {url}",
    "Client will email homework to {email_clin}.",
    "Continue tx plan; review goals on {datefut}.",
    "Claim submitted, claim # {acct}; prior auth {acct2} valid through {datefut}.",
    "Discussed step-down to biweekly sessions in {month} if gains are maintained.",
    'Next appt in 1 week. Continue {therapy}.',
    'Client given crisis resources, including call 988 and the local mobile crisis team.',
    'Will send treatment summary to Dr. {psy} with client consent.',
    'Complete PCL-5 at next session to track PTSD symptoms.',
    'Schedule family session with {rel:pos} on {datefut} (90847).',
    'Client to practice paced breathing 2x/day and log SUDS ratings.',
    'Plan to begin EMDR phase 3 once stabilization skills are consistent.',
    'Update safety plan to include {rel:pos} at {phoneo}.',
    'F/u in 2 weeks; client aware of PRN plan from psychiatry.',
    'Client requested a letter for {org} regarding medical leave; will complete by {datefut}.',
])

_TRANS_C = _C([
    "I don't know, it's just been{f} a lot lately.",
    "Yeah, {rel:my} has been on me about it again.",
    "So {reltime} I finally talked to {rel:my} and it went{f} okay, I guess.",
    "Work has been crazy. Like, they moved me to the night shift at {org}{f} and I'm just not sleeping.",
    "I hope it gets better, you know? I really do.",
    "Honestly I've been doing the breathing thing. It kinda helps.",
    "I'm gonna try, but I don't wanna promise anything.",
    "My mom keeps calling me, like, every day. It's a lot.",
    "We drove up to {city} to see {rel:my} over the weekend.",
    "{reln} was there too, which was{f} awkward.",
    "I took the Zoloft like you said, well, like Dr. {psy} said.",
    "It's like, I know it's not rational, but I still think everyone's mad at me.",
    "I went to {loc} on Saturday and just sat there for like an hour.",
    "Um, not really. I mean, I guess a little.",
    "Yeah. Yeah, that's fair.",
    "I had a panic attack at the grocery store, no, wait, it was at work, on Tuesday.",
    "She will probably say it's my fault. She always does.",
    "He will just shut down if I bring it up.",
    "My sister keeps telling me to just get over it.",
    "I got a text from {rel:my} and I just, I couldn't even open it.",
    "I have my interview at {organy} on {datespoken}, so that's{f} stressful.",
    "My number changed, by the way. It's {phone}.",
    "Oh, and my new address is {street}, in {city}.",
    "They want me to go to {fac} for the sleep study or whatever.",
    "The anniversary is coming up. {datespoken}. It's always bad around then.",
    "I've been going to meetings at {church}. It's{f} actually been good.",
    "My kid's school, {school}, keeps calling about him being late.",
    "I dunno. Maybe like a six out of ten? Six/ten, yeah.",
    "My boss, {reln_boss}, was actually kind of nice about it.",
    "It's just, like, I feel stuck, you know?",
    "I've been sleeping, like, four hours a night.",
    "Yeah, I took the PHQ thing, the questionnaire, whatever.",
    "My grandma is {oldage} and she still drives, which is terrifying.",
    "I was like, okay, whatever, and I just left.",
    "I keep replaying what happened. Over and over.",
    "We used to go to {loc} every summer when I was a kid.",
    "My friend {reln_friend} said I should try yoga. I don't know.",
    "I emailed you, um, from my other email, {email}.",
    "I might move back to {city}. My cousin has a room.",
    "My therapist before you, at {clinic}, she kinda just listened.",
    "I'm not gonna lie, I almost didn't come today.",
    "Like, by the grace of something I got through last week.",
    "I think I'm doing better? Like, slightly.",
    "No, no thoughts like that. Not since, like, a few months ago.",
    "It was two weeks ago. Yeah, the Friday.",
    "I start at {org} on {datespoken}. Full time.",
    "{rel:My} and I are kind of taking a break.",
    "I keep telling myself I'm gonna start going to the gym again.",
    'Honestly, yesterday was the first good day in, like, forever.',
    "I don't know why I get so mad. Like, it's over nothing.",
    'She will text me at two in the morning and expect me to answer.',
    "It's been, like, two weeks ago? Since I last had a drink.",
    "I had a really bad night on Friday. Like, couldn't breathe.",
    "I mean, I guess I'm proud of myself? Kinda.",
    'My mom said I should just pray about it, which, okay.',
    "You know how I said I'd do the worksheet? Yeah, I didn't.",
    "It's like my brain just won't shut off at night.",
    "I'm gonna be honest, the Lexapro makes me kind of numb.",
    "In March it'll be a year since everything happened.",
    'Work is work. Same stuff, different day.',
    'My friend from work, {reln_friend}, covered my shift, which was nice.',
    "I told {reln} I needed space and, um, it didn't go great.",
    "We're supposed to go to {city} for my cousin's wedding on {datespoken}.",
    'My art page is {url} if you wanna see the paintings.',
    "They moved me to the {fac} location, so the drive's longer now.",
    "I don't want to be the person who falls apart, you know?",
    "Yeah, I'm still doing the CBT stuff. Like the thought thing.",
    'My landlord, {personname}, is being weird about the lease.',
    'Not great. Not terrible. Like a four.',
    'I think the DBT group is helping, actually.',
    "My dad's birthday is {datespoken}, so, yeah. That's gonna be hard.",
])

_TRANS_T = _C([
    "How has your week been?",
    "Mm-hmm. Tell me more about that.",
    "What was going through your mind when that happened?",
    "That sounds really hard.",
    "On a scale of zero to ten, where's your anxiety right now?",
    "Last time we talked about {rel:your}. How are things there?",
    "Have you had any thoughts of hurting yourself since we last met?",
    "What would you tell a friend in that situation?",
    "Let's try the grounding exercise we practiced.",
    "It sounds like part of you wants to reach out and part of you doesn't.",
    "How did the thought record go this week?",
    "Did you get a chance to talk with Dr. {psy} about the medication?",
    "So, {P}, what feels most important to focus on today?",
    "I'm noticing you got quiet there.",
    "Okay. Let's put a pin in that and come back to it.",
    "How are you sleeping?",
    "What did you notice in your body?",
    "That makes a lot of sense given everything going on at {org}.",
    "Let's plan for next week. Same time, Tuesday at 10:30?",
    "I'll see you on {datespoken:fut} then.",
    "You mentioned {reln}. Who is that again?",
    "What's one small thing you could do before {weekday}?",
    "Let's look at the safety plan again. Who's on your list?",
    "I want to check, are you still taking the Lexapro?",
    "How was the visit to {city}?",
    "How's {rel:your} doing these days?",
    "Okay, so this week: one walk, one phone call, and the breathing. Deal?",
    "We have about five minutes left.",
    "It sounds like that old belief is showing up again.",
    "What's different about the days when you feel a little better?",
    "Let's slow down for a second. What are you feeling right now?",
    'I hope you can give yourself some credit for that.',
    'Where do you notice the anxiety in your body?',
    'How did it go with {reln}?',
    'It sounds like you really care about them.',
    'What would it look like to set a boundary there?',
    'Did the breathing help at all?',
    'We talked about CBT skills last time. Which ones have you tried?',
    'How many hours a night are you getting, roughly?',
    "Is {rel:your} aware of how you've been feeling?",
    'Okay. What do you want to remember from today?',
    "Let's mark the calendar for the family session.",
    "I'm glad you came in today, even though it was hard.",
])

_TRANS_FILLER_START = ["Um, ", "Yeah, ", "So, ", "I mean, ", "Like, ", "Okay, so ", "Uh, ",
                       "Hmm. ", "Yeah. ", "Right. ", "Honestly, ", "Well, "]
_FILLERS = [" um", " like", ", you know,", ", like,", " uh", " kinda", " sort of"]
_TRANS_ASIDES = ["[laughs]", "[pause]", "[inaudible]", "[sighs]", "[crosstalk]", "[long pause]"]


# --------------------------------------------------------------------------------------------
# Per-patient data
# --------------------------------------------------------------------------------------------
# role, gender ("f"/"m"/"x"), family (shares surname sometimes), child
_ROLES_ADULT = [
    ("husband", "m", True, False), ("wife", "f", True, False), ("partner", "x", False, False),
    ("boyfriend", "m", False, False), ("girlfriend", "f", False, False), ("fiance", "x", False, False),
    ("son", "m", True, True), ("daughter", "f", True, True), ("mother", "f", True, False),
    ("mom", "f", True, False), ("father", "m", True, False), ("dad", "m", True, False),
    ("stepfather", "m", False, False), ("stepmom", "f", False, False), ("brother", "m", True, False),
    ("sister", "f", True, False), ("half-brother", "m", False, False), ("aunt", "f", False, False),
    ("uncle", "m", False, False), ("cousin", "x", False, False), ("niece", "f", False, False),
    ("nephew", "m", False, False), ("ex-husband", "m", False, False), ("ex-wife", "f", False, False),
    ("ex", "x", False, False), ("friend", "x", False, False), ("best friend", "x", False, False),
    ("roommate", "x", False, False), ("boss", "x", False, False), ("supervisor", "x", False, False),
    ("manager", "x", False, False), ("coworker", "x", False, False), ("neighbor", "x", False, False),
    ("sponsor", "x", False, False), ("grandmother", "f", True, False),
]
_ROLES_MINOR = [
    ("mother", "f", True, False), ("mom", "f", True, False), ("father", "m", True, False),
    ("dad", "m", True, False), ("stepdad", "m", False, False), ("brother", "m", True, False),
    ("sister", "f", True, False), ("grandmother", "f", True, False), ("grandpa", "m", True, False),
    ("friend", "x", False, False), ("best friend", "x", False, False), ("cousin", "x", False, False),
    ("aunt", "f", False, False), ("girlfriend", "f", False, False), ("boyfriend", "m", False, False),
]
_OLD_ROLES = [("grandmother", "f"), ("grandfather", "m"), ("grandma", "f"), ("great-aunt", "f"),
              ("father", "m"), ("mother", "f"), ("neighbor", "x"), ("uncle", "m")]
_PERSON_ROLES = ["attorney", "lawyer", "probation officer", "landlord", "caseworker",
                 "CPS worker", "pastor", "court advocate", "public defender", "parole officer"]


class _Rel:
    __slots__ = ("role", "first", "last", "age")

    def __init__(self, role: str, first: str, last: str, age: int) -> None:
        self.role, self.first, self.last, self.age = role, first, last, age


class _Clin:
    __slots__ = ("first", "last", "cred", "dr")

    def __init__(self, first: str, last: str, cred: str) -> None:
        self.first, self.last, self.cred = first, last, cred
        self.dr = cred in ("PsyD", "PhD", "MD", "DO")


def _first(rng: random.Random, g: str) -> str:
    if g == "x":
        g = "f" if rng.random() < 0.5 else "m"
    return (_FIRST_F if g == "f" else _FIRST_M).pick(rng)


def _digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(k))


def _phone_digits(rng: random.Random) -> str:
    ac = rng.choice(_AREA_CODES)
    while True:
        ex = str(rng.randint(2, 9)) + _digits(rng, 2)
        if ex[1:] != "11" and ex != "555":
            break
    return ac + ex + _digits(rng, 4)


def _fmt_phone(rng: random.Random, d: str, allow_ext: bool = True) -> str:
    a, b, c = d[:3], d[3:6], d[6:]
    style = rng.randrange(11)
    s = (f"{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
         f"+1 ({a}) {b}-{c}", f"1-{a}-{b}-{c}", f"{a} {b} {c}", f"({a}){b}-{c}",
         f"+1-{a}-{b}-{c}", f"{a}-{b}-{c}", f"{a}/{b}-{c}")[style]
    if allow_ext and rng.random() < 0.12:
        s += rng.choice((" ext {e}", " ext. {e}", " x{e}", " x {e}", " ext{e}")).format(
            e=rng.randint(2, 499))
    return s


def _fmt_date(rng: random.Random, d: dt.date, *, year: bool = False, spoken: bool = False) -> str:
    m, dd, y = d.month, d.day, d.year
    suf = "th" if 11 <= dd <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dd % 10, "th")
    if spoken:
        opts = (f"{_MONTHS[m-1]} {dd}{suf}, {y}", f"{_MONTHS[m-1]} {dd}, {y}",
                f"{_MONTHS[m-1]} {dd}{suf}", f"{_MONTHS[m-1]} {dd}")
        return rng.choice(opts[:2] if year else opts)
    full = (f"{m}/{dd}/{y}", f"{m:02d}/{dd:02d}/{y}", f"{m}/{dd}/{y % 100:02d}",
            f"{_MONTHS[m-1]} {dd}, {y}", f"{dd:02d}-{_MON[m-1].upper()}-{y}", f"{y}-{m:02d}-{dd:02d}",
            f"{dd} {_MONTHS[m-1]} {y}", f"{_MON[m-1]}. {dd}, {y}" if m != 5 else f"May {dd}, {y}",
            f"{m:02d}-{dd:02d}-{y}", f"{_MON[m-1]} {dd}, {y}", f"{m:02d}/{dd:02d}/{y % 100:02d}")
    if year:
        return rng.choice(full)
    short = (f"{m}/{dd}", f"{_MON[m-1]} {dd}", f"{_MON[m-1]} {dd}{suf}", f"{_MONTHS[m-1]} {dd}",
             f"{_MONTHS[m-1]} {dd}{suf}", f"{m:02d}/{dd:02d}")
    return rng.choice(full + short)


def _city(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(_CITIES)
    if rng.random() < 0.5:
        return rng.choice(_CITY_PREFIX) + " " + _first(rng, "x")
    return _LAST.pick(rng) + rng.choice(_CITY_SUFFIX)


def _street(rng: random.Random, fake: _faker.Faker) -> str:
    if rng.random() < 0.35:
        s = _ascii(fake.street_address())
    else:
        s = f"{rng.randint(1, 19999)} {rng.choice(_STREET_WORDS)} {rng.choice(_STREET_SUFFIX)}"
        if rng.random() < 0.3:
            s += rng.choice((", ", " ")) + rng.choice(_UNIT).format(
                n=rng.randint(1, 420), L=rng.choice("ABCDEF"))
    return s


def _zip(rng: random.Random) -> str:
    while True:
        z = _digits(rng, 5)
        if z not in _CPT and z != "00000":
            break
    return z + ("-" + _digits(rng, 4) if rng.random() < 0.15 else "")


def _company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(_BIG_EMPLOYERS)
    if r < 0.75:
        return f"{_LAST.pick(rng)} {rng.choice(_COMPANY_SUFFIX)}"
    if r < 0.9:
        return f"{_LAST.pick(rng)}-{_LAST.pick(rng)}"
    return f"{rng.choice(_ADJ)} {rng.choice(_COMPANY_SUFFIX)}"


def _school(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(["Lincoln", "Roosevelt", "Jefferson", "Kennedy", "Washington",
                           "Madison", "Franklin", "Hoover", "Monroe"]) + " " + rng.choice(_SCHOOL_KIND)
    return f"{_LAST.pick(rng)} {rng.choice(_SCHOOL_KIND)}"


def _fill(rng: random.Random, fmt: str) -> str:
    return fmt.format(city=rng.choice(_CITIES), last=_LAST.pick(rng), last2=_LAST.pick(rng),
                      saint=rng.choice(_SAINTS), adj=rng.choice(_ADJ))


class _Patient:
    __slots__ = ("pid", "first", "last", "g", "dob", "mrn", "member", "phone", "email", "street",
                 "city", "state", "zip", "org", "school", "rels", "clin", "psy", "pcp", "clinic",
                 "dos", "roi", "research", "ssn", "church", "dx")

    def __init__(self, seed: int, p: int, n_notes: int, fake: _faker.Faker) -> None:
        rng = random.Random(f"deid-synthetic/{seed}/patient/{p}")
        fake.seed_instance(f"deid-synthetic/{seed}/patient/{p}")
        self.pid = f"p{p + 1:04d}"
        self.g = "f" if rng.random() < 0.58 else "m"
        self.first = _first(rng, self.g)
        self.last = _LAST.pick(rng)
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
        self.mrn = rng.choice(("00" + _digits(rng, 6), nz + _digits(rng, 6), nz + _digits(rng, 7),
                               nz + _digits(rng, 9)))
        self.member = rng.choice((
            lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + _digits(rng, 9),
            lambda: "W" + _digits(rng, 9),
            lambda: _digits(rng, 8) + rng.choice("ABCDEFGH"),
            lambda: "M" + _digits(rng, 10),
            lambda: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)) + _digits(rng, 7),
        ))()
        self.phone = _phone_digits(rng)
        user = rng.choice((
            f"{self.first[0]}{self.last}{rng.randint(1, 99)}", f"{self.first}.{self.last}",
            f"{self.first}{self.last[0]}{rng.randint(70, 99)}", f"{self.last}.{self.first[0]}",
            f"{self.first}_{rng.choice(('runs', 'art', 'writes', 'x', '22'))}",
        )).lower().replace("'", "").replace(" ", "")
        self.email = user + "@" + rng.choice(("gmail.com", "yahoo.com", "hotmail.com",
                                              "outlook.com", "icloud.com", "aol.com", "comcast.net"))
        self.street = _street(rng, fake)
        self.city = _city(rng)
        self.state = rng.choice(_STATES)
        self.zip = _zip(rng)
        self.org = _company(rng)
        self.school = _school(rng)
        self.church = _fill(rng, rng.choice(_CHURCH_FMT))
        minor = age < 18
        roles = _ROLES_MINOR if minor else _ROLES_ADULT
        self.rels = []
        for role, g, fam, child in rng.sample(roles, rng.randint(3, 6)):
            if role in ("husband", "wife") and rng.random() < 0.4:
                role = "partner" if rng.random() < 0.5 else "spouse"
            last = self.last if fam and rng.random() < 0.6 else _LAST.pick(rng)
            rage = (rng.randint(max(1, age - 45), max(2, min(age - 18, 17 if age < 45 else 70)))
                    if child else rng.randint(18, 80))
            self.rels.append(_Rel(role, _first(rng, g), last, rage))
        cred = rng.choice(_CRED)
        self.clin = _Clin(_first(rng, "x"), _LAST.pick(rng), cred)
        self.psy = _Clin(_first(rng, "x"), _LAST.pick(rng), rng.choice(("MD", "MD", "DO", "PMHNP")))
        self.pcp = _Clin(_first(rng, "x"), _LAST.pick(rng), rng.choice(("MD", "DO")))
        self.clinic = _fill(rng, rng.choice(_CLINIC_FMT))
        self.roi = rng.random() < 0.6
        self.research = rng.random() < 0.4
        area = rng.randint(1, 899)
        area = area + 1 if area == 666 else area
        self.ssn = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        self.dx = rng.sample(_DX, 2)


# --------------------------------------------------------------------------------------------
# Builder and renderer
# --------------------------------------------------------------------------------------------
class _Builder:
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


_PRON = {"f": ("she", "her", "her", "her"), "m": ("he", "him", "his", "him")}


class _Note:
    """Renders one note; slot handlers append pieces (and spans) to the builder."""

    def __init__(self, rng: random.Random, fake: _faker.Faker, pt: _Patient, k: int) -> None:
        self.rng, self.fake, self.pt = rng, fake, pt
        self.b = _Builder()
        self.dos = pt.dos[k]
        self.age = (self.dos - pt.dob).days * 4 // 1461
        self.introduced: list[_Rel] = []
        self.used: set[int] = set()
        self.sub, self.obj, self.pos, self.obj2 = _PRON[pt.g]

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

    def rel_name(self, r: _Rel) -> None:
        x = self.rng.random()
        if x < 0.62:
            self.ent(r.first, "RELATIVE")
        elif x < 0.92:
            self.ent(f"{r.first} {r.last}", "RELATIVE")
        elif r.role in _FORMAL_ROLES:
            self.add(("Ms. " if r.first in _FIRST_F_SET else "Mr. "))
            self.ent(r.last, "RELATIVE")
        else:
            self.ent(r.first, "RELATIVE")

    def choose_rel(self, want: str = "") -> _Rel:
        rels = self.pt.rels
        if want == "child":
            kids = [r for r in rels if r.role in ("son", "daughter")]
            if kids:
                return self.rng.choice(kids)
            r = _Rel(self.rng.choice(("son", "daughter")), "", self.pt.last,
                     self.rng.randint(3, max(3, min(self.age - 18, 40))))
            r.first = _first(self.rng, "f" if r.role == "daughter" else "m")
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
        first = _first(self.rng, "x")
        if self.rng.random() < 0.5:
            self.ent(first, "RELATIVE")
        else:
            self.ent(f"{first} {_LAST.pick(self.rng)}", "RELATIVE")

    s_reln_friend = s_reln_boss

    def s_old(self, a: str) -> None:
        rng = self.rng
        role, g = rng.choice(_OLD_ROLES)
        age = rng.randint(90, 104)
        num = _NUMWORDS[age] if age in _NUMWORDS and rng.random() < 0.3 else str(age)
        d = self.pos if a in ("", "pos") else a
        st = rng.randrange(5)
        if st == 0:
            self.add(f"{d} ")
            self.ent(num, "AGE_OVER_89")
            self.add(f"-year-old {role}")
        elif st == 1:
            self.add(f"{d} {role} ")
            self.ent(_first(rng, g), "RELATIVE")
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
        self.ent(_NUMWORDS[age] if self.rng.random() < 0.5 else str(age), "AGE_OVER_89")

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
        self.ent(f"{_first(self.rng, 'x')} {_LAST.pick(self.rng)}", "PERSON")

    def s_person(self, a: str) -> None:
        rng = self.rng
        role = rng.choice(_PERSON_ROLES)
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
            self.ent(_LAST.pick(rng), "PERSON")
            self.add(",")

    def s_org(self, a: str) -> None:
        self.ent(self.pt.school if self.age < 18 and self.rng.random() < 0.7 else self.pt.org,
                 "ORGANIZATION")

    def s_organy(self, a: str) -> None:
        self.ent(_company(self.rng) if self.rng.random() < 0.7 else _ascii(self.fake.company()),
                 "ORGANIZATION")

    def s_school(self, a: str) -> None:
        self.ent(self.pt.school if self.rng.random() < 0.5 else _school(self.rng), "ORGANIZATION")

    def s_college(self, a: str) -> None:
        self.ent(_fill(self.rng, self.rng.choice(_COLLEGE_FMT)), "ORGANIZATION")

    def s_church(self, a: str) -> None:
        self.ent(self.pt.church, "ORGANIZATION")

    def s_fac(self, a: str) -> None:
        self.b.facility(_fill(self.rng, self.rng.choice(_FACILITY_FMT)))

    def s_clinic(self, a: str) -> None:
        self.b.facility(self.pt.clinic)

    def s_city(self, a: str) -> None:
        self.ent(self.pt.city if self.rng.random() < 0.3 else _city(self.rng), "CITY")

    def s_state(self, a: str) -> None:
        self.add(self.rng.choice(_STATES)[0])

    def s_loc(self, a: str) -> None:
        self.ent(_fill(self.rng, self.rng.choice(_LOCATION_FMT)), "LOCATION")

    def s_street(self, a: str) -> None:
        self.ent(_street(self.rng, self.fake), "STREET_ADDRESS")

    def s_date(self, a: str) -> None:
        self.ent(_fmt_date(self.rng, self.past()), "DATE")

    def s_datefut(self, a: str) -> None:
        self.ent(_fmt_date(self.rng, self.future()), "DATE")

    def s_datespoken(self, a: str) -> None:
        d = self.future() if a == "fut" or self.rng.random() < 0.5 else self.past()
        self.ent(_fmt_date(self.rng, d, spoken=True), "DATE")

    def s_phone(self, a: str) -> None:
        self.ent(_fmt_phone(self.rng, self.pt.phone, allow_ext=False), "PHONE_NUMBER")

    def s_phoneo(self, a: str) -> None:
        self.ent(_fmt_phone(self.rng, _phone_digits(self.rng)), "PHONE_NUMBER")

    def s_fax(self, a: str) -> None:
        self.ent(_fmt_phone(self.rng, _phone_digits(self.rng), allow_ext=False), "FAX")

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
            f"https://zoom.us/j/{_digits(rng, 10)}",
            f"https://doxy.me/{pt.clin.last.lower().replace(chr(39), '')}{rng.randint(1, 99)}",
            f"https://www.instagram.com/{f}{l[:1]}_{rng.choice(('art', 'fit', 'life'))}",
            f"www.{f}{l}photography.com",
            f"https://www.facebook.com/{f}.{l}.{rng.randint(1, 999)}",
            f"linkedin.com/in/{f}-{l}-{_digits(rng, 3)}",
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
            lambda: f"{self.dos.year}{_digits(rng, 8)}",
            lambda: f"{_digits(rng, 5)}-{_digits(rng, 2)}",
            lambda: f"PA-{_digits(rng, 7)}",
            lambda: f"{rng.choice('ABCDEFGHJK')}{_digits(rng, 7)}",
            lambda: f"{_digits(rng, 2)}-{_digits(rng, 6)}",
            lambda: f"CL{_digits(rng, 9)}",
        ))()

    def s_med(self, a: str) -> None:
        self.add(self.rng.choice(_MEDS))

    def s_medname(self, a: str) -> None:
        self.add(self.rng.choice(_MED_NAMES))

    def s_scale(self, a: str) -> None:
        rng = self.rng
        self.add(rng.choice(_SCALES).format(a=rng.randint(2, 27), b=rng.randint(1, 21),
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
        self.add(self.rng.choice(_CPT[:4]))

    def s_time(self, a: str) -> None:
        self.add(self.rng.choice(_TIMES))

    def s_therapy(self, a: str) -> None:
        self.add(self.rng.choice(_THERAPIES))

    def s_weekday(self, a: str) -> None:
        self.add(self.rng.choice(_WEEKDAYS))

    def s_month(self, a: str) -> None:
        self.add(self.rng.choice(_MONTHS))

    def s_reltime(self, a: str) -> None:
        self.add(self.rng.choice(_RELTIME))

    def s_modality(self, a: str) -> None:
        self.add(self.rng.choice(("telehealth", "in person", "video", "office", "phone session")))

    def s_f(self, a: str) -> None:
        if self.rng.random() < 0.35:
            self.add(self.rng.choice(_FILLERS))

    # -- composite pieces ------------------------------------------------------------------
    def clin_mention(self, c: _Clin, *, allow_dr: bool = True) -> None:
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
        self.ent(_fmt_date(self.rng, self.pt.dob, year=True), "DOB")

    def dos_date(self) -> None:
        self.ent(_fmt_date(self.rng, self.dos, year=self.rng.random() < 0.85), "DATE")


_FIRST_F_SET = frozenset(_FIRST_F.items)
_FORMAL_ROLES = frozenset({"boss", "supervisor", "manager", "neighbor", "coworker"})


# --------------------------------------------------------------------------------------------
# Note kinds
# --------------------------------------------------------------------------------------------
_TITLES = ["PSYCHOTHERAPY PROGRESS NOTE", "Individual Therapy Progress Note",
           "OUTPATIENT BEHAVIORAL HEALTH - PROGRESS NOTE", "Progress Note (SOAP)", "DAP NOTE",
           "BIRP Progress Note", "Counseling Session Note", "Individual Psychotherapy - 53+ min",
           "Therapy Note"]

_SECTIONS = {
    "soap": (("S:", "Subjective:", "SUBJECTIVE"), ("O:", "Objective:", "OBJECTIVE"),
             ("A:", "Assessment:", "ASSESSMENT"), ("P:", "Plan:", "PLAN")),
    "dap": (("D:", "Data:", "DATA"), ("A:", "Assessment:", "ASSESSMENT"), ("P:", "Plan:", "PLAN")),
    "birp": (("B:", "Behavior:", "BEHAVIOR"), ("I:", "Intervention:", "INTERVENTION"),
             ("R:", "Response:", "RESPONSE"), ("P:", "Plan:", "PLAN")),
    "narr": (("Session summary:",), ("Mental status:",), ("Diagnosis/Assessment:",), ("Plan:",)),
}


def _progress(n: _Note) -> None:
    rng, pt = n.rng, n.pt
    sep = rng.choice(("\n", "\n", "  |  ", "    "))
    n.add(rng.choice(_TITLES) + "\n")
    if rng.random() < 0.5:
        n.b.facility(pt.clinic)
        if rng.random() < 0.5:
            n.add("\n")
            n.address(_street(rng, n.fake), _city(rng), rng.choice(_STATES), _zip(rng))
            n.add(rng.choice(("  Ph: ", " | Tel ", "\nPhone: ")))
            n.ent(_fmt_phone(rng, _phone_digits(rng)), "PHONE_NUMBER")
            n.add(rng.choice(("  Fax: ", " | Fax ", "\nFax: ", "  F: ")))
            n.ent(_fmt_phone(rng, _phone_digits(rng), allow_ext=False), "FAX")
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
        n.ent(_fmt_date(rng, n.dos, year=True), "DATE")

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
        n.ent(_fmt_phone(rng, pt.phone, allow_ext=False), "PHONE_NUMBER")

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
        n.ent(_fmt_phone(rng, _phone_digits(rng)), "PHONE_NUMBER")

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
    heads = _SECTIONS[style]
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
            pool, k = _SUBJ, rng.randint(3, 6)
            if rng.random() < 0.06:
                n.add("Client is caring for ")
                n.s_old("pos")
                n.add(". ")
        elif name in ("O:", "Mental status:"):
            pool, k = _OBJ, rng.randint(2, 3)
        elif name == "I:":
            pool, k = _INTERV, rng.randint(2, 4)
        elif name == "R:":
            pool, k = _RESP, rng.randint(1, 3)
        elif name in ("A:", "Diagnosis/Assessment:"):
            pool, k = _ASSESS, rng.randint(2, 4)
            if style == "dap":
                for _ in range(rng.randint(1, 2)):
                    n.pick(_INTERV)
                    n.add(" ")
        else:
            pool, k = _PLAN, rng.randint(2, 5)
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
        n.ent(_fmt_date(rng, n.dos, year=True), "DATE")
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
        n.ent(f"{_first(rng, 'x')} {_LAST.pick(rng)}", "CLINICIAN")
        n.add(", PhD.")
    n.add("\n")


def _transcript(n: _Note) -> None:
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
                n.ent(_fmt_date(rng, pt.dob, year=True, spoken=rng.random() < 0.6), "DOB")
                n.add(".\n")
                label(True)
                n.add("Thank you. ")
            n.pick(_TRANS_T)
        elif therapist:
            if rng.random() < 0.5:
                n.add(rng.choice(("Okay. ", "Mm-hmm. ", "Yeah. ", "Right. ", "I hear you. ")))
            n.pick(_TRANS_T)
            if rng.random() < 0.25:
                n.add(" ")
                n.pick(_TRANS_T)
        else:
            if rng.random() < 0.6:
                n.add(rng.choice(_TRANS_FILLER_START))
            for j in range(rng.choice((1, 1, 2, 2, 3))):
                if j:
                    n.add(" ")
                n.pick(_TRANS_C)
            if rng.random() < 0.08:
                n.add(" " + rng.choice(_TRANS_ASIDES))
        n.add("\n")
    if rng.random() < 0.5:
        n.add(f"[Recording ended {rng.choice(('10:51', '1449', '3:50 pm', '0955'))}]\n")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
_KIND_W = {"progress": 0.6, "transcript": 0.4}
_CASE_W = {"mixed": 0.8, "upper": 0.1, "lower": 0.1}


def _weighted_choice(rng: random.Random, options: tuple[str, ...], weights: dict[str, float]) -> str:
    # Always exactly one draw, so restricting kinds/cases does not shift the rest of the note.
    ws = [weights.get(o, 1.0) for o in options]
    x = rng.random() * sum(ws)
    for o, w in zip(options, ws):
        x -= w
        if x < 0:
            return o
    return options[-1]


def generate_notes(n: int, seed: int = 0, *, kinds=("progress", "transcript"),
                   cases=("mixed", "upper", "lower"), notes_per_patient: int = 4
                   ) -> Iterator[SyntheticNote]:
    """Yield ``n`` synthetic notes; note ``i`` depends only on ``(seed, i)`` (prefix-stable)."""
    kinds, cases = tuple(kinds), tuple(cases)
    for k in kinds:
        if k not in _KIND_W:
            raise ValueError(f"unknown kind {k!r}; expected 'progress' or 'transcript'")
    for c in cases:
        if c not in _CASE_W:
            raise ValueError(f"unknown case {c!r}; expected 'mixed', 'upper' or 'lower'")
    if not kinds or not cases or notes_per_patient < 1:
        raise ValueError("kinds and cases must be non-empty and notes_per_patient >= 1")
    fake = _faker.Faker("en_US")
    patient: _Patient | None = None
    patient_idx = -1
    for i in range(n):
        p = i // notes_per_patient
        if p != patient_idx:
            patient = _Patient(seed, p, notes_per_patient, fake)
            patient_idx = p
        assert patient is not None
        rng = random.Random(f"deid-synthetic/{seed}/note/{i}")
        fake.seed_instance(seed * 1_000_003 + i)
        kind = _weighted_choice(rng, kinds, _KIND_W)
        case = _weighted_choice(rng, cases, _CASE_W)
        note = _Note(rng, fake, patient, i % notes_per_patient)
        (_progress if kind == "progress" else _transcript)(note)
        text = "".join(note.b.parts)
        if not text.isascii():  # pragma: no cover - guarded by construction
            raise AssertionError("synthetic text must be ASCII to keep offsets in case variants")
        if case == "upper":
            text = text.upper()
        elif case == "lower":
            text = text.lower()
        pt = patient
        row = {
            "client_name": f"{pt.first} {pt.last}",
            "mrn": pt.mrn,
            "member_id": pt.member,
            "dob": pt.dob.isoformat(),
            "phone": f"{pt.phone[:3]}-{pt.phone[3:6]}-{pt.phone[6:]}",
            "clinician": f"{pt.clin.first} {pt.clin.last}",
            "date_of_service": note.dos.isoformat(),
            "roi_signed": "true" if pt.roi else "false",
            "research_consent": "true" if pt.research else "false",
        }
        yield SyntheticNote(
            note_id=f"n{i + 1:06d}",
            patient_id=pt.pid,
            kind=kind,
            case=case,
            text=text,
            spans=tuple(GoldSpan(s, e, t) for s, e, t in note.b.spans),
            row=row,
        )


def to_gold_record(note: SyntheticNote) -> dict:
    """The note as a gold JSON record: id, patient, text and spans with start/end/label."""
    return {
        "id": note.note_id,
        "patient": note.patient_id,
        "text": note.text,
        "spans": [{"start": s.start, "end": s.end, "label": s.entity_type} for s in note.spans],
    }


def write_gold_jsonl(path: str | os.PathLike, notes: Iterable[SyntheticNote]) -> int:
    """Write notes as gold JSON Lines (one record per line) and return how many were written."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for note in notes:
            fh.write(json.dumps(to_gold_record(note), ensure_ascii=True))
            fh.write("\n")
            count += 1
    return count
