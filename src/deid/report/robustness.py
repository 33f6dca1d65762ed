"""Variants of gold data that a detector which generalizes scores the same on (`deid eval --robustness`).

- **case**: every note in capitals, and every note in lower case. Offsets are kept (a character
  whose other case is longer, "ß" -> "SS", is left as it is).
- **name swap**: every gold name replaced by a name of another culture (the same name by the same
  replacement throughout a note), drawn from Faker's
  non-U.S. locales. Detection never uses Faker's lists (they generate the synthetic notes and
  these swaps), so a detector that knows names only from its own lexicons shows it here.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

# Gold labels that mark a person's name, in the corpora deid is measured on.
NAME_LABELS = frozenset(
    {"PERSON", "PATIENT", "RELATIVE", "CLINICIAN", "PTName", "HCPName", "RelativeProxyName"}
)
# Latin-script locales of many cultures (a U.S. practice writes its clients' names in Latin letters).
SWAP_LOCALES = (
    "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "tr_TR", "vi_VN", "id_ID", "fil_PH",
    "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "sv_SE", "no_NO", "da_DK", "fi_FI", "pt_BR", "es_MX",
    "fr_FR", "it_IT", "de_DE", "nl_NL", "lt_LT", "lv_LV", "et_EE", "sq_AL", "az_AZ", "en_IN",
    "en_KE", "en_PK", "ga_IE",
)


def variants(records: list[dict[str, Any]]) -> dict[str, Iterator[dict[str, Any]]]:
    """The three variants of a gold set, by name: "upper case", "lower case", "names swapped"."""
    return {
        "upper case": recased(records, "upper"),
        "lower case": recased(records, "lower"),
        "names swapped": names_swapped(records),
    }


def recased(records: Iterable[dict[str, Any]], how: str) -> Iterator[dict[str, Any]]:
    """The records with their text in capitals (`how="upper"`) or lower case, spans unchanged."""
    change = str.upper if how == "upper" else str.lower
    for record in records:
        text = "".join(c if len(change(c)) != 1 else change(c) for c in record["text"])
        yield {**record, "text": text}


def names_swapped(records: Iterable[dict[str, Any]], seed: int = 0) -> Iterator[dict[str, Any]]:
    """The records with every name span replaced by a name from another culture, case style kept."""
    from faker import Faker  # only for measuring; detection never imports it

    fakers = [Faker(locale) for locale in SWAP_LOCALES]
    rng = random.Random(seed)
    for record in records:
        text = record["text"]
        spans = sorted(record.get("spans", []), key=lambda s: (s["start"], s["end"]))
        pieces: list[str] = []
        out_spans: list[dict[str, Any]] = []
        swaps: dict[str, str] = {}  # one person keeps one name through a note
        at = shift = 0
        for span in spans:
            start, end = span["start"], span["end"]
            if start < at:  # overlaps the previous span: keep it, shifted (rare in gold files)
                out_spans.append({**span, "start": start + shift, "end": end + shift})
                continue
            pieces.append(text[at:start])
            original = text[start:end]
            new = original
            if span["label"] in NAME_LABELS:
                key = original.lower()
                if key not in swaps:
                    swaps[key] = _name_like(original, rng.choice(fakers), rng)
                new = _in_case_of(original, swaps[key])
            new_start = start + shift
            pieces.append(new)
            shift += len(new) - len(original)
            out_spans.append({**span, "start": new_start, "end": new_start + len(new)})
            at = end
        pieces.append(text[at:])
        yield {**record, "text": "".join(pieces), "spans": out_spans}


def _name_like(original: str, fake, rng: random.Random) -> str:
    """A name of as many words as `original` (one or two), written in the same case."""
    words = original.split()
    if len(words) <= 1 and len(original.strip(".")) <= 1:
        return original  # an initial stays an initial
    fake.seed_instance(rng.randrange(1 << 30))
    if len(words) >= 2:
        name = f"{fake.first_name()} {fake.last_name()}"
    else:
        name = fake.first_name() if rng.random() < 0.5 else fake.last_name()
    return _in_case_of(original, name)


def _in_case_of(original: str, name: str) -> str:
    """`name` written in the case of `original` (capitals, lower case, or as generated)."""
    if original.isupper():
        return name.upper()
    if original.islower():
        return name.lower()
    return name
