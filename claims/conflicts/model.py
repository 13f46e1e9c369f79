"""The document model of conflict detection: documents in, findings (inconsistencies) out."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from claims.detect import Claim
from claims.stories import name_tokens
from claims.values import Value


@dataclass(frozen=True, slots=True)
class Document:
    """What conflict detection needs of one article: an id, its date, language and claims."""

    id: str
    published: date | None
    language: str
    claims: tuple[Claim, ...]
    title: str | None = None
    length: int = 0  # body length, for relative positions of claims; 0: end of the last claim
    # Names and acronyms of the title and of sentences that are not claims ("Expo 2025 is held"):
    # story evidence that conflicts never compare. Empty when built from stored claims only.
    names: frozenset[str] = frozenset()

    @classmethod
    def from_analysis(cls, id: str, analysis) -> Document:
        """A Document of the claims (is_claim True) of one claims.analysis.Analysis."""
        names: set[str] = set()
        for sentence in analysis.sentences:
            if not sentence.is_claim:
                names |= name_tokens(sentence.text, analysis.language)
        if analysis.title:
            names |= name_tokens(analysis.title, analysis.language)
        return cls(
            id=id,
            published=analysis.published,
            language=analysis.language,
            claims=tuple(s for s in analysis.sentences if s.is_claim),
            title=analysis.title,
            length=len(analysis.body),
            names=frozenset(names),
        )


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
    """One finding: its kind, how bad, how sure, what to check, and the values involved."""

    kind: str
    severity: str  # "low" | "medium" | "high"
    confidence: float
    explanation: str
    members: tuple[Member, ...]

    @property
    def key(self) -> str:
        """Stable fingerprint: the same finding on the same spans gets the same key."""
        spans = sorted((m.document, m.start, m.end) for m in self.members)
        text = self.kind + "|" + ";".join(f"{d}\x1f{s}\x1f{e}" for d, s, e in spans)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()


# Members


def _member(doc_id: str, claim: Claim, value: Value) -> Member:
    return Member(
        document=doc_id,
        start=value.start,
        end=value.end,
        text=value.text,
        value={"type": value.type, "text": value.text, "normalized": dict(value.normalized or {})},
        claim_start=claim.start,
        claim_end=claim.end,
    )


def _local(claim: Claim, value: Value) -> tuple[int, int]:
    """The value's offsets inside claim.text."""
    return value.start - claim.start, value.end - claim.start


def _norm(value: Value) -> dict:
    return value.normalized or {}
