"""Load recognizer plug-ins: every `*.py` and `*.yaml` file of a folder, our own included."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import Any

import yaml
from presidio_analyzer import EntityRecognizer, PatternRecognizer

from deid.errors import RecognizerLoadError


@dataclass(frozen=True, slots=True)
class Plugin:
    """A loaded recognizer and the file it came from."""

    recognizer: EntityRecognizer
    source: Path


def load_folder(folder: Path) -> list[Plugin]:
    """Load every recognizer defined in `folder` (files starting with `_` are helpers, skipped)."""
    if not folder.is_dir():
        raise RecognizerLoadError(f"{folder}: recognizer folder not found")
    plugins: list[Plugin] = []
    for file in sorted(folder.iterdir()):
        if file.name.startswith(("_", ".")):
            continue
        if file.suffix == ".py":
            plugins += [Plugin(r, file) for r in load_python(file)]
        elif file.suffix in (".yaml", ".yml"):
            plugins += [Plugin(r, file) for r in load_yaml(file)]
    return plugins


def load_python(file: Path) -> list[EntityRecognizer]:
    """Import `file` and instantiate (with no arguments) every recognizer class it defines."""
    digest = sha1(str(file.resolve()).encode()).hexdigest()[:8]
    stem = re.sub(r"\W", "_", file.stem)
    module_name = f"deid_plugin_{stem}_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, file)
    if spec is None or spec.loader is None:
        raise RecognizerLoadError(f"{file}: not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # pickling and dataclasses look classes up here
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(module_name, None)
        raise RecognizerLoadError(f"{file}: failed to import: {type(exc).__name__}: {exc}") from None
    classes = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, EntityRecognizer)
        and cls.__module__ == module_name
        and not inspect.isabstract(cls)
    ]
    recognizers = []
    for cls in classes:
        try:
            recognizers.append(cls())
        except Exception as exc:
            raise RecognizerLoadError(
                f"{file}: cannot create {cls.__name__}() (plug-in recognizers need a "
                f"constructor without arguments): {type(exc).__name__}: {exc}"
            ) from None
    return recognizers


_YAML_KEYS = {
    "name", "supported_language", "supported_languages", "supported_entity", "patterns",
    "context", "deny_list", "deny_list_score", "global_regex_flags", "version",
}  # fmt: skip


def load_yaml(file: Path) -> list[EntityRecognizer]:
    """Build PatternRecognizers from a file in Presidio's recognizer YAML schema, checking its traps."""
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RecognizerLoadError(f"{file}: cannot read: {str(exc).splitlines()[0]}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("recognizers"), list):
        raise RecognizerLoadError(f"{file}: expected a top-level 'recognizers:' list")
    out = []
    for i, spec in enumerate(raw["recognizers"]):
        where = f"{file}: recognizers[{i}]"
        if not isinstance(spec, dict):
            raise RecognizerLoadError(f"{where}: each recognizer must be a mapping")
        where = f"{where} ({spec.get('name', 'unnamed')})"
        out.append(_pattern_recognizer(where, spec))
    return out


def _pattern_recognizer(where: str, spec: dict[str, Any]) -> PatternRecognizer:
    unknown = set(spec) - _YAML_KEYS
    if unknown:
        raise RecognizerLoadError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_YAML_KEYS))}"
        )
    for key in ("name", "supported_entity"):
        if not spec.get(key):
            raise RecognizerLoadError(f"{where}: '{key}' is required")
    if not spec.get("patterns") and not spec.get("deny_list"):
        raise RecognizerLoadError(f"{where}: give 'patterns' or 'deny_list'")
    # Presidio defaults deny_list_score to 0.0 in YAML, which silently disables the list.
    if spec.get("deny_list") and "deny_list_score" not in spec:
        raise RecognizerLoadError(f"{where}: 'deny_list' needs an explicit 'deny_list_score' (e.g. 0.9)")
    for j, pattern in enumerate(spec.get("patterns") or []):
        regex = pattern.get("regex") if isinstance(pattern, dict) else None
        if not isinstance(regex, str) or "score" not in pattern:
            raise RecognizerLoadError(f"{where}: patterns[{j}] needs 'regex' and 'score'")
        if re.match(r"""^r["']""", regex):
            raise RecognizerLoadError(
                f"{where}: patterns[{j}].regex starts with r\" - YAML keeps it literally; drop the r prefix"
            )
        try:
            re.compile(regex)
        except re.error as exc:
            raise RecognizerLoadError(f"{where}: patterns[{j}].regex is invalid: {exc}") from None
    args = dict(spec)
    args.pop("version", None)
    languages = args.pop("supported_languages", None)
    if languages:
        args["supported_language"] = languages[0]
    args.setdefault("supported_language", "en")
    try:
        return PatternRecognizer.from_dict(args)
    except Exception as exc:
        raise RecognizerLoadError(f"{where}: {type(exc).__name__}: {exc}") from None
