"""pseudonymize: keyed, consistent surrogates; names become other realistic names."""

from __future__ import annotations

import re
import string
from functools import lru_cache

from faker.providers.person.en_US import Provider as _FakerNames

from deid.entities import PERSON_ENTITIES
from deid.transform.base import DeidOperator, OperatorContext
from deid.transform.keyed import keyed_int

_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*")


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    # Faker's en_US lists (MIT licence), drawn from U.S. Census and SSA name frequencies.
    female = tuple(sorted(_FakerNames.first_names_female))
    male = tuple(sorted(_FakerNames.first_names_male))
    last = tuple(sorted(_FakerNames.last_names))
    return female, male, last


def _case_like(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like.islower():
        return word.lower()
    return word


def surrogate_name(key: bytes, name: str) -> str:
    """Replace each word of a name by a surrogate chosen by key and word, so "Tom" maps the same alone or in "Tom Reyes"."""
    female, male, last = _names()
    female_set, male_set = {n.lower() for n in female}, {n.lower() for n in male}

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        pool = female if low in female_set else male if low in male_set else last
        if len(word) == 1:  # an initial stays an initial
            pool = tuple(string.ascii_uppercase)
        pick = keyed_int(key, "name", low) % len(pool)
        if pool[pick].lower() == low:
            pick = (pick + 1) % len(pool)
        return _case_like(pool[pick], word)

    return _TOKEN.sub(swap, name)


def surrogate_token(key: bytes, entity_type: str, text: str) -> str:
    """Format-preserving surrogate: digits become keyed digits, letters keyed letters, the rest stays."""
    seed = keyed_int(key, "value", entity_type, text.casefold())
    out = []
    for i, ch in enumerate(text):
        n = (seed >> (i % 48)) + i * 7919
        if ch.isdigit():
            out.append(str(n % 10))
        elif ch.isalpha() and ch.isascii():
            letter = string.ascii_lowercase[n % 26]
            out.append(letter.upper() if ch.isupper() else letter)
        else:
            out.append(ch)
    return "".join(out)


class PseudonymizeOperator(DeidOperator):
    """Replace names with surrogate names; emails, URLs and IDs with keyed look-alikes."""

    name = "pseudonymize"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return the surrogate for `text` under the context's key."""
        key = ctx.key
        if ctx.entity_type in PERSON_ENTITIES:
            return surrogate_name(key, text)
        tag = f"{keyed_int(key, 'value', ctx.entity_type, text.casefold()):016x}"[:8]
        if ctx.entity_type == "EMAIL_ADDRESS":
            return f"user-{tag}@example.com"
        if ctx.entity_type == "URL":
            return f"https://example.org/{tag}"
        return surrogate_token(key, ctx.entity_type, text)
