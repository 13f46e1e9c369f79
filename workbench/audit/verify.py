"""Chain verification: recompute every revision's hash and link, streaming in id order.

A revision edited, deleted, inserted or reordered directly in the database breaks at least
one of: contiguous ids 1..N, each prev_hash equal to the previous hash, each hash equal to the
hash of its content, the head row's last_id equal to N and its hashes equal to revision N's.
Rows are read in keyset batches of plain Core rows (no ORM identity map), so memory stays flat
however long the chain is. A row edited into something its columns cannot be decoded from (text
that is not JSON, a time that is no time) is reported as the revision it is, not as a traceback.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import DataError

from workbench.history.models import GENESIS_HASH, ChainHead, Revision
from workbench.history.recording import revision_hash

DEFAULT_BATCH_SIZE = 5000
_REVISIONS = Revision.__table__
# What reading a tampered row raises: SQLAlchemy's decoding of stored text on SQLite (JSON,
# datetimes) raises ValueError or TypeError; the driver's on PostgreSQL (a timestamp such as
# 'infinity' that Python cannot hold) raises DataError.
_UNREADABLE = (ValueError, TypeError, DataError)


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of a verification: ok, how many revisions were checked, the head, the first problem."""

    ok: bool
    count: int
    head_id: int
    head_hash: str
    problem: str | None = None

    def summary(self) -> str:
        """One line for people: the count and head hash, or the first problem found."""
        if self.ok:
            return f"chain intact: {self.count} revisions, head {self.head_id} {self.head_hash}"
        return f"chain BROKEN: {self.problem} ({self.count} revisions checked before it)"


@dataclass(frozen=True, slots=True)
class UnreadableRow:
    """A revision row that is stored but cannot be read back: which one, and what in it is unreadable."""

    id: int
    problem: str


def iter_revision_rows(
    conn: Connection, upto: int, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Row | UnreadableRow]:
    """Revision rows with id <= `upto` in id order, fetched in keyset batches of short transactions;
    a row that cannot be decoded comes as an UnreadableRow in its place."""
    last_id: int | None = None
    while True:
        try:
            rows = _read_batch(conn, upto, last_id, batch_size)
        finally:
            # End the read transaction between batches: on SQLite every transaction holds the write
            # lock (BEGIN IMMEDIATE), and appends must not wait for a whole verification.
            conn.rollback()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def _batch(query: Select, upto: int, last_id: int | None, batch_size: int) -> Select:
    query = query.where(_REVISIONS.c.id <= upto).order_by(_REVISIONS.c.id).limit(batch_size)
    # No lower bound on the first batch: a row forged with id 0 or below must be seen too.
    return query if last_id is None else query.where(_REVISIONS.c.id > last_id)


def _read_batch(conn: Connection, upto: int, last_id: int | None, batch_size: int) -> list[Row | UnreadableRow]:
    try:
        return list(conn.execute(_batch(select(_REVISIONS), upto, last_id, batch_size)).all())
    except _UNREADABLE:
        # Some row of the batch cannot be decoded: read the batch again row by row to name it.
        conn.rollback()
        ids = conn.execute(_batch(select(_REVISIONS.c.id), upto, last_id, batch_size)).scalars().all()
        return [_read_row(conn, rev_id) for rev_id in ids]


def _read_row(conn: Connection, rev_id: int) -> Row | UnreadableRow:
    try:
        return conn.execute(select(_REVISIONS).where(_REVISIONS.c.id == rev_id)).one()
    except _UNREADABLE:
        conn.rollback()
        return UnreadableRow(rev_id, _unreadable_column(conn, rev_id))


def _unreadable_column(conn: Connection, rev_id: int) -> str:
    """Which column of the revision cannot be decoded, and why, in one line."""
    for column in _REVISIONS.c:
        try:
            conn.execute(select(column).where(_REVISIONS.c.id == rev_id)).one()
        except _UNREADABLE as exc:
            conn.rollback()
            return f"unreadable {column.name}: {_one_line(exc)}"
    return "unreadable"


def _one_line(exc: Exception) -> str:
    # The driver's own message, not SQLAlchemy's (which adds the SQL), and at most one short
    # line: the text comes from the tampered row and may be long or hold line breaks.
    text = str(getattr(exc, "orig", None) or exc)
    first = text.splitlines()[0] if text.strip() else type(exc).__name__
    return first if len(first) <= 200 else first[:200] + "..."


def read_head(conn: Connection) -> Row | None:
    """The chain head's last_id, last_hash and last_prev_hash (None if the head row is gone)."""
    head = conn.execute(
        select(ChainHead.last_id, ChainHead.last_hash, ChainHead.last_prev_hash).where(ChainHead.id == 1)
    ).one_or_none()
    conn.rollback()
    return head


