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


class RecognizerError(DeidError):
    """A recognizer raised on a note; names the recognizer and the exception type, never its message."""

    def __init__(self, recognizer: str, error_type: str) -> None:
        super().__init__(f"recognizer {recognizer} failed ({error_type})")
        self.recognizer = recognizer
        self.error_type = error_type

    def __reduce__(self):
        # Picklable across Prefect's process pool with its two arguments.
        return (type(self), (self.recognizer, self.error_type))
