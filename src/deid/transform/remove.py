"""remove: replace the finding with a tag such as [RELATIVE]."""

from deid.transform.base import DeidOperator, OperatorContext


class RemoveOperator(DeidOperator):
    """Replace the text with the rule's replacement (`{entity}` becomes the entity type)."""

    name = "remove"

    def apply(self, text: str, ctx: OperatorContext) -> str:
        """Return the tag for this finding."""
        return ctx.rule.replacement.replace("{entity}", ctx.entity_type)
