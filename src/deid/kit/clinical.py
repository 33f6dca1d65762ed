"""Clinical vocabulary that looks like names or places but is not: a deny list for name detection.

Written by hand for deid from general clinical knowledge (MIT): note section headers, common
abbreviations, devices and eponymous tests, and frequently used drug names (generic and brand).
It is general vocabulary, not taken from any evaluation corpus. Lower case; look up `.lower()`.
"""

from __future__ import annotations

import re

from deid.kit.dates import MONTH_WORDS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


SECTIONS_AND_ABBREVIATIONS = _words(
    """
    abd abdo abdomen alt ast bun cr cre crea gfr inr ptt pt ot ns lr d5w d5 kcl mgso4 hco3 po2 pco2
    sao2 spo2 fio2 peep cpap bipap vent vt rr hr bp sbp dbp map cvp pcwp ci co svr ef hgb hct wbc plt
    cv resp neuro gu gi id heme endo renal skin psych psychosocial social dispo access lines
    npn nsg nursing carevue meds med gtt gtts prn qd bid tid qid qhs qam qpm hs ac pc npo po pr iv im sq
    sc sl ng og ngt ogt peg picc tlc cvl aline swan ett trach trachs cath foley ucath
    foleys chest cxr ct cta mri mra us echo tte tee ekg ecg eeg emg abg vbg lfts lfts ua ucx bcx
    ivf ivfs tpn ppn tf tfs osh er icu ccu micu sicu csru ctic nicu picu pacu or ir cath
    dialysis hemodialysis endoscopy cardiology neurology oncology ew ph junctional
    afib aflutter svt vtach vfib nsr sr st sb pvc pvcs pac pacs lbbb rbbb chf cad copd dm htn
    cabg mi nstemi stemi pe dvt cva tia sah sdh ich ards pna uti sepsis esrd arf ckd aki hd cvvh
    cvvhd cvvhdf crrt ptx hx pmh psh fh sh ros hpi cc a&o aox aaox perrl perla mae mae's lle rle lue
    rue bil bilat ble bue dp pt's pts ddx r/o s/p w/ w/o c/o f/u d/c dc'd d/cd neg pos wnl nad
    sob doe pnd orthopnea le ue rll rml rul lll lul cta rhonchi rales crackles wheezes diminished
    si hi avh mse phq gad pcl cbt dbt emdr act ipt mi ptsd ocd adhd bpd mdd gad sud aud oud
    ssri snri maoi tca iop php ect tms
    cont contd cont'd cont' con't
    vea vpb vpbs pac pvc riss ssri fent vec vecuronium precedex perl perla pearl perrla nard
    sero sang serosang serosanguinous reck rechk chk freq sx sxn sxnd suctioned ortho neph pulm
    cards gyn ob psych onc heme hem rehab pt/ot slp rt resp lytes repl ivp ivpb gtts dsd abx
    oint ung sats sat tol tx txr trx rx dx ddx fx hx sx px ptx hemo hemodynamics vss vs afeb
    pacer pacers pacing paced stent stents bolus boluses sternal sternum wean weaned weaning
    thrush nystatin sputum lavage bronch ett ngt sump ostomy jp jps drain drains chux bair
    trach'd passy muir kinair kinaire roto rotoprone
    outpatient inpatient behavioral intake telehealth telepsych
    md mds md's dr drs rn rns lpn np pa resident residents intern interns fellow attending team teams
    staff flowsheet flowsheets protocol protocols hoyer rectal riker
    vicu pcu tsicu msicu cvicu neuroicu stepdown step-down raf simv imv angio ep cath-lab
    cardiology ophthalmology opthamology optho vascular surgery neurology nephrology oncology
    hematology pulmonary pulmonology rheumatology urology ent psychiatry derm dermatology
    neurosurgery radiology pathology endocrinology infectious a-fib afib a-flutter
    brady tachy bradycardic tachycardic atropine cardizem mesalamine
    labs lab lima rima svg allegra zoll kling kerlix ho chol gluc duoderm tegaderm xeroform
    left right bilateral upper lower anterior posterior lateral medial proximal distal
    levo levophed neo neosynephrine dopa dopamine dobutamine dobut epi norepi vaso vasopressin
    nipride ntg nitro milrinone amio amiodarone lido lidocaine dilt diltiazem esmolol labetalol
    lopressor metoprolol hydral hydralazine captopril lisinopril digoxin dig lasix furosemide
    bumex bumetanide diamox aldactone spironolactone heparin hep lovenox coumadin warfarin asa
    aspirin plavix integrilin tpa insulin nph glargine lantus humalog novolog kayexalate
    vanco vancomycin zosyn ceftriaxone cefazolin ancef levaquin levofloxacin cipro flagyl
    zithromax azithromycin bactrim gent gentamicin tobra meropenem imipenem unasyn clinda
    fluconazole diflucan acyclovir protonix pantoprazole pepcid famotidine carafate reglan
    zofran ondansetron colace senna dulcolax lactulose mom fentanyl versed midazolam propofol
    diprivan ativan lorazepam haldol haloperidol morphine ms dilaudid hydromorphone oxycodone
    percocet vicodin tylenol acetaminophen motrin ibuprofen toradol ketorolac narcan naloxone
    solumedrol methylpred decadron dexamethasone prednisone hydrocortisone albuterol atrovent
    combivent nebs neb mucomyst kcl kphos mag calcium ca mg phos k na cl glucose dextrose
    sertraline zoloft fluoxetine prozac escitalopram lexapro citalopram celexa paroxetine paxil
    venlafaxine effexor duloxetine cymbalta bupropion wellbutrin mirtazapine remeron trazodone
    buspirone buspar hydroxyzine vistaril clonazepam klonopin alprazolam xanax diazepam valium
    quetiapine seroquel olanzapine zyprexa risperidone risperdal aripiprazole abilify lurasidone
    latuda clozapine clozaril lithium lamotrigine lamictal depakote valproate topiramate topamax
    gabapentin neurontin prazosin propranolol clonidine guanfacine methylphenidate ritalin
    concerta adderall vyvanse atomoxetine strattera naltrexone vivitrol buprenorphine suboxone
    methadone disulfiram antabuse acamprosate ambien zolpidem melatonin
    """
)

