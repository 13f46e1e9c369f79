"""Recording revisions: every write path calls `record` in the same transaction as its change.

We write explicit revision records from the operations layer rather than using
SQLAlchemy-Continuum or its fork sqlalchemy-history. Those capture changes from session flush
events into a shadow version table per model (a full row copy per change) plus a
transaction table; a reason, or the label of a command run without a user, fits only as untyped
TransactionMeta key/values; and nothing in them is tamper-evident: version rows are ordinary
writable rows. The hash chain has to be ours anyway, appended in the same transaction and
serialised with the change, so the write path calls audit code regardless; one explicit
`record` call next to each change, with field-level before/after and the claim/article it
belongs to (for one-query timelines), is easier to read and to trust than tracking hidden in
flush events.
"""
from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.attributes import manager_of_class

from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history.models import Revision


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a user, or a command run without one (label only)."""

    id: int | None
    label: str

    @classmethod
    def of(cls, user: Any) -> Actor:
        """The actor for a logged-in user, labelled by email."""
        return cls(user.id, user.email)

    @classmethod
    def for_command(cls, command: str) -> Actor:
        """The actor for a command run without a logged-in user, labelled by command and system user."""
        return cls(None, f"command: workbench {command} (run by {getpass.getuser()})")


def jsonable(value: Any) -> Any:
    """A value as it is stored in a revision (dates as ISO strings)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, list]:
    """Changes describing the creation of `obj`: every field from None to its value."""
    return {f: [None, jsonable(getattr(obj, f))] for f in fields if getattr(obj, f) is not None}


def removal(obj: Any, fields: tuple[str, ...]) -> dict[str, list]:
    """Changes describing the hard deletion of `obj`: every field from its value to None."""
    return {f: [jsonable(getattr(obj, f)), None] for f in fields if getattr(obj, f) is not None}


def apply_changes(obj: Any, data: dict[str, Any]) -> dict[str, list]:
    """Set the fields of `obj` from `data`; return {field: [old, new]} of what really changed."""
    changes: dict[str, list] = {}
    for field, new in data.items():
        old = getattr(obj, field)
        if old != new:
            changes[field] = [jsonable(old), jsonable(new)]
            setattr(obj, field, new)
    return changes


# Built once: json.dumps with options other than its defaults builds a new encoder on every call.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_CHANGES_JSON = json.JSONEncoder(ensure_ascii=False).encode


def _canonical_text(rev: Any) -> str:
    content = {
        "id": rev.id,
        # In UTC whatever the connection's time zone: PostgreSQL returns timestamptz in the
        # session's zone, and the hash must not depend on it.
        "created_at": rev.created_at.astimezone(UTC).isoformat(),
        "actor_id": rev.actor_id,
        "actor_label": rev.actor_label,
        "action": rev.action,
        "entity_type": rev.entity_type,
        "entity_id": rev.entity_id,
        "claim_id": rev.claim_id,
        "article_id": rev.article_id,
        "changes": rev.changes,
        "reason": rev.reason,
        "prev_hash": rev.prev_hash,
    }
    return _CANONICAL_JSON(content)


def canonical_content(rev: Any) -> bytes:
    """The bytes a revision's hash covers (everything but the hash itself); `rev` is any object with its fields."""
    return _canonical_text(rev).encode()


def revision_hash(rev: Any) -> str:
    """The chain hash of `rev`: SHA-256 over its canonical content, which includes the previous hash."""
    return hashlib.sha256(canonical_content(rev)).hexdigest()


# The chain position inside the canonical content: keys are sorted, so "id" and "prev_hash"
# are neighbours, and the top-level pair is the last one ("changes" sorts before "id", and a
# string value cannot contain this unescaped).
_POSITION_PLACEHOLDER = '"id":0,"prev_hash":""'


