"""Test databases: one migrated template per run, a fresh copy of it per test.

WORKBENCH_TEST_DATABASE_URL picks PostgreSQL (a server URL such as
postgresql+psycopg://postgres@127.0.0.1:5433/postgres); without it the tests use SQLite files.
"""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workbench.app import create_app
from workbench.extensions import db

_counter = itertools.count()


def server_url() -> str | None:
    return os.environ.get("WORKBENCH_TEST_DATABASE_URL") or None


def migrate_to_head(url: str) -> None:
    app = create_app("test", DATABASE_URL=url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


class SQLiteDatabases:
    """Template file migrated once; each test gets a copy."""

    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.sqlite"
        migrate_to_head(f"sqlite:///{self.template}")

    def empty(self) -> str:
        return f"sqlite:///{self.folder / f'empty-{next(_counter)}.sqlite'}"

    def fresh(self) -> str:
        path = self.folder / f"test-{next(_counter)}.sqlite"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        path = Path(make_url(url).database)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresDatabases:
    """Template database migrated once; each test gets CREATE DATABASE ... TEMPLATE."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        self.server = make_url(url)
        self.admin = create_engine(self.server, isolation_level="AUTOCOMMIT")
        self.prefix = f"wbtest_{uuid.uuid4().hex[:8]}"
        self.template = f"{self.prefix}_template"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.template}"'))
        migrate_to_head(self._url(self.template))

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _create(self, template: str | None) -> str:
        name = f"{self.prefix}_{next(_counter)}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self._url(name)

    def empty(self) -> str:
        return self._create(None)

    def fresh(self) -> str:
        return self._create(self.template)

    def drop(self, url: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))

    def close(self) -> None:
        self.drop(self._url(self.template))
        self.admin.dispose()
