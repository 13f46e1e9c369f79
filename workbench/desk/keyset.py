"""Keyset pagination: pages of rows after the last id seen, so a page costs the same on page 1 and
page 20,000 (OFFSET would read and skip every earlier row)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select


@dataclass(frozen=True, slots=True)
class KeysetPage:
    """One page of rows, newest id first, and the cursor of the next page (None on the last)."""

    rows: list
    next_after: int | None
    is_first: bool


def parse_cursor(value: str | None) -> int | None:
    """The id a page starts after, from the URL; None for the first page or a cursor that is not a row id."""
    if value is None or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def keyset_page(session, query: Select, id_column, after: int | None, size: int) -> KeysetPage:
    """Run `query` ordered by `id_column` descending from below `after`; one extra row tells if more follow."""
    if after is not None:
        query = query.where(id_column < after)
    rows = list(session.scalars(query.order_by(id_column.desc()).limit(size + 1)))
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(rows=rows, next_after=rows[-1].id if more and rows else None, is_first=after is None)
