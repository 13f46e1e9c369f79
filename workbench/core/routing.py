"""URL converters shared by every blueprint."""
from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

# Row ids are INTEGER columns: 32-bit on PostgreSQL, and SQLite's driver cannot even bind a
# Python int past 64 bits. A larger number in a URL names no row, so it is a 404 at routing,
# before any query could fail on it with a 500.
LARGEST_ROW_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """`<int:...>` in routes: a non-negative integer no larger than any row id can be."""

    def __init__(self, map: Map, *args, max: int | None = None, **kwargs) -> None:
        super().__init__(map, *args, max=LARGEST_ROW_ID if max is None else max, **kwargs)
