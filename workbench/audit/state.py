"""State verification: do the current rows hold what their revision history says they hold?

The hash chain proves the history was not edited; it cannot see a row edited directly in its
table (an UPDATE of claims.text that no operation recorded). This check replays each recorded
entity's revisions (a creation lists every non-empty field, each later revision the new value of
every field it touched) and compares the fields the history speaks of with the row as stored.
A hard-deleted entity (its last revision a deletion that sets no deleted_at) must have no row.

It runs entity type by entity type as a merge of two streams in id order, both read in keyset
batches of short transactions: the revisions of that type, ordered by (entity_id, id) on the
(entity_type, entity_id) index, and the table's rows. Memory holds one batch and one entity's
state, however long the history.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.engine import Connection

from workbench.all_models import Article, Claim, ClaimValue, Evidence, Flag, FlagMember, Revision, Source, User, Verdict
from workbench.history.recording import jsonable

DEFAULT_BATCH_SIZE = 5000
# Every entity type the operations record, and the table of its rows.
RECORDED_TABLES: dict[str, Table] = {
    "article": Article.__table__, "claim": Claim.__table__, "claim_value": ClaimValue.__table__,
    "review": Verdict.__table__, "evidence": Evidence.__table__, "source": Source.__table__,
    "flag": Flag.__table__, "flag_member": FlagMember.__table__, "user": User.__table__,
}
_REVISIONS = Revision.__table__
_SHOWN = 80


@dataclass(frozen=True, slots=True)
class StateResult:
    """The outcome of a state check: ok, how many entities were compared, the first difference."""

    ok: bool
    entities: int
    problem: str | None = None

    def summary(self) -> str:
        if self.ok:
            return f"state matches history: {self.entities} entities replayed"
        return f"state DIFFERS: {self.problem} ({self.entities} entities matched before it)"


@dataclass(slots=True)
class _Replayed:
    entity_id: int
    state: dict[str, Any]
    created: bool
    gone: bool  # the last revision hard-deleted the entity
    last_revision: int


def _replay(rows: list) -> _Replayed:
    """One entity's state after its revisions (`rows` in id order), as revert's state_after reads it."""
    state: dict[str, Any] = {}
    created = False
    for row in rows:
        if row.action == "create":
            state, created = {}, True
        for field, pair in (row.changes or {}).items():
            state[field] = pair[1] if isinstance(pair, list) and len(pair) == 2 else pair
    last = rows[-1]
    gone = last.action == "delete" and state.get("deleted_at") is None
    return _Replayed(last.entity_id, state, created, gone, last.id)


def _revision_batches(conn: Connection, entity_type: str, batch_size: int) -> Iterator[list]:
    columns = (_REVISIONS.c.id, _REVISIONS.c.entity_id, _REVISIONS.c.action, _REVISIONS.c.changes)
    last: tuple[int, int] | None = None
    while True:
        query = select(*columns).where(_REVISIONS.c.entity_type == entity_type)
        if last is not None:
            query = query.where(tuple_(_REVISIONS.c.entity_id, _REVISIONS.c.id) > tuple_(*last))
        try:
            rows = conn.execute(query.order_by(_REVISIONS.c.entity_id, _REVISIONS.c.id).limit(batch_size)).all()
        finally:
            conn.rollback()  # short transactions: writers do not wait for a whole check
        if not rows:
            return
        yield rows
        last = (rows[-1].entity_id, rows[-1].id)


def _entities(conn: Connection, entity_type: str, batch_size: int) -> Iterator[_Replayed]:
    """Each recorded entity of `entity_type`, replayed, in entity id order."""
    pending: list = []
    for rows in _revision_batches(conn, entity_type, batch_size):
        for row in rows:
            if pending and row.entity_id != pending[-1].entity_id:
                yield _replay(pending)
                pending = []
            pending.append(row)
    if pending:
        yield _replay(pending)


def _rows(conn: Connection, table: Table, batch_size: int) -> Iterator[Any]:
    last: int | None = None
    while True:
        query = select(table).order_by(table.c.id).limit(batch_size)
        if last is not None:
            query = query.where(table.c.id > last)
        try:
            rows = conn.execute(query).all()
        finally:
            conn.rollback()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _same(stored: Any, current: Any) -> bool:
    if isinstance(current, datetime) and isinstance(stored, str):
        try:
            return datetime.fromisoformat(stored) == current
        except ValueError:
            return False
    if isinstance(current, date) and not isinstance(current, datetime):
        return stored == current.isoformat()
    return jsonable(current) == stored


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _difference(entity_type: str, table: Table, entity: _Replayed, row: Any | None) -> str | None:
    where = f"{entity_type} {entity.entity_id}"
    if row is None:
        if entity.gone:
            return None
        return f"{where} has a history (last revision {entity.last_revision}) but no row in {table.name}"
    if entity.gone:
        return f"{where} was deleted by revision {entity.last_revision} but its row is still in {table.name}"
    mapping = row._mapping
    for field, stored in entity.state.items():
        if field not in table.c:
            continue
        if not _same(stored, mapping[field]):
            return (f"{where} {field}: its history (last revision {entity.last_revision}) says {_shown(stored)}, "
                    f"the row holds {_shown(jsonable(mapping[field]))}")
    return None


def _check_type(conn: Connection, entity_type: str, table: Table, batch_size: int) -> tuple[int, str | None]:
    """(entities matched, first difference or None) for one entity type: a merge join by id."""
    matched = 0
    rows = _rows(conn, table, batch_size)
    row = next(rows, None)
    for entity in _entities(conn, entity_type, batch_size):
        if row is not None and row.id < entity.entity_id:
            return matched, f"{entity_type} {row.id} is in {table.name} but has no revision history"
        current = row if row is not None and row.id == entity.entity_id else None
        problem = _difference(entity_type, table, entity, current)
        if problem:
            return matched, problem
        matched += 1
        if current is not None:
            row = next(rows, None)
    if row is not None:
        return matched, f"{entity_type} {row.id} is in {table.name} but has no revision history"
    return matched, None


def verify_state(conn: Connection, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 progress: Callable[[str, int], None] | None = None) -> StateResult:
    """Replay every recorded entity's revisions and compare with its row; the first difference is named."""
    total = 0
    for entity_type, table in RECORDED_TABLES.items():
        matched, problem = _check_type(conn, entity_type, table, batch_size)
        total += matched
        if problem:
            return StateResult(False, total, problem)
        if progress is not None:
            progress(entity_type, matched)
    return StateResult(True, total)
