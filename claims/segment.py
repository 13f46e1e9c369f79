"""Sentence segmentation with character offsets."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a body: `body[start:end] == text`."""

    text: str
    start: int
    end: int


def split_sentences(body: str, *, language: str = "en") -> list[Sentence]:
    """Sentences of `body` with offsets, surviving abbreviations, decimals and German ordinal dates."""
    raise NotImplementedError
