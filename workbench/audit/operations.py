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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.attributes import manager_of_class

from workbench.audit.models import GENESIS_HASH, ChainHead, Revision
from workbench.core.models import utc_now
from workbench.extensions import db


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


def canonical_content(rev: Any) -> bytes:
    """The bytes a revision's hash covers (everything but the hash itself); `rev` is any object with its fields."""
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
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def revision_hash(rev: Any) -> str:
    """The chain hash of `rev`: SHA-256 over its canonical content, which includes the previous hash."""
    return hashlib.sha256(canonical_content(rev)).hexdigest()


_HEAD = ChainHead.__table__
_REVISIONS = Revision.__table__
# Built once: constructing statements costs more than running them on this hot path.
_NEXT_ID = update(_HEAD).where(_HEAD.c.id == 1).values(last_id=_HEAD.c.last_id + 1).returning(_HEAD.c.last_id)
_NEXT_ID_AND_HASH = _NEXT_ID.returning(
    select(_REVISIONS.c.hash).where(_REVISIONS.c.id == _HEAD.c.last_id - 1).scalar_subquery()
)
_INSERT = insert(_REVISIONS)
_REVISION_MANAGER = manager_of_class(Revision)


@dataclass(frozen=True, slots=True)
class _DriverStatements:
    """The two SQLite append statements, compiled once by SQLAlchemy and run on the driver's cursor."""

    next_id_and_hash: str
    next_id_params: tuple[Any, ...]
    insert: str
    insert_keys: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]


_DRIVER_STATEMENTS: dict[tuple[str, str], _DriverStatements] = {}


def _driver_statements(dialect: Dialect) -> _DriverStatements:
    """SQL text and the columns' own bind processors (dates, JSON) for `dialect`, built on first use."""
    key = (dialect.name, dialect.paramstyle)
    found = _DRIVER_STATEMENTS.get(key)
    if found is None:
        head = _NEXT_ID_AND_HASH.compile(dialect=dialect)
        head_params = tuple(head.params[name] for name in head.positiontup)
        insert_sql = _INSERT.compile(dialect=dialect, column_keys=[c.key for c in _REVISIONS.columns])
        keys = tuple(insert_sql.positiontup)
        processors = tuple(_REVISIONS.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys)
        found = _DriverStatements(head.string, head_params, insert_sql.string, keys, processors)
        _DRIVER_STATEMENTS[key] = found
    return found


def _append_sqlite(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Take the next id and previous hash, hash and insert `row`: two statements on the driver."""
    # SQLite transactions start with the write lock (BEGIN IMMEDIATE, see core/database.py), so
    # everything read is current: the previous hash comes back with the new id in one statement.
    # The statements are SQLAlchemy's own compilations, values go through the columns' own bind
    # processors; only the per-statement Python overhead is skipped, which is most of the cost
    # of a revision on SQLite (see bench/revisions_cost.py).
    statements = _driver_statements(conn.dialect)
    driver_error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    statement, params = statements.next_id_and_hash, statements.next_id_params
    try:
        new_id, prev_hash = cursor.execute(statement, params).fetchone()
        row.update(id=new_id, prev_hash=prev_hash if new_id > 1 else GENESIS_HASH)
        row["hash"] = revision_hash(SimpleNamespace(**row))
        pairs = zip(statements.insert_keys, statements.processors, strict=True)
        statement, params = statements.insert, tuple(process(row[k]) if process else row[k] for k, process in pairs)
        cursor.execute(statement, params)
    except driver_error as exc:
        # Callers handle SQLAlchemy's exceptions (IntegrityError, OperationalError), as for
        # any statement run through it.
        raise DBAPIError.instance(statement, params, exc, driver_error, dialect=conn.dialect) from exc
    finally:
        cursor.close()
    return row


# The chain position inside the canonical content: keys are sorted, so "id" and "prev_hash"
# are neighbours, and the top-level pair is the last one ("changes" sorts before "id", and a
# string value cannot contain this unescaped).
_POSITION_PLACEHOLDER = '"id":0,"prev_hash":""'


def canonical_parts(row: dict[str, Any]) -> tuple[str, str]:
    """The canonical content of `row` around its chain position: (text before the id, text after the previous hash).

    The database function append_revision (PostgreSQL) hashes
    before + id + ',"prev_hash":"' + previous hash + after, which equals canonical_content of the
    finished row.
    """
    text = canonical_content(SimpleNamespace(**row, id=0, prev_hash="")).decode()
    at = text.rindex(_POSITION_PLACEHOLDER)
    return text[:at] + '"id":', '"' + text[at + len(_POSITION_PLACEHOLDER):]


_APPEND_POSTGRESQL = text(
    "SELECT new_id, prev_hash, new_hash FROM append_revision(:created_at, :actor_id, :actor_label, :action, "
    ":entity_type, :entity_id, :claim_id, :article_id, CAST(:changes AS json), :reason, :before, :after)"
)
_APPEND_POSTGRESQL_SQL: dict[tuple[str, str], str] = {}


def _append_postgresql(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Append `row` in one round trip through the append_revision database function, on the driver's cursor."""
    # The function (see migrations) takes the head row's lock, reads the previous hash in a
    # fresh snapshot, hashes and inserts: concurrent appends queue on the lock instead of forking
    # the chain, and the three steps cost one round trip instead of three. As on SQLite, the
    # statement is SQLAlchemy's own compilation run on the driver's cursor: SQLAlchemy's
    # per-statement work (events, result set-up) cost about as much as the round trip itself.
    # The parameters need no bind processing (plain values, the JSON as text cast in SQL), and
    # psycopg prepares the statement itself once it has run a few times on a connection.
    dialect = conn.dialect
    key = (dialect.name, dialect.paramstyle)
    statement = _APPEND_POSTGRESQL_SQL.get(key)
    if statement is None:
        statement = _APPEND_POSTGRESQL_SQL[key] = _APPEND_POSTGRESQL.compile(dialect=dialect).string
    before, after = canonical_parts(row)
    params = {**row, "changes": json.dumps(row["changes"], ensure_ascii=False), "before": before, "after": after}
    driver_error = dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement, params)
        new_id, prev_hash, new_hash = cursor.fetchone()
    except driver_error as exc:
        # Callers handle SQLAlchemy's exceptions (IntegrityError, OperationalError), as for
        # any statement run through it.
        raise DBAPIError.instance(statement, params, exc, driver_error, dialect=dialect) from exc
    finally:
        cursor.close()
    row.update(id=new_id, prev_hash=prev_hash, hash=new_hash)
    return row


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
    to a session.
    """
    # Pending changes reach the database first, as an ORM statement's autoflush would do.
    db.session.flush()
    # Statements on the session's own connection (same transaction): the ORM's unit-of-work
    # machinery would cost more than the writes themselves on this hot path.
    conn = db.session.connection()
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
    row = _append_sqlite(conn, row) if conn.dialect.name == "sqlite" else _append_postgresql(conn, row)
    rev = _REVISION_MANAGER.new_instance()
    rev.__dict__.update(row)
    return rev
