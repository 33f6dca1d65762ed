"""Keyed hashing for pseudonyms and date shifts: HMAC-SHA256, so nothing is reversible without the key."""

from __future__ import annotations

import hashlib
import hmac
import os

from deid.errors import KeyRequiredError

ENV_KEY = "DEID_KEY"


def resolve_key(key: str | bytes | None) -> bytes | None:
    """The key given, else `$DEID_KEY`, as bytes; None when neither is set. There is no default key."""
    if key is None:
        key = os.environ.get(ENV_KEY) or None
    if key is None:
        return None
    raw = key.encode("utf-8", "surrogatepass") if isinstance(key, str) else bytes(key)
    if not raw:
        raise KeyRequiredError("the key is empty; give a non-empty key or unset it")
    return raw


def keyed_int(key: bytes, *parts: str) -> int:
    """A 64-bit integer derived from `key` and `parts`; the same inputs give the same number."""
    # surrogatepass: a lone surrogate (left by a lossy decode) must hash, not raise an error whose
    # `.object` would carry the text (a patient id, a name) into tracebacks.
    message = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hmac.new(key, message, hashlib.sha256).digest()[:8], "big")


def fingerprint(key: bytes | None) -> str | None:
    """A short, non-reversible fingerprint that tells keys apart in reports; never the key itself."""
    if key is None:
        return None
    return hmac.new(key, b"deid key fingerprint", hashlib.sha256).hexdigest()[:16]