def canonical_parts(row: dict[str, Any]) -> tuple[str, str]:
    """The canonical content of `row` around its chain position: (text before the id, text after the previous hash).

    The append statements hash before + id + ',"prev_hash":"' + previous hash + after in SQL,
    which equals canonical_content of the finished row.
    """
    text = _canonical_text(SimpleNamespace(**row, id=0, prev_hash=""))
    at = text.rindex(_POSITION_PLACEHOLDER)
    return text[:at] + '"id":', '"' + text[at + len(_POSITION_PLACEHOLDER):]


_REVISIONS = Revision.__table__
_INSERT = insert(_REVISIONS)
_REVISION_MANAGER = manager_of_class(Revision)

# Appending starts with one UPDATE of the chain head row. It takes the append lock (concurrent
# appenders queue on the row), moves the head to the new revision and hashes that revision in
# SQL from the previous hash the head holds. Every value comes from the head row itself, which
# an UPDATE reads in its newest committed version once it has the lock; reading the previous
# hash from the revisions table in the same statement would see the snapshot taken before the
# wait (PostgreSQL, read committed) and fork the chain.
_ADVANCE_HEAD_SQLITE = text(
    "UPDATE revision_chain_head SET last_id = last_id + 1, last_prev_hash = last_hash, "
    "last_hash = sha256_hex(:before || (last_id + 1) || ',\"prev_hash\":\"' || last_hash || :after) "
    "WHERE id = 1 RETURNING last_id, last_prev_hash, last_hash"
)
# On PostgreSQL the insert rides in the same statement: one round trip and no procedural code
# (a PL/pgSQL function doing the same in three statements cost about 0.05 ms more a revision).
_APPEND_POSTGRESQL = text(
    "WITH head AS ("
    "UPDATE revision_chain_head SET last_id = last_id + 1, last_prev_hash = last_hash, "
    "last_hash = encode(sha256(convert_to("
    ":before || CAST(last_id + 1 AS text) || ',\"prev_hash\":\"' || last_hash || :after, 'UTF8')), 'hex') "
    "WHERE id = 1 RETURNING last_id, last_prev_hash, last_hash) "
    "INSERT INTO revisions (id, created_at, actor_id, actor_label, action, entity_type, entity_id, claim_id, "
    "article_id, changes, reason, prev_hash, hash) "
    "SELECT last_id, :created_at, :actor_id, :actor_label, :action, :entity_type, :entity_id, :claim_id, "
    ":article_id, CAST(:changes AS json), :reason, last_prev_hash, last_hash FROM head "
    "RETURNING id, prev_hash, hash"
)


@dataclass(frozen=True, slots=True)
class _DriverStatement:
    """An append statement compiled once by SQLAlchemy for a dialect, to run on the driver's cursor."""

    sql: str
    keys: tuple[str, ...] | None  # parameter order for positional paramstyles; None for named ones
    processors: tuple[Callable[[Any], Any] | None, ...] | None = None  # bind processors, by key

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """The driver's parameters taken from `values`."""
        if self.keys is None:
            return values
        if self.processors is None:
            return tuple(values[k] for k in self.keys)
        pairs = zip(self.keys, self.processors, strict=True)
        return tuple(process(values[k]) if process else values[k] for k, process in pairs)


_DRIVER_STATEMENTS: dict[tuple[str, str, str], _DriverStatement] = {}


def _driver_statement(name: str, dialect: Dialect) -> _DriverStatement:
    """Append statement `name` ("advance_head", "insert" or "append") for `dialect`, compiled on first use."""
    key = (name, dialect.name, dialect.paramstyle)
    found = _DRIVER_STATEMENTS.get(key)
    if found is None:
        if name == "insert":
            # Values go through the columns' own bind processors (dates, JSON), as in SQLAlchemy.
            compiled = _INSERT.compile(dialect=dialect, column_keys=[c.key for c in _REVISIONS.columns])
            keys = tuple(compiled.positiontup or ())
            processors = tuple(_REVISIONS.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys)
            found = _DriverStatement(compiled.string, keys, processors)
        else:
            # Plain values the driver adapts itself (text, ids, an aware datetime, JSON as text).
            compiled = (_ADVANCE_HEAD_SQLITE if name == "advance_head" else _APPEND_POSTGRESQL).compile(dialect=dialect)
            found = _DriverStatement(compiled.string, tuple(compiled.positiontup) if compiled.positiontup else None)
        _DRIVER_STATEMENTS[key] = found
    return found


