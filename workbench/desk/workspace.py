"""The article workspace: the body cut into plain text, numbered claims and the values inside them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from workbench.extensions import db
from workbench.history.models import Revision


@dataclass(slots=True)
class Piece:
    """A run of the article: plain text, or a claim (with its number) cut into plain and value runs."""

    text: str
    claim: object | None = None
    number: int | None = None
    runs: list[tuple[str, object | None]] = field(default_factory=list)  # (text, value or None)


def _value_runs(body: str, claim, start: int, end: int) -> list[tuple[str, object | None]]:
    """The claim's text cut at its values (offsets into the article body), overlaps skipped."""
    runs, pos = [], start
    for value in sorted(claim.values, key=lambda v: v.start_offset):
        v_start, v_end = max(value.start_offset, pos), min(value.end_offset, end)
        if v_start >= v_end or value.start_offset < pos:
            continue
        if v_start > pos:
            runs.append((body[pos:v_start], None))
        runs.append((body[v_start:v_end], value))
        pos = v_end
    if pos < end:
        runs.append((body[pos:end], None))
    return runs


def pieces(body: str, claims: Sequence) -> list[Piece]:
    """Every character of `body` once; claims numbered 1.. in reading order (overlaps after the first skipped)."""
    out: list[Piece] = []
    pos = 0
    for number, claim in enumerate(sorted(claims, key=lambda c: (c.start_offset, c.end_offset)), start=1):
        start, end = max(claim.start_offset, 0), min(claim.end_offset, len(body))
        if start < pos or start >= end:
            continue
        if start > pos:
            out.append(Piece(body[pos:start]))
        out.append(Piece(body[start:end], claim, number, _value_runs(body, claim, start, end)))
        pos = end
    if pos < len(body):
        out.append(Piece(body[pos:]))
    return out


def numbered(claims: Sequence) -> list:
    """The article's claims in reading order (their numbers are their positions + 1)."""
    return sorted(claims, key=lambda c: (c.start_offset, c.end_offset))


def paragraph_of(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(text before, the claim, text after) within the paragraph holding the claim."""
    p_start = body.rfind("\n\n", 0, start)
    p_start = 0 if p_start < 0 else p_start + 2
    p_end = body.find("\n\n", end)
    p_end = len(body) if p_end < 0 else p_end
    return body[p_start:start], body[start:end], body[end:p_end]


def last_changes(claim_id: int, limit: int = 5) -> list[Revision]:
    """The newest revisions touching the claim (its own, its verdicts', its evidence's)."""
    return list(db.session.scalars(select(Revision).where(Revision.claim_id == claim_id)
                                   .order_by(Revision.id.desc()).limit(limit)))


def split_choices(body: str, claim, words_shown: int = 4) -> list[tuple[int, str]]:
    """Where a claim can be split: after each of its words but the last, labelled by the words
    before the point (a list a person can pick from with the keyboard, no script needed)."""
    text = body[claim.start_offset:claim.end_offset]
    choices, words = [], []
    for match in re.finditer(r"\S+", text):
        words.append(match.group())
        at = claim.start_offset + match.end()
        if at < claim.end_offset and body[claim.start_offset + match.end():claim.end_offset].strip():
            shown = " ".join(words[-words_shown:])
            choices.append((at, f"after “{'… ' if len(words) > words_shown else ''}{shown}”"))
    return choices
