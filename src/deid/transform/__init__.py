"""Transform: the policy actions (one operator class per file), their factory, and keyed hashing (`keyed`)."""

from __future__ import annotations

from deid.transform.base import DeidOperator, OperatorContext
from deid.transform.generalize import GeneralizeOperator
from deid.transform.keep import KeepOperator
from deid.transform.mask import MaskOperator
from deid.transform.pseudonymize import PseudonymizeOperator
from deid.transform.remove import RemoveOperator
from deid.transform.shift_date import ShiftDateOperator

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
