"""shift_date: move every date of a patient by the same keyed offset, keeping its format."""

from deid.kit.dates import parse_date
from deid.transform.base import DeidOperator, OperatorContext
from deid.transform.keyed import keyed_int


def shift_days(key: bytes, patient_id: str | None, max_days: int) -> int:
    """The patient's offset in days: non-zero, within +/- max_days, fixed for a key and patient."""
    span = keyed_int(key, "date-shift", patient_id or "") % (2 * max_days)
    return span - max_days if span < max_days else span - max_days + 1


class ShiftDateOperator(DeidOperator):
    """Shift a date by the patient's offset; a date that cannot be parsed is removed instead."""

    name = "shift_date"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return the shifted date in the original format, or the entity tag."""
        parsed = parse_date(text)
        if parsed is not None:
            shifted = parsed.shifted(shift_days(ctx.key, ctx.patient_id, ctx.rule.max_days))
            if shifted is not None:
                return shifted
        return f"[{ctx.entity_type}]"
