"""Splitting an article body into plain and claim passages for highlighting."""
from __future__ import annotations

from collections.abc import Sequence


def passages(body: str, spans: Sequence) -> list[tuple[str, object | None]]:
    """(text, item) pieces covering `body`; item is the span object (with start_offset/end_offset) or None.

    Overlapping spans are skipped after the first so every character appears exactly once.
    """
    pieces: list[tuple[str, object | None]] = []
    pos = 0
    for item in sorted(spans, key=lambda s: (s.start_offset, s.end_offset)):
        start, end = max(item.start_offset, 0), min(item.end_offset, len(body))
        if start < pos or start >= end:
            continue
        if start > pos:
            pieces.append((body[pos:start], None))
        pieces.append((body[start:end], item))
        pos = end
    if pos < len(body):
        pieces.append((body[pos:], None))
    return pieces
