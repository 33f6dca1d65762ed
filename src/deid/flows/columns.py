"""The columns of an extract: which source columns hold what, what each output column is by
policy, and whether a row is authorized for the purpose."""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from deid.decide.policy import Policy
from deid.entities import ENTITIES
from deid.io.sources import SourceError, is_missing

# Values of an authorization column that mean "yes" (case-insensitive for strings).
TRUE_VALUES = frozenset({"true", "1", "yes", "y", "t"})


@dataclass(frozen=True)
class ExtractColumns:
    """Which source columns hold the note id, the text, the patient id and known identifiers."""

    id_column: str = "note_id"
    text_column: str = "text"
    patient_id_column: str | None = None
    # column -> entity type, e.g. {"client_name": "PATIENT", "mrn": "MRN"}
    known_columns: Mapping[str, str] = field(default_factory=dict)
    # Other columns copied to the output unchanged (nothing else is: unnamed columns are dropped).
    keep_columns: tuple[str, ...] = ()

    def check(self, policy: Policy, available: Sequence[str]) -> list[str]:
        """Raise SourceError for a missing required column or unknown entity; return optional columns absent."""
        for column, entity in self.known_columns.items():
            if entity not in ENTITIES:
                raise SourceError(
                    f"known_columns: {column!r} -> unknown entity {entity!r}; allowed: {', '.join(ENTITIES)}"
                )
        have = set(available)
        required = [self.id_column, self.text_column]
        if policy.authorization_column:
            required.append(policy.authorization_column)
        missing = [c for c in dict.fromkeys(required) if c not in have]
        if missing:
            why = {self.id_column: "id_column", self.text_column: "text_column"}
            named = ", ".join(
                f"{c!r} ({why.get(c, f'authorization column of policy {policy.name!r}')})" for c in missing
            )
            shown = ", ".join(list(available)[:30]) + (" ..." if len(available) > 30 else "")
            raise SourceError(f"source has no column {named}; its columns: {shown or '(none)'}")
        optional = [self.patient_id_column, *self.known_columns, *self.keep_columns]
        return [c for c in dict.fromkeys(optional) if c and c not in have]

    def needed(self, policy: Policy) -> list[str]:
        """Every column the extract reads."""
        cols = [self.id_column, self.text_column, self.patient_id_column, policy.authorization_column]
        cols += [*self.known_columns, *self.keep_columns]
        return [c for c in dict.fromkeys(cols) if c]


@dataclass(frozen=True)
class ColumnPlan:
    """What each output column of `notes/` is: the id, the redacted text, a known column's action, or kept."""

    outputs: tuple[tuple[str, str, str | None], ...]  # (column, how, entity); how: id|text|keep|<action>
    dropped: tuple[str, ...]

    @property
    def schema(self) -> pa.Schema:
        """Every output column is a string (stable across parts whatever the source types)."""
        return pa.schema([(column, pa.string()) for column, _, _ in self.outputs])


def plan_columns(columns: ExtractColumns, policy: Policy, available: Sequence[str]) -> ColumnPlan:
    """Decide the output columns: a known column is dropped when its entity's action is remove,
    copied for keep, and transformed like the same value in the text for any other action."""
    have = set(available)
    outputs: list[tuple[str, str, str | None]] = [(columns.id_column, "id", None)]
    if columns.text_column != columns.id_column:
        outputs.append((columns.text_column, "text", None))
    taken = {columns.id_column, columns.text_column}
    dropped: list[str] = []
    for column, entity in columns.known_columns.items():
        if column in taken or column not in have:
            continue
        taken.add(column)
        action = policy.rule_for(entity).action
        if action == "remove":
            dropped.append(column)
        else:
            outputs.append((column, action, entity))
    for column in columns.keep_columns:
        if column not in taken and column in have:
            taken.add(column)
            outputs.append((column, "keep", None))
    return ColumnPlan(tuple(outputs), tuple(dropped))


def is_authorized(value: object) -> bool:
    """True for True, 1 and the strings true/1/yes/y/t (any case); everything else, missing included, is no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)) and not is_missing(value):
        return value == 1
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return isinstance(value, str) and value.strip().lower() in TRUE_VALUES
