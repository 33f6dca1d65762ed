"""Policy actions as Presidio anonymizer operators, one class per file, and their factory."""

from __future__ import annotations

from deid.operators.base import DeidOperator, OperatorContext
from deid.operators.generalize import GeneralizeOperator
from deid.operators.keep import KeepOperator
from deid.operators.mask import MaskOperator
from deid.operators.pseudonymize import PseudonymizeOperator
from deid.operators.remove import RemoveOperator
from deid.operators.shift_date import ShiftDateOperator

_OPERATORS: dict[str, DeidOperator] = {
    op.name: op
    for op in (
        RemoveOperator(),
        MaskOperator(),
        PseudonymizeOperator(),
        ShiftDateOperator(),
        GeneralizeOperator(),
        KeepOperator(),
    )
}


def operator_for(action: str) -> DeidOperator:
    """The operator implementing a policy action."""
    return _OPERATORS[action]


__all__ = ["DeidOperator", "OperatorContext", "operator_for"]
