"""mask: overwrite characters, keeping length and spaces (and optionally the last few)."""

from deid.transform.base import DeidOperator, OperatorContext


class MaskOperator(DeidOperator):
    """Mask every non-space character except the last `keep_last`."""

    name = "mask"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return `text` masked with the rule's character."""
        keep = min(ctx.rule.keep_last, len(text))
        cut = len(text) - keep
        head = "".join(c if c.isspace() else ctx.rule.char for c in text[:cut])
        return head + text[cut:]
