"""The whole engine in one call: clean, detect language and date, segment, extract, score."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claims.detect import DEFAULT_THRESHOLD, Claim


@dataclass(frozen=True, slots=True)
class Analysis:
    """The engine's result for one text. Every offset points into `body` (the cleaned text)."""

    body: str
    language: str
    published: date | None
    published_source: str | None  # "given", "detected" or None
    title: str | None
    sentences: tuple[Claim, ...]  # every scored sentence, claims and non-claims, in order
    raw_offsets: tuple[tuple[int, int, int], ...] = ()  # (body_start, raw_start, length) runs

    @property
    def claims(self) -> list[Claim]:
        return [s for s in self.sentences if s.is_claim]

    def to_raw(self, offset: int) -> int:
        """Map an offset in `body` to the matching offset in the raw text."""
        raise NotImplementedError


def analyse(
    raw: str,
    *,
    published: date | None = None,
    language: str | None = None,
    lines: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> Analysis:
    """Run the engine over one raw text (already decoded; HTML already reduced to text)."""
    raise NotImplementedError
