"""URL converters and row look-ups shared by every blueprint."""
from __future__ import annotations

from typing import TypeVar

from flask import abort
from werkzeug.routing import IntegerConverter, Map

from workbench.extensions import db

T = TypeVar("T")

# Row ids are INTEGER columns: 32-bit on PostgreSQL, and SQLite's driver cannot even bind a
# Python int past 64 bits. A larger number in a URL names no row, so it is a 404 at routing,
# before any query could fail on it with a 500.
LARGEST_ROW_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """`<int:...>` in routes: a non-negative integer no larger than any row id can be."""

    def __init__(self, map: Map, *args, max: int | None = None, **kwargs) -> None:
        super().__init__(map, *args, max=LARGEST_ROW_ID if max is None else max, **kwargs)


def get_or_404(model: type[T], row_id: int, what: str, *, removed_too: bool = False) -> T:
    """The row `row_id` of `model`, or a 404 "There is no WHAT ID.". A removed row (its
    `deleted_at` set) is a 404 too, unless `removed_too`: history pages, and operations that
    explain themselves why a removed row cannot be changed."""
    row = db.session.get(model, row_id)
    if row is None or (not removed_too and getattr(row, "deleted_at", None) is not None):
        abort(404, f"There is no {what} {row_id}.")
    return row