# Both append paths run SQLAlchemy's own compilations on the driver's cursor: SQLAlchemy's
# per-statement Python work (events, result set-up) cost about as much as the statements
# themselves on this hot path (see bench/revisions_cost.py). Driver errors are re-raised as
# SQLAlchemy's (IntegrityError, OperationalError), which callers handle as for any statement.


def _append_sqlite(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Advance the head (which hashes `row`), then insert `row`: two statements on the driver."""
    dialect = conn.dialect
    advance, insert_row = _driver_statement("advance_head", dialect), _driver_statement("insert", dialect)
    before, after = canonical_parts(row)
    driver_error = dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    statement, params = advance.sql, advance.params({"before": before, "after": after})
    try:
        new_id, prev_hash, new_hash = cursor.execute(statement, params).fetchone()
        row.update(id=new_id, prev_hash=prev_hash, hash=new_hash)
        statement, params = insert_row.sql, insert_row.params(row)
        cursor.execute(statement, params)
    except driver_error as exc:
        raise DBAPIError.instance(statement, params, exc, driver_error, dialect=dialect) from exc
    finally:
        cursor.close()
    return row


def _append_postgresql(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Advance the head (which hashes `row`) and insert `row` in one statement on the driver."""
    # psycopg prepares the statement itself once it has run a few times on a connection.
    dialect = conn.dialect
    append = _driver_statement("append", dialect)
    before, after = canonical_parts(row)
    values = {**row, "changes": _CHANGES_JSON(row["changes"]), "before": before, "after": after}
    statement, params = append.sql, append.params(values)
    driver_error = dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement, params)
        new_id, prev_hash, new_hash = cursor.fetchone()
    except driver_error as exc:
        raise DBAPIError.instance(statement, params, exc, driver_error, dialect=dialect) from exc
    finally:
        cursor.close()
    row.update(id=new_id, prev_hash=prev_hash, hash=new_hash)
    return row


