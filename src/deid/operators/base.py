"""What every deid operator receives besides the text: the finding's type, its rule, key and patient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from presidio_anonymizer.operators import Operator, OperatorType


@dataclass(frozen=True, slots=True)
class OperatorContext:
    """Per-finding inputs of an operator (passed as `params["context"]`)."""

    entity_type: str
    rule: Any
    key: bytes | None = None
    patient_id: str | None = None


class DeidOperator(Operator):
    """A Presidio anonymizer operator driven by a policy rule; subclasses implement `apply`."""

    name = ""

    def operate(self, text: str = "", params: dict | None = None) -> str:
        """Presidio's entry point: transform `text` using `params["context"]`."""
        return self.apply(text, params["context"])

    def apply(self, text: str, ctx: OperatorContext) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def validate(self, params: dict | None = None) -> None:
        """Rules are validated when the policy loads; nothing is left to check here."""

    def operator_name(self) -> str:
        """The policy action this operator implements."""
        return self.name

    def operator_type(self) -> OperatorType:
        """All deid operators anonymize."""
        return OperatorType.Anonymize
