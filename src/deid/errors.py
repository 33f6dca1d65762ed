"""Errors deid raises on purpose: each names the file or setting at fault and never quotes note text."""

from __future__ import annotations


class DeidError(Exception):
    """Base class for errors a user can act on; the CLI prints them as one line."""


class ConfigError(DeidError):
    """The engine configuration (model, recognizer folders, batch size) is unusable."""


class PolicyError(DeidError):
    """A policy file is missing, unreadable or invalid."""


class RecognizerLoadError(DeidError):
    """A recognizer plug-in file could not be loaded."""


class KeyRequiredError(DeidError):
    """The policy pseudonymizes or shifts dates and no key was given."""
