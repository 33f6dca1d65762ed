"""The operator interface: what every deid operator receives besides the text (the finding's type,
its rule, key and patient) and the one method it implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class OperatorContext:
    """Per-finding inputs of an operator (passed as `params["context"]`)."""

    entity_type: str
    rule: Any
    key: bytes | None = None
    patient_id: str | None = None


class DeidOperator:
    """The transform of one policy action (`name`); subclasses implement `apply`.

    deid applies operators itself, span by span (`deid.redact`): Presidio's AnonymizerEngine is
    not used, so its operator interface is not either.
    """

    name = ""

    def apply(self, text: str, ctx: OperatorContext) -> str:  # pragma: no cover - abstract
        """The replacement for `text`, a finding of `ctx.entity_type` under `ctx.rule`."""
        raise NotImplementedError
