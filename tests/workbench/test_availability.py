"""Availability: page views never wait for SQLite's write lock, the engine runs outside the write
transaction, and a request the database is too busy for is a 503 page, not a 500."""
from __future__ import annotations

import io
import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import IsolatedClient, login
from tests.factories import ENGLISH
from workbench.app import create_app
from workbench.articles import operations, preparing, reextraction
from workbench.articles.models import Article
from workbench.extensions import db


@pytest.fixture
def quick_app(database_url):
    """The app with a short busy timeout, so a request that waits for the lock gives up soon."""
    app = create_app("test", DATABASE_URL=database_url, SQLITE_BUSY_TIMEOUT_MS=300)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def sqlite_path(app) -> str | None:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    return url.database if url.get_backend_name() == "sqlite" else None


@contextmanager
def write_lock_held(path: str):
    """Another process's writer holding SQLite's write lock (a long import, say)."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def can_take_write_lock(path: str) -> bool:
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def imported_article(app) -> int:
    result = operations.import_bytes("expo.txt", ENGLISH.encode(), operations.Actor(None, "tests"),
                                     threshold=0.5, max_bytes=5 * 1024 * 1024)
    assert result.status == "imported", result.message
    return result.article_id


def test_page_views_read_beside_a_writer_holding_the_lock(quick_app, make_user):
    path = sqlite_path(quick_app)
    if path is None:
        pytest.skip("SQLite's write lock")
    article_id = imported_article(quick_app)
    client = quick_app.test_client()
    assert login(client, make_user("reviewer")).status_code == 302
    with write_lock_held(path):
        for url in ("/", f"/articles/{article_id}", "/flags"):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)


def test_a_post_the_database_is_too_busy_for_is_a_503_page(quick_app, make_user):
    path = sqlite_path(quick_app)
    if path is None:
        pytest.skip("SQLite's write lock")
    article_id = imported_article(quick_app)
    client = quick_app.test_client()
    assert login(client, make_user("editor")).status_code == 302
    with write_lock_held(path):
        response = client.post(f"/articles/{article_id}/delete", data={"reason": "dup", "version": 1})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert b"The workbench is busy" in response.data and b"Nothing was" in response.data
    db.session.expire_all()
    assert not db.session.get(Article, article_id).is_deleted


def watch_engine(app, monkeypatch, module) -> list[bool]:
    """Record, each time the engine runs, whether a transaction (or SQLite's write lock) is held."""
    held: list[bool] = []
    real = module.analyse

    def watching(*args, **kwargs):
        held.append(db.session().in_transaction())
        path = sqlite_path(app)
        if path is not None:
            held.append(not can_take_write_lock(path))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "analyse", watching)
    return held


def test_web_import_runs_the_engine_outside_any_transaction(app, client, login_as, monkeypatch):
    login_as("editor")
    held = watch_engine(app, monkeypatch, preparing)
    response = client.post("/articles/import", data={"file": (io.BytesIO(ENGLISH.encode()), "expo.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.data
    assert held and not any(held), held


def test_reextraction_runs_the_engine_outside_any_transaction(app, client, login_as, monkeypatch):
    article_id = imported_article(app)
    login_as("editor")
    held = watch_engine(app, monkeypatch, reextraction)
    response = client.post(f"/articles/{article_id}/reextract")
    assert response.status_code == 302, response.data
    assert held and not any(held), held


def test_an_article_beyond_the_engine_limits_is_refused_with_the_limit_named(app, client, login_as, monkeypatch):
    from claims import limits

    monkeypatch.setattr(limits, "MAX_SENTENCES", 3)
    login_as("editor")
    response = client.post("/articles/import", data={"file": (io.BytesIO(ENGLISH.encode()), "expo.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert b"sentences; the claim engine takes at most 3 per article" in response.data
    assert db.session.scalar(db.select(db.func.count()).select_from(Article)) == 0
