"""Check-worthiness: which sentences are claims, of what kind, how sure, and why."""
from __future__ import annotations

from dataclasses import dataclass

from claims.values import Value

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    """A scored sentence. Offsets point into the cleaned body; values carry body offsets too."""

    text: str
    start: int
    end: int
    is_claim: bool
    kind: str
    score: float
    reasons: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    line: int | None = None
