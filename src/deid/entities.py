"""The entity vocabulary that policies are written in, and how other names map into it."""

from __future__ import annotations

# Our vocabulary (DESIGN.md), each with the HIPAA Safe Harbor identifier it falls under.
ENTITIES: dict[str, str] = {
    "PATIENT": "names (the client)",
    "RELATIVE": "names (relatives, household members, other personal contacts)",
    "CLINICIAN": "names (clinicians and other staff)",
    "PERSON": "names (other or unknown role)",
    "PHONE_NUMBER": "telephone numbers",
    "FAX": "fax numbers",
    "EMAIL_ADDRESS": "email addresses",
    "URL": "web URLs",
    "IP_ADDRESS": "IP addresses",
    "US_SSN": "social security numbers",
    "MRN": "medical record numbers",
    "MEMBER_ID": "health plan beneficiary numbers",
    "ACCOUNT_ID": "account, licence, vehicle, device and other identifying numbers",
    "STREET_ADDRESS": "geographic subdivisions: street address",
    "CITY": "geographic subdivisions: city or town",
    "ZIP": "geographic subdivisions: ZIP code",
    "LOCATION": "geographic subdivisions: other places below state level",
    "DATE": "dates (except year) directly related to the individual",
    "DOB": "dates: date of birth",
    "AGE_OVER_89": "ages over 89",
    "ORGANIZATION": "names of employers, schools and other organizations",
    "FACILITY": "names of hospitals, clinics and units (geographic)",
}

# Entities that name a person; their role decides what an insurer may see.
PERSON_ENTITIES = frozenset({"PATIENT", "RELATIVE", "CLINICIAN", "PERSON"})

# Presidio's own entity names (predefined recognizers, spaCy NER) in our vocabulary.
PRESIDIO_TO_DEID: dict[str, str] = {
    "PERSON": "PERSON",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_SSN": "US_SSN",
    "DATE_TIME": "DATE",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "MEDICAL_LICENSE": "ACCOUNT_ID",
    "US_DRIVER_LICENSE": "ACCOUNT_ID",
    "US_PASSPORT": "ACCOUNT_ID",
    "US_BANK_NUMBER": "ACCOUNT_ID",
    "US_ITIN": "ACCOUNT_ID",
    "CREDIT_CARD": "ACCOUNT_ID",
    "IBAN_CODE": "ACCOUNT_ID",
    "CRYPTO": "ACCOUNT_ID",
    "MAC_ADDRESS": "ACCOUNT_ID",
    "UUID": "ACCOUNT_ID",
}


def to_vocabulary(entity_type: str) -> str:
    """Map a recognizer's entity name into our vocabulary; unknown names pass through unchanged."""
    return PRESIDIO_TO_DEID.get(entity_type, entity_type)
