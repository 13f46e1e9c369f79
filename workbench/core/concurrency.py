"""Optimistic locking: edits carry the version they started from; a stale one is refused, never applied.

Two guards work together. `check_version` compares the version posted with the form to the
row's current version before anything changes (the common case: someone saved in between).
The mappers' `version_id_col` makes every UPDATE also require the version it read, so two
requests racing past the first check cannot both win; the loser's flush raises StaleDataError,
which `versioned_edit` turns into the same `StaleEdit`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm.exc import StaleDataError

from workbench.core.database import SNAPSHOT_READ
from workbench.extensions import db


class StaleEdit(Exception):
    """An edit based on an old version: someone else saved first."""

    def __init__(self, entity_type: str, entity_id: int, posted_version: int | None, current_version: int | None):
        super().__init__(f"{entity_type} {entity_id} was changed by someone else (you edited version "
                         f"{posted_version}, it is now at version {current_version})")
        self.entity_type = entity_type
        self.entity_id = entity_id
        self.posted_version = posted_version
        self.current_version = current_version


def check_version(obj: Any, entity_type: str, posted_version: int | None) -> None:
    """Refuse the edit if `posted_version` is not `obj`'s current version."""
    if posted_version is None or int(posted_version) != obj.version:
        raise StaleEdit(entity_type, obj.id, posted_version, obj.version)


@contextmanager
def committed() -> Iterator[None]:
    """One transaction: commit when the block ends, roll back on any exception (services own transactions)."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def end_transaction() -> None:
    """End what the session has read so far, before slow work that needs no database (the engine).

    On SQLite a form post's transaction holds the write lock from its first query; the engine
    must not run inside it, or every other writer waits for the engine. Nothing may be pending.
    """
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("end_transaction() with unsaved changes: they would be committed by accident")
    session.commit()


@contextmanager
def consistent_read() -> Iterator[None]:
    """A read-only transaction that sees one state of the database throughout, without holding up writers.

    On PostgreSQL it runs at REPEATABLE READ; on SQLite it begins deferred and keeps the WAL
    snapshot of its first read (see SNAPSHOT_READ). Whatever the session read before is ended
    first; unsaved changes are refused, never committed by a read (see end_transaction), and the
    snapshot is let go when the block ends.
    """
    end_transaction()
    conn = db.session.connection(execution_options={SNAPSHOT_READ: True})
    if conn.dialect.name == "postgresql":
        db.session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
    try:
        yield
    finally:
        db.session.rollback()


@contextmanager
def versioned_edit(obj: Any, entity_type: str, posted_version: int | None) -> Iterator[None]:
    """An edit of `obj` from the version the user saw, as one committed transaction.

    A version that is already stale is refused before anything changes; a concurrent save
    detected at flush or commit becomes the same `StaleEdit`, after a rollback.
    """
    entity_id = obj.id
    try:
        with committed():
            check_version(obj, entity_type, posted_version)
            yield
    except StaleDataError:
        current = db.session.get(type(obj), entity_id)
        raise StaleEdit(entity_type, entity_id, posted_version, current.version if current else None) from None
