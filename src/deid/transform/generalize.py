"""generalize: dates to year, ages over 89 to "90+", ZIP codes to their first three digits."""

import re

from deid.kit.dates import parse_date
from deid.transform.base import DeidOperator, OperatorContext

# Three-digit ZIP areas with 20,000 people or fewer, which Safe Harbor requires to become 000.
# Source: HHS, "Guidance Regarding Methods for De-identification of PHI" (2012), 2000 Census list,
# united with the 2010 Census areas (public domain, U.S. government work). A superset is safe.
RESTRICTED_ZIP3 = frozenset(
    "036 059 063 102 203 205 369 556 692 753 772 790 821 823 830 831 878 879 884 890 893".split()
)
_DIGITS = re.compile(r"\d")


class GeneralizeOperator(DeidOperator):
    """Coarsen a DATE/DOB, AGE_OVER_89 or ZIP finding; anything it cannot coarsen is removed."""

    name = "generalize"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return the generalized value, or the entity tag when the value cannot be read."""
        if ctx.entity_type == "AGE_OVER_89":
            return "90+"
        if ctx.entity_type == "ZIP":
            digits = "".join(_DIGITS.findall(text))
            if len(digits) >= 5:
                zip3 = digits[:3]
                return "000" if zip3 in RESTRICTED_ZIP3 else zip3
        if ctx.entity_type in ("DATE", "DOB"):
            parsed = parse_date(text)
            if parsed is not None and parsed.year is not None:
                return str(parsed.year)
        return f"[{ctx.entity_type}]"
