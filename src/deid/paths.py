"""Where the bundled configs and recognizers are: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """Return the bundled folder `name` ("configs" or "recognizers") of this installation."""
    inside_wheel = _PACKAGE / "_bundled" / name
    if inside_wheel.is_dir():
        return inside_wheel
    # Editable install / source checkout: src/deid -> repository root.
    return _PACKAGE.parent.parent / name


def policies_dir() -> Path:
    """The folder holding the bundled policy YAML files."""
    return bundled("configs") / "policies"


def recognizers_dir() -> Path:
    """The bundled plug-in folder (our own recognizers, loaded like a user's)."""
    return bundled("recognizers")
