"""Keyset (seek) pagination for the long lists: articles, flags, the audit log.

An OFFSET page makes the database read and throw away every row before it, so page 500 of a
million-claim desk cost seconds. A page link here carries the sort key of the row it continues
from (`after` for older rows, `before` for newer ones) and the query starts at that key in an
index that matches the sort, reading only the rows it shows. The page number travels along for
display; a bare `?page=N` (typed by hand) still works through OFFSET.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, func, select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from workbench.extensions import db

# Rows a capped count reads at most; a list longer than this says "more than".
COUNT_CAP = 10_000

# Separator of a cursor's parts: not in an ISO time or an integer.
_SEP = "~"


class BadCursor(ValueError):
    """A cursor from a URL that is not one this module wrote."""


@dataclass(frozen=True, slots=True)
class Seek:
    """Where a page starts: a page number and, from a page link, the key of its neighbour row."""

    page: int = 1
    after: tuple | None = None   # show rows older than this key (the next page)
    before: tuple | None = None  # show rows newer than this key (the previous page)


def encode_key(values: Sequence[object]) -> str:
    """A row's sort key as a URL-safe cursor."""
    return _SEP.join(v.isoformat() if isinstance(v, datetime) else str(int(v)) for v in values)


def decode_key(raw: str, kinds: Sequence[type]) -> tuple:
    """The sort key of a cursor, each part read as its kind (datetime or int); BadCursor if unreadable."""
    parts = raw.split(_SEP)
    if len(parts) != len(kinds):
        raise BadCursor(raw)
    try:
        values = tuple(_decode(part, kind) for part, kind in zip(parts, kinds, strict=True))
    except (ValueError, OverflowError) as exc:
        raise BadCursor(raw) from exc
    return values


def _decode(part: str, kind: type) -> object:
    if kind is datetime:
        value = datetime.fromisoformat(part)
        if value.tzinfo is None:
            raise ValueError("cursor time without a zone")
        return value
    number = int(part)
    if not 0 <= number < 2**63:  # a larger number is no row key and cannot be bound
        raise ValueError("cursor id out of range")
    return number


def seek_from_args(args, kinds: Sequence[type], largest_page: int, page: int | None = None) -> Seek:
    """The Seek of a request's `page` (unless given), `after` and `before`; BadCursor or ValueError if unreadable."""
    if page is None:
        page = args.get("page", 1, type=int)
        if page is None or not 1 <= page <= largest_page:
            raise ValueError("page")
    after = args.get("after")
    before = args.get("before")
    return Seek(page, decode_key(after, kinds) if after else None, decode_key(before, kinds) if before else None)


def _key(columns: Sequence[ColumnElement], values: tuple):
    return tuple_(*(bindparam(None, v, type_=c.type) for c, v in zip(columns, values, strict=True)))


def page_rows(query: Select, columns: Sequence[ColumnElement], seek: Seek, per_page: int) -> list:
    """One page of `query`, newest first by `columns` (descending), read from the seek key on."""
    if seek.before is not None:
        # The previous page: the `per_page` rows just above the key, read upwards, then turned round.
        rows = db.session.execute(
            query.where(tuple_(*columns) > _key(columns, seek.before))
            .order_by(*(c.asc() for c in columns)).limit(per_page)
        ).all()
        return rows[::-1]
    ordered = query.order_by(*(c.desc() for c in columns)).limit(per_page)
    if seek.after is not None:
        return db.session.execute(ordered.where(tuple_(*columns) < _key(columns, seek.after))).all()
    return db.session.execute(ordered.offset((seek.page - 1) * per_page)).all()


def capped_count(query: Select, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows `query` has, reading at most `cap` + 1: (count, exact); inexact means more than `cap`."""
    n = db.session.scalar(select(func.count()).select_from(query.order_by(None).limit(cap + 1).subquery()))
    return (n, True) if n <= cap else (cap, False)


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Numbers and cursors of one page, for the pager: newer/older links carry the neighbour key."""

    page: int
    pages: int
    total: int
    exact: bool
    newer: str | None  # cursor of the first row shown (the previous page ends before it)
    older: str | None  # cursor of the last row shown (the next page starts after it)

    @property
    def has_newer(self) -> bool:
        return self.page > 1

    @property
    def has_older(self) -> bool:
        return self.older is not None and (self.page < self.pages or not self.exact)

    def newer_args(self) -> dict:
        return {"page": self.page - 1, "before": self.newer}

    def older_args(self) -> dict:
        return {"page": self.page + 1, "after": self.older}


def page_links(seek: Seek, keys: list[tuple], total: int, per_page: int, exact: bool = True) -> PageLinks:
    """The pager of a page whose rows have sort `keys` (in shown order)."""
    pages = max(1, -(-total // per_page))
    if not exact:
        pages = max(pages, seek.page)
    return PageLinks(seek.page, pages, total, exact,
                     encode_key(keys[0]) if keys else None,
                     encode_key(keys[-1]) if keys and len(keys) == per_page else None)
