"""The single entry point shared by scripts, the CLI and the flows: `redact()` and `Redactor`."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, repeat

from deid.decide.known import Known, find_known
from deid.decide.policy import Policy, load_policy
from deid.decide.roles import carry_roles
from deid.detect.config import EngineConfig, load_engine_config
from deid.detect.engine import Detector
from deid.findings import Finding, resolve
from deid.kit.facilities import without_kinds
from deid.kit.particles import with_particles
from deid.transform import OperatorContext, operator_for
from deid.transform.keyed import ENV_KEY, fingerprint, resolve_key

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """A redacted note: `.text` and `.spans` (findings in original coordinates, with the action taken)."""

    text: str
    spans: tuple[Finding, ...]
    note_id: str | None = None

    def __repr__(self) -> str:
        # Never echo text in reprs (tracebacks, logs): offsets and types only.
        kinds = Counter(f.entity_type for f in self.spans)
        return f"RedactionResult(note_id={self.note_id!r}, chars={len(self.text)}, spans={dict(kinds)})"


class Redactor:
    """Detection plus a policy (and key). Build once, reuse for many notes."""

    def __init__(
        self,
        policy: str | os.PathLike[str] | Policy = "research",
        *,
        key: str | bytes | None = None,
        config: str | os.PathLike[str] | EngineConfig | None = None,
        detector: Detector | None = None,
    ) -> None:
        self.policy = load_policy(policy)
        self._key = resolve_key(key)
        self.policy.require_key(self._key, f"pass key=... or set ${ENV_KEY} (there is no default key)")
        engine_config = config if isinstance(config, EngineConfig) else load_engine_config(config)
        self.detector = detector or _shared_detector(engine_config.model_dump_json())

    @property
    def key_fingerprint(self) -> str | None:
        """A fingerprint of the key for reports (never the key)."""
        return fingerprint(self._key)

    def transform(self, value: str, entity: str, patient_id: str | None = None) -> str:
        """`value` as this policy writes an identifier of type `entity`: what a finding in a note
        becomes, and what a known column's cell becomes in a bulk run (the same operator and key)."""
        rule = self.policy.rule_for(entity)
        return operator_for(rule.action).apply(value, OperatorContext(entity, rule, self._key, patient_id))

    def redact(
        self,
        text: str,
        *,
        patient_id: str | None = None,
        known: Known | None = None,
        note_id: str | None = None,
    ) -> RedactionResult:
        """Redact one note."""
        return next(
            self.redact_many([text], patient_ids=[patient_id], known=[known], note_ids=[note_id])
        )

    def redact_many(
        self,
        texts: Iterable[str],
        *,
        patient_ids: Iterable[str | None] | None = None,
        known: Iterable[Known | None] | None = None,
        note_ids: Iterable[str | None] | None = None,
        batch_size: int | None = None,
    ) -> Iterator[RedactionResult]:
        """Redact notes as a stream, in order; spaCy runs in batches, memory stays bounded."""
        size = batch_size or self.detector.config.batch_size
        rows = zip(
            texts,
            repeat(None) if patient_ids is None else patient_ids,
            repeat(None) if known is None else known,
            repeat(None) if note_ids is None else note_ids,
        )
        while batch := list(islice(rows, size)):
            for text, *_ in batch:
                _check_text(text)
            detected = self.detector.detect_many([t for t, *_ in batch], batch_size=size)
            for (text, patient_id, row_known, note_id), findings in zip(batch, detected):
                yield self._apply(text, findings, patient_id, row_known, note_id)

    def _apply(
        self,
        text: str,
        findings: list[Finding],
        patient_id: str | None,
        known: Known | None,
        note_id: str | None,
    ) -> RedactionResult:
        threshold = self.policy.threshold
        candidates = with_particles(text, [f for f in findings if f.score >= threshold] + find_known(text, known))
        pieces: list[str] = []
        spans: list[Finding] = []
        cursor = 0
        for f in without_kinds(text, carry_roles(text, resolve(candidates))):
            pieces += [text[cursor : f.start], self.transform(text[f.start : f.end], f.entity_type, patient_id)]
            spans.append(f.with_action(self.policy.rule_for(f.entity_type).action))
            cursor = f.end
        pieces.append(text[cursor:])
        log.debug("note redacted: findings=%s", dict(Counter(f.entity_type for f in spans)))
        return RedactionResult("".join(pieces), tuple(spans), note_id)


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"note text must be str, got {type(text).__name__}")


@lru_cache(maxsize=4)
def _shared_detector(config_json: str) -> Detector:
    # One Detector per engine config per process; keyed by the config's JSON (hashable).
    return Detector(EngineConfig.model_validate_json(config_json))


@lru_cache(maxsize=16)
def _cached_redactor(policy: str, key: str | bytes | None, config: str | None) -> Redactor:
    return Redactor(policy, key=key, config=config)


def redact(
    text: str,
    policy: str | os.PathLike[str] | Policy = "research",
    *,
    key: str | bytes | None = None,
    patient_id: str | None = None,
    known: Known | None = None,
    config: str | os.PathLike[str] | None = None,
) -> RedactionResult:
    """Redact one note under a policy; the Redactor is built on first use and reused."""
    if isinstance(policy, Policy):
        redactor = Redactor(policy, key=key, config=config)
    else:
        key = key if key is not None else os.environ.get(ENV_KEY)
        redactor = _cached_redactor(os.fspath(policy), key, None if config is None else os.fspath(config))
    return redactor.redact(text, patient_id=patient_id, known=known)
