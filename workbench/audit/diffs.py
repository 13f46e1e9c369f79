"""Readable diffs of revisions: word or line diffs for prose fields, before/after for the rest."""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

# Prose a person edits: shown as a word diff (a line diff when either side has several lines).
PROSE_FIELDS = frozenset({"text", "rationale", "quote", "explanation", "resolution_note", "body", "title"})
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a diff: op is "equal", "delete" or "insert"."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a revision: old and new as shown, and for prose the diff segments."""

    field: str
    old: str | None
    new: str | None
    segments: tuple[Segment, ...] | None = None

    @property
    def label(self) -> str:
        """The field name as people read it."""
        return self.field.replace("_", " ")


def shown(value: Any) -> str | None:
    """A stored value as people read it (None stays None, structures as compact JSON)."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Segments turning `old` into `new`, compared word by word (whitespace kept)."""
    return _diff(_TOKENS.findall(old), _TOKENS.findall(new))


def line_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Segments turning `old` into `new`, compared line by line."""
    return _diff(old.splitlines(keepends=True), new.splitlines(keepends=True))


def _diff(a: list[str], b: list[str]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(segments)


def field_changes(changes: dict[str, list]) -> list[FieldChange]:
    """The fields of a revision's `changes`, in a stable order, prose fields with a diff."""
    out: list[FieldChange] = []
    for field in sorted(changes):
        pair = changes[field]
        old, new = (pair[0], pair[1]) if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        segments = None
        if field in PROSE_FIELDS and isinstance(old, str) and isinstance(new, str):
            segments = line_diff(old, new) if "\n" in old or "\n" in new else word_diff(old, new)
        out.append(FieldChange(field, shown(old), shown(new), segments))
    return out
