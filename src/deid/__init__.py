"""deid: de-identify clinical notes per downstream purpose.

    import deid
    result = deid.redact(text, policy="research")
    result.text, result.spans
"""

from deid.decide.policy import Policy, available_policies, load_policy
from deid.errors import ConfigError, DeidError, KeyRequiredError, PolicyError, RecognizerLoadError
from deid.findings import Finding
from deid.redact import RedactionResult, Redactor, redact

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DeidError",
    "Finding",
    "KeyRequiredError",
    "Policy",
    "PolicyError",
    "RecognizerLoadError",
    "RedactionResult",
    "Redactor",
    "available_policies",
    "load_policy",
    "redact",
]