def _append_sqlite_public(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """The same two statements through SQLAlchemy's public Connection.execute (compiled once, cached)."""
    before, after = canonical_parts(row)
    new_id, prev_hash, new_hash = conn.execute(_ADVANCE_HEAD_SQLITE, {"before": before, "after": after}).one()
    row.update(id=new_id, prev_hash=prev_hash, hash=new_hash)
    conn.execute(_INSERT, row)
    return row


def _append_postgresql_public(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """The same one statement through SQLAlchemy's public Connection.execute (compiled once, cached)."""
    before, after = canonical_parts(row)
    values = {**row, "changes": _CHANGES_JSON(row["changes"]), "before": before, "after": after}
    new_id, prev_hash, new_hash = conn.execute(_APPEND_POSTGRESQL, values).one()
    row.update(id=new_id, prev_hash=prev_hash, hash=new_hash)
    return row


# Which append path `record` takes: "driver" (the statements on the driver's cursor) or "public"
# (Connection.execute). bench/revisions_cost.py measures both in one run; see its figures in
# bench/README.md for why the default is what it is.
APPEND_PATHS = {
    "driver": {"sqlite": _append_sqlite, "postgresql": _append_postgresql},
    "public": {"sqlite": _append_sqlite_public, "postgresql": _append_postgresql_public},
}
append_path = "driver"


def record(
    action: str,
    entity_type: str,
    entity_id: int,
    changes: dict[str, list],
    actor: Actor,
    *,
    claim_id: int | None = None,
    article_id: int | None = None,
    reason: str | None = None,
) -> Revision:
    """Append one revision to the chain, in the caller's transaction.

    Returns the revision as a transient object: its row is already written, so do not add it
    to a session. Inside `batched_appends()` the row is written when the batch ends, and the
    returned revision has no id or hash yet.
    """
    # Pending changes reach the database first, as an ORM statement's autoflush would do.
    if _PENDING.get() is None:
        db.session.flush()
    row = {
        "created_at": utc_now(),
        "actor_id": actor.id,
        "actor_label": actor.label,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "claim_id": claim_id,
        "article_id": article_id,
        "changes": jsonable(changes),
        "reason": reason or None,
    }
    pending = _PENDING.get()
    if pending is not None:
        # Inside batched_appends(): the row is chained and written when the batch ends.
        pending.append(row)
        return _transient(row)
    # Statements on the session's own connection (same transaction): the ORM's unit-of-work
    # machinery would cost more than the writes themselves on this hot path.
    conn = db.session.connection()
    append = APPEND_PATHS[append_path]["sqlite" if conn.dialect.name == "sqlite" else "postgresql"]
    row = append(conn, row)
    return _transient(row)


def _transient(row: dict[str, Any]) -> Revision:
    if not _REVISION_MANAGER.mapper.configured:
        # new_instance does not configure the mappers as a query would; until they are, the
        # instance's attributes cannot even be read (a command's first write, say).
        configure_mappers()
    rev = _REVISION_MANAGER.new_instance()
    rev.__dict__.update(row)
    return rev


# Revisions recorded inside batched_appends(), waiting to be chained; None outside a batch.
_PENDING: ContextVar[list[dict[str, Any]] | None] = ContextVar("pending_revisions", default=None)
# Takes the append lock (the head row) and reads the chain position, changing nothing.
_LOCK_HEAD = text("UPDATE revision_chain_head SET last_id = last_id WHERE id = 1 RETURNING last_id, last_hash")
_MOVE_HEAD = text("UPDATE revision_chain_head SET last_id = :last_id, last_prev_hash = :last_prev_hash, "
                  "last_hash = :last_hash WHERE id = 1")


@contextmanager
def batched_appends() -> Iterator[None]:
    """Revisions recorded inside are appended together when the block ends, in the caller's transaction.

    One head update takes the append lock and gives the chain position; the rows are hashed in
    Python (the same canonical content and SHA-256 as the statements of `record`) and inserted
    in one executemany; a second head update moves the head past them. Used by bulk imports,
    where one statement pair per revision cost more than the rows themselves. If the block
    raises, nothing is appended (the caller rolls its transaction back).
    """
    if _PENDING.get() is not None:
        yield  # already batching: the outer block appends
        return
    token = _PENDING.set([])
    try:
        yield
        rows = _PENDING.get()
        _PENDING.set(None)
        if rows:
            db.session.flush()
            append_many(db.session.connection(), rows)
    finally:
        _PENDING.reset(token)


def pending_mark() -> int:
    """How many revisions wait in the current batch (0 outside one); see `discard_pending`."""
    pending = _PENDING.get()
    return len(pending) if pending is not None else 0


def discard_pending(mark: int) -> None:
    """Forget the revisions of the current batch recorded since `pending_mark()` gave `mark` (a savepoint undone)."""
    pending = _PENDING.get()
    if pending is not None:
        del pending[mark:]


def append_many(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Chain and insert `rows` (as built by `record`) after the head, in the connection's transaction."""
    last_id, last_hash = conn.execute(_LOCK_HEAD).one()
    prev_of_last = last_hash
    for row in rows:
        before, after = canonical_parts(row)
        last_id += 1
        new_hash = hashlib.sha256(
            (before + str(last_id) + ',"prev_hash":"' + last_hash + after).encode()).hexdigest()
        row.update(id=last_id, prev_hash=last_hash, hash=new_hash)
        prev_of_last, last_hash = last_hash, new_hash
    conn.execute(_INSERT, rows)
    conn.execute(_MOVE_HEAD, {"last_id": last_id, "last_prev_hash": prev_of_last, "last_hash": last_hash})
    return rows
