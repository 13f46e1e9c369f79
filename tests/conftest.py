"""Fixtures shared by the workbench tests: app, client, runner, users, a fresh database per test."""
from __future__ import annotations

import contextvars
import re
from collections.abc import Callable

import pytest
from flask import has_app_context
from flask.testing import FlaskClient, FlaskCliRunner

from tests.workbench.databases import PostgresDatabases, SQLiteDatabases, server_url
from workbench.app import create_app
from workbench.auth.operations import create_user
from workbench.extensions import db
from workbench.history.recording import Actor

PASSWORD = "correct horse battery staple"
TEST_ACTOR = Actor(None, "tests")


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    url = server_url()
    dbs = PostgresDatabases(url) if url else SQLiteDatabases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.close()


@pytest.fixture
def database_url(databases):
    url = databases.fresh()
    yield url
    databases.drop(url)


def _end_test_transaction() -> None:
    # The test's own session must not hold a transaction (and on SQLite the write lock) while a
    # request or command runs; committing also expires its objects so the test reads fresh state.
    if has_app_context():
        db.session.commit()


class IsolatedClient(FlaskClient):
    """A test client whose requests run in their own app context, as in production.

    Without this, requests would reuse the test's app context: `g` (the logged-in user) and the
    database session would leak from one request, and one client, to the next.
    """

    def open(self, *args, **kwargs):
        _end_test_transaction()
        return contextvars.Context().run(super().open, *args, **kwargs)


class IsolatedCliRunner(FlaskCliRunner):
    def invoke(self, *args, **kwargs):
        _end_test_transaction()
        return contextvars.Context().run(super().invoke, *args, **kwargs)


@pytest.fixture
def app(request, database_url):
    """The app on a fresh database; tests marked `csrf` get CSRF protection on, as in production."""
    overrides = {"WTF_CSRF_ENABLED": True} if request.node.get_closest_marker("csrf") else {}
    app = create_app("test", DATABASE_URL=database_url, **overrides)
    app.test_client_class = IsolatedClient
    app.test_cli_runner_class = IsolatedCliRunner
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app) -> Callable:
    """Create and commit a user with the test password."""

    def make(role: str = "reviewer", email: str | None = None):
        user = create_user(email or f"{role}-{make.n}@example.org", PASSWORD, role, TEST_ACTOR)
        make.n += 1
        db.session.commit()
        return user

    make.n = 0
    return make


def login(client, user, password: str = PASSWORD):
    """Log `client` in as `user` (CSRF off); returns the response."""
    return client.post("/login", data={"email": user.email, "password": password})


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def login_as(client, make_user) -> Callable:
    """Create a user of `role` and log the test client in as them."""

    def do(role: str = "reviewer"):
        user = make_user(role)
        response = login(client, user)
        assert response.status_code == 302, response.data
        return user

    return do
