"""keep: leave the finding unchanged (it is still reported)."""

from deid.transform.base import DeidOperator, OperatorContext


class KeepOperator(DeidOperator):
    """Return the text unchanged."""

    name = "keep"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return `text` as it is."""
        return text
