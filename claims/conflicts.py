"""Inconsistencies inside one article and across articles on the same story (any language)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claims.detect import Claim


@dataclass(frozen=True, slots=True)
class Document:
    """What conflict detection needs of one article: an id, its date, language and claims."""

    id: str
    published: date | None
    language: str
    claims: tuple[Claim, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """One claim/value taking part in an inconsistency. Offsets point into that document's body."""

    document: str
    start: int
    end: int
    text: str
    value: dict  # {"type": ..., "text": ..., "normalized": {...}} of the value involved, or {}
    claim_start: int
    claim_end: int


@dataclass(frozen=True, slots=True)
class Inconsistency:
    kind: str
    severity: str  # "low" | "medium" | "high"
    confidence: float
    explanation: str
    members: tuple[Member, ...]

    @property
    def key(self) -> str:
        """Stable fingerprint: the same finding on the same spans gets the same key."""
        raise NotImplementedError
