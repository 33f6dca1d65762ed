"""Purpose policies: which action each entity type gets. YAML in, validated pydantic models out."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from deid.entities import ENTITIES
from deid.errors import KeyRequiredError, PolicyError
from deid.paths import policies_dir

ACTIONS = ("remove", "mask", "pseudonymize", "shift_date", "generalize", "keep")
# generalize has a defined meaning only for these: date -> year, age -> "90+", ZIP -> 3 digits.
GENERALIZABLE = ("DATE", "DOB", "AGE_OVER_89", "ZIP")
DATE_ENTITIES = ("DATE", "DOB")


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Remove(_Rule):
    """Replace the finding with a tag; `{entity}` in the replacement is the entity type."""

    action: Literal["remove"] = "remove"
    replacement: str = "[{entity}]"


class Mask(_Rule):
    """Overwrite every character but the last `keep_last` with `char` (spaces are kept)."""

    action: Literal["mask"] = "mask"
    char: str = Field(default="*", min_length=1, max_length=1)
    keep_last: int = Field(default=0, ge=0)


class Pseudonymize(_Rule):
    """Keyed, consistent surrogate: the same value gets the same surrogate under the same key."""

    action: Literal["pseudonymize"] = "pseudonymize"


class ShiftDate(_Rule):
    """Move dates by one keyed offset per patient (intervals preserved), format kept."""

    action: Literal["shift_date"] = "shift_date"
    max_days: int = Field(default=365, ge=1, le=3650)


class Generalize(_Rule):
    """Date -> year, age over 89 -> "90+", ZIP -> first 3 digits ("000" where Safe Harbor says so)."""

    action: Literal["generalize"] = "generalize"


class Keep(_Rule):
    """Leave the finding as it is (it is still reported)."""

    action: Literal["keep"] = "keep"


Rule = Annotated[
    Union[Remove, Mask, Pseudonymize, ShiftDate, Generalize, Keep], Field(discriminator="action")
]
_RULE = TypeAdapter(Rule)
KEYED_ACTIONS = frozenset({"pseudonymize", "shift_date"})


class Policy(BaseModel):
    """A resolved policy (after `extends`): a rule per entity type, a default rule and a threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    threshold: float = Field(default=0.35, ge=0.0, le=1.0)
    default_action: Rule = Remove()
    entities: dict[str, Rule] = Field(default_factory=dict)
    # Column that must hold a true value for a row to enter this purpose's extract (flows).
    authorization_column: str | None = None
    source: str | None = None

    def rule_for(self, entity_type: str) -> Rule:
        """The rule applied to `entity_type`: its own entry, else the default action."""
        return self.entities.get(entity_type, self.default_action)

    @property
    def needs_key(self) -> bool:
        """True when some rule needs a secret key (pseudonyms, date shifts)."""
        rules = [self.default_action, *self.entities.values()]
        return any(rule.action in KEYED_ACTIONS for rule in rules)

    def require_key(self, key: bytes | None, how: str) -> None:
        """KeyRequiredError when this policy needs a key and `key` is None; `how` says where to give one."""
        if self.needs_key and key is None:
            raise KeyRequiredError(f"policy {self.name!r} pseudonymizes or shifts dates and needs a key: {how}")

    @property
    def content_hash(self) -> str:
        """SHA-256 of the resolved policy content, for reports (independent of file layout)."""
        body = self.model_dump(mode="json", exclude={"source"})
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def available_policies() -> dict[str, Path]:
    """Bundled policy names and their files."""
    return {p.stem: p for p in sorted(policies_dir().glob("*.yaml"))}


def load_policy(policy: str | os.PathLike[str] | Policy) -> Policy:
    """Load a policy by bundled name, by path to a YAML file, or pass a Policy through."""
    if isinstance(policy, Policy):
        return policy
    file = _locate(str(policy))
    raw = _resolve_extends(file, chain=())
    return _validate(file, raw)


def _locate(ref: str, relative_to: Path | None = None) -> Path:
    looks_like_path = ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref
    if looks_like_path:
        path = Path(ref)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        if not path.is_file():
            raise PolicyError(f"{path}: policy file not found")
        return path
    known = available_policies()
    if ref not in known:
        raise PolicyError(
            f"unknown policy {ref!r}; available: {', '.join(known) or '(none)'} "
            "(or give a path to a .yaml file)"
        )
    return known[ref]


def _read(file: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise PolicyError(f"{file}: invalid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{file}: cannot read policy: {exc}") from None
    if not isinstance(raw, dict):
        raise PolicyError(f"{file}: a policy must be a mapping with an 'entities' section")
    return raw


def _resolve_extends(file: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    here = file.resolve()
    if here in chain:
        names = " -> ".join(p.name for p in (*chain, here))
        raise PolicyError(f"{file}: extends: circular ({names})")
    raw = _read(file)
    parent_ref = raw.pop("extends", None)
    entities = raw.get("entities") or {}
    if not isinstance(entities, dict):
        raise PolicyError(f"{file}: entities: must be a mapping of ENTITY: action")
    _check_entries(file, entities)
    if "default_action" in raw:
        _check_action(file, "default_action", raw["default_action"])
    raw.setdefault("name", file.stem)
    raw["source"] = str(file)
    if parent_ref is None:
        return raw
    parent = _resolve_extends(_locate(str(parent_ref), relative_to=file.parent), (*chain, here))
    merged = {**parent, **{k: v for k, v in raw.items() if k != "entities"}}
    merged["entities"] = {**(parent.get("entities") or {}), **entities}
    return merged


def _check_entries(file: Path, entities: dict[str, Any]) -> None:
    for entity, spec in entities.items():
        if entity not in ENTITIES:
            raise PolicyError(
                f"{file}: entities.{entity}: unknown entity; allowed: {', '.join(ENTITIES)}"
            )
        action = _check_action(file, f"entities.{entity}", spec)
        if action == "generalize" and entity not in GENERALIZABLE:
            raise PolicyError(
                f"{file}: entities.{entity}: generalize is defined only for "
                f"{', '.join(GENERALIZABLE)}; use remove, mask, pseudonymize or keep"
            )
        if action == "shift_date" and entity not in DATE_ENTITIES:
            raise PolicyError(
                f"{file}: entities.{entity}: shift_date applies only to {', '.join(DATE_ENTITIES)}"
            )


def _check_action(file: Path, key: str, spec: Any) -> str:
    action = spec.get("action") if isinstance(spec, dict) else spec
    if action not in ACTIONS:
        raise PolicyError(f"{file}: {key}: unknown action {action!r}; allowed: {', '.join(ACTIONS)}")
    return action


def _as_rule_spec(spec: Any) -> Any:
    return {"action": spec} if isinstance(spec, str) else spec


def _validate(file: Path, raw: dict[str, Any]) -> Policy:
    raw = dict(raw)
    raw["entities"] = {k: _as_rule_spec(v) for k, v in (raw.get("entities") or {}).items()}
    if "default_action" in raw:
        raw["default_action"] = _as_rule_spec(raw["default_action"])
        if raw["default_action"].get("action") in ("shift_date", "generalize"):
            raise PolicyError(
                f"{file}: default_action: must be remove, mask, pseudonymize or keep "
                "(shift_date and generalize depend on the entity type)"
            )
    try:
        return Policy(**raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"] if p not in _RULE_TAGS)
        raise PolicyError(f"{file}: {loc}: {err['msg']}") from None


_RULE_TAGS = frozenset(ACTIONS)