# Devices, signs, tests and diseases named after people, where the medical sense dominates in
# notes. Common surnames (Allen, Murphy, Graves, Jackson, Wilson, Brown) are deliberately absent.
EPONYMS = _words(
    """
    foley swan ganz hickman groshong quinton mahurkar cordis pleurevac hemovac
    yankauer doppler trendelenburg babinski guaiac bovie heimlich cheyne
    kussmaul korotkoff glasgow apgar alzheimer alzheimers parkinson parkinsons crohn crohns
    hodgkin hodgkins cushing cushings addison addisons hashimoto hashimotos raynaud raynauds
    guillain barre kaposi wernicke korsakoff tourette tourettes asperger aspergers
    kernig brudzinski romberg
    """
)

TIME_WORDS = _words(
    """
    eve eves evening evenings days nights noc nocs
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    today tonight tomorrow yesterday morning afternoon evening night noc overnight
    christmas easter thanksgiving
    """
) | MONTH_WORDS

# Languages, nationalities and continents are capitalized and some are surnames (English, French),
# never names; countries are not identifiers under Safe Harbor.
LANGUAGES = _words(
    """
    english spanish french german italian portuguese russian chinese mandarin cantonese
    japanese korean vietnamese arabic haitian creole polish greek hindi urdu tagalog somali
    american irish scottish british mexican puerto rican cuban dominican african asian latino
    latina hispanic caucasian
    europe asia africa america canada mexico
    """
)

# Talk in session transcripts: fillers and answers open sentences, so they are often capitalized.
CONVERSATION = _words(
    """
    yeah yep yup yes nope nah no mm hmm mhm mm-hmm uh-huh uh um umm er ah oh okay ok alright
    hey hi hello bye goodbye thanks thank wow gonna wanna gotta kinda sorta dunno sure right well
    like anyway honestly totally actually basically literally maybe
    """
)

# Never names, even right after "Dr." or "her husband". Months and weekdays are left out: April,
# June and May are names in such a context; so are eponyms, which are surnames ("Dr. Foley").
NEVER_NAMES = SECTIONS_AND_ABBREVIATIONS | LANGUAGES | CONVERSATION
NOT_NAMES = NEVER_NAMES | EPONYMS | TIME_WORDS


def is_clinical_term(word: str) -> bool:
    """True for clinical vocabulary, eponyms, time words and talk: not names without a name context."""
    return word.lower().strip(".'") in NOT_NAMES


_CONTRACTION = re.compile(r"['’](?:m|ll|s|re|ve|d|t)$", re.IGNORECASE)


def without_contraction(word: str) -> str:
    """The word without a trailing contraction or possessive ("Client's" -> "Client")."""
    return _CONTRACTION.sub("", word)


def is_contraction(word: str) -> bool:
    """True for "I'm", "Let's", "don't": talk that follows speaker labels, never a name."""
    return _CONTRACTION.search(word) is not None


def is_never_a_name(word: str) -> bool:
    """True for words that are not names even in a name context (fillers, abbreviations, eponyms)."""
    return word.lower().strip(".'") in NEVER_NAMES


# Stems of the USAN/INN naming scheme for drugs (beta blockers -olol, ACE inhibitors -pril, ...):
# a word with one of these endings is a drug, however it is spelt or capitalized.
_DRUG_STEM = re.compile(
    r"(?:[oa]lol|pril|sartan|statin|cillin|mycin|micin|oxacin|azole|profen|azepam|azolam|tidine|"
    r"prazole|parin|triptan|setron|vir|mab|tinib|dipine|afil|olone|sone|terol|phylline|caine|ephrine|"
    r"butamine|opamine|etamine|phetamine|azine|idone|[oa]done|apine|oxetine|traline|pramine|triptyline|"
    r"barbital|dronate|gliptin|glitazone|lukast|tropium|curonium|cycline|penem|cef\w+|semide|thiazide|"
    r"flurane|coxib|platin|rubicin|taxel)$",
    re.IGNORECASE,
)


def looks_like_drug(word: str) -> bool:
    """True for a word ending in a drug-naming stem (atenolol, lisinopril, ampicillin)."""
    return len(word) >= 6 and _DRUG_STEM.search(word) is not None
