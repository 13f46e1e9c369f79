"""The value dataclass every family produces."""
from __future__ import annotations

from dataclasses import dataclass, field

VALUE_TYPES = ("date", "date_range", "percent", "quantity", "rank", "year_target", "money", "duration")


@dataclass(frozen=True, slots=True)
class Value:
    """One value asserted in a text: its type, surface text, offsets and normalised form.

    `start`/`end` are character offsets into the text given to `extract_values`,
    so `text == source[start:end]` always holds.
    """

    type: str
    text: str
    start: int
    end: int
    normalized: dict = field(default_factory=dict)