def verify_chain(
    conn: Connection,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    anchors: dict[int, str] | None = None,
) -> VerifyResult:
    """Recompute the chain up to the head read at the start; stop at the first problem and name it.

    No long snapshot is needed while others append: the head is updated in the same transaction
    as the revision it counts, so every id up to a committed head is committed too. `anchors`
    maps revision ids to hashes recorded elsewhere (an export's chain head, say): someone who
    can write to the database could recompute every hash after an edit, but not those.
    """
    anchors = anchors or {}
    head = read_head(conn)
    if head is None:
        return VerifyResult(False, 0, 0, GENESIS_HASH, "the chain head row is missing (deleted?)")
    if not _readable_head(head):
        return VerifyResult(False, 0, 0, GENESIS_HASH, "the chain head row is unreadable (edited?)")
    expected_id = 1
    prev_hash = last_prev_hash = GENESIS_HASH
    count = 0
    for row in iter_revision_rows(conn, head.last_id, batch_size):
        problem = _check_row(row, expected_id, prev_hash)
        if not problem and row.id in anchors and anchors[row.id] != row.hash:
            problem = (f"revision {row.id}: its hash is not the anchored {anchors[row.id]} "
                       "(history rewritten and re-hashed?)")
        if problem:
            return VerifyResult(False, count, expected_id - 1, prev_hash, problem)
        prev_hash, last_prev_hash = row.hash, row.prev_hash
        expected_id += 1
        count += 1
        if progress is not None and count % batch_size == 0:
            progress(count)
    if count < head.last_id:
        problem = (f"revision {count + 1} missing (deleted?): the chain head says {head.last_id} revisions, "
                   f"the table ends at {count}")
        return VerifyResult(False, count, count, prev_hash, problem)
    if (head.last_hash, head.last_prev_hash) != (prev_hash, last_prev_hash):
        # The next append would hash from the head's values, not from the table's.
        problem = f"the chain head's hashes are not revision {count}'s (head row edited?)"
        return VerifyResult(False, count, count, prev_hash, problem)
    missing_anchor = min((rev_id for rev_id in anchors if rev_id > count), default=None)
    if missing_anchor is not None:
        problem = f"revision {missing_anchor} missing (deleted?): it is anchored but the chain ends at {count}"
        return VerifyResult(False, count, count, prev_hash, problem)
    beyond = _first_beyond_head(conn)
    if beyond is not None:
        problem = f"revision {beyond}: beyond the chain head, appended without taking it (inserted directly?)"
        return VerifyResult(False, count, count, prev_hash, problem)
    return VerifyResult(True, count, count, prev_hash)


def _first_beyond_head(conn: Connection) -> int | None:
    # The max id is read before the head: a legitimate append committed in between has moved
    # the head past its own id, so only rows written without the head are reported.
    max_id = conn.execute(select(func.max(_REVISIONS.c.id))).scalar()
    conn.rollback()
    row = read_head(conn)
    head = row.last_id if row is not None else 0
    if max_id is None or max_id <= head:
        return None
    first = conn.execute(select(func.min(_REVISIONS.c.id)).where(_REVISIONS.c.id > head)).scalar()
    conn.rollback()
    return first


def _readable_head(head: Row) -> bool:
    # SQLite keeps whatever type is written into a column: a head edited to hold text instead
    # of a number would otherwise fail comparisons further on.
    return isinstance(head.last_id, int) and isinstance(head.last_hash, str) and isinstance(head.last_prev_hash, str)


def _check_row(row: Row | UnreadableRow, expected_id: int, prev_hash: str) -> str | None:
    if row.id < expected_id:
        return f"revision {row.id}: outside the chain, which starts at 1 (inserted directly?)"
    if row.id != expected_id:
        return f"revision {expected_id} missing (deleted?): the next revision stored is {row.id}"
    if isinstance(row, UnreadableRow):
        return f"revision {row.id}: {row.problem} (edited?)"
    if row.prev_hash != prev_hash:
        return (f"revision {row.id}: its previous-hash does not match revision {row.id - 1}'s hash "
                "(inserted, reordered or replaced?)")
    try:
        content_hash = revision_hash(row)
    except (TypeError, ValueError, AttributeError) as exc:
        # Readable but not hashable: e.g. bytes written into a text column on SQLite.
        return f"revision {row.id}: content cannot be hashed: {_one_line(exc)} (edited?)"
    if content_hash != row.hash:
        return f"revision {row.id}: content does not match its hash (edited?)"
    return None
