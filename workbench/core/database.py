"""Database URL resolution and SQLite connection settings."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

# Execution option of a read-only transaction that must see one consistent state (an export).
# On SQLite it begins deferred: in WAL mode such a reader keeps the snapshot of its first read
# without taking the write lock, so editors are not kept waiting behind a long export.
SNAPSHOT_READ = "workbench_snapshot_read"
# HTTP methods that only read: their transactions never take SQLite's write lock.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def begin_statement(snapshot_read: bool) -> str:
    """How a SQLite transaction begins: deferred for reads, IMMEDIATE where the work writes.

    A page view (GET) only reads, so it begins deferred: in WAL mode it reads its snapshot
    beside a writer and never waits for, or holds, the write lock. A form post or a command
    writes, so it begins IMMEDIATE: it queues for the lock at its first query instead of
    failing half-way when it upgrades a read to a write after another writer committed.
    """
    if snapshot_read:
        return "BEGIN"
    if has_request_context() and request.method in READ_METHODS:
        return "BEGIN"
    return "BEGIN IMMEDIATE"


def database_url(configured: str, instance_path: str) -> str:
    """The configured URL, or a SQLite file in the instance folder."""
    if configured:
        return configured
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'workbench.sqlite'}"


def sha256_hex(text: str) -> str:
    """SHA-256 of `text` (UTF-8) in hex, as PostgreSQL's encode(sha256(convert_to(text, 'UTF8')), 'hex')."""
    return hashlib.sha256(text.encode()).hexdigest()


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """Foreign keys on, WAL journal, a busy timeout and sha256_hex() on every SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite's own transaction handling defers BEGIN until the first write; we issue
        # BEGIN ourselves (see begin_statement): IMMEDIATE where the work writes, so a
        # transaction that read a row holds the write lock before it writes and concurrent
        # editors queue instead of failing half-way; deferred for page views, which read only.
        dbapi_connection.isolation_level = None
        # The revision append hashes in SQL on both databases (see history/recording.py).
        dbapi_connection.create_function("sha256_hex", 1, sha256_hex, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql(begin_statement(bool(conn.get_execution_options().get(SNAPSHOT_READ))))
