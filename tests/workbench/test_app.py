"""Configuration, login, CSRF and role checks."""
from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, csrf_token_from, login
from workbench.app import create_app
from workbench.settings import config


def test_environment_overrides_settings(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "7")
    monkeypatch.setenv("WORKBENCH_CLAIM_THRESHOLD", "0.7")
    settings = config.settings_from(config.DevelopmentConfig)
    assert settings["MAX_UPLOAD_MB"] == 7
    assert settings["CLAIM_THRESHOLD"] == 0.7


def test_unknown_setting_is_warned_about(monkeypatch):
    monkeypatch.setenv("WORKBENCH_NO_SUCH_THING", "1")
    with pytest.warns(UserWarning, match="WORKBENCH_NO_SUCH_THING"):
        config.settings_from(config.DevelopmentConfig)


def test_bad_setting_value_stops_with_one_line(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "lots")
    with pytest.raises(SystemExit, match="WORKBENCH_MAX_UPLOAD_MB"):
        config.settings_from(config.DevelopmentConfig)


def test_production_refuses_development_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBENCH_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="WORKBENCH_SECRET_KEY"):
        create_app("production", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite'}")


def test_production_starts_with_a_real_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_SECRET_KEY", "a-real-secret-from-the-environment")
    app = create_app("production", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert app.config["SECRET_KEY"] == "a-real-secret-from-the-environment"


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(app):
    from workbench.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_pages_need_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_login_and_logout(client, make_user):
    user = make_user("reviewer")
    response = login(client, user)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused(client, make_user):
    user = make_user("reviewer")
    response = login(client, user, password="not the password")
    assert response.status_code == 401
    assert b"Wrong email or password" in response.data
    assert client.get("/").status_code == 302


def test_disabled_user_cannot_log_in(client, make_user):
    from workbench.extensions import db

    user = make_user("reviewer")
    user.is_active = False
    db.session.commit()
    assert login(client, user).status_code == 401


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("reviewer")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_login_redirect_stays_on_site(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login?next=https://evil.example/", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


@pytest.mark.csrf
def test_csrf_token_is_required(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert b"security token" in response.data
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.csrf
def test_logout_needs_csrf_token(client, make_user):
    user = make_user("reviewer")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("role,status", [("reviewer", 403), ("editor", 200), ("admin", 200)])
def test_import_page_is_for_editors(client, login_as, role, status):
    login_as(role)
    assert client.get("/articles/import").status_code == status


def test_unknown_article_is_a_clear_404(client, login_as):
    login_as("reviewer")
    response = client.get("/articles/999999")
    assert response.status_code == 404
    assert b"There is no article 999999" in response.data


def test_ids_and_pages_beyond_any_row_are_404s_or_400s_never_500s(app, client, login_as, runner):
    """Row ids are 32-bit; a bigger number in a URL, a filter or a command names nothing."""
    login_as("admin")
    huge = "99999999999999999999"
    int_rules = [r for r in app.url_map.iter_rules() if "<int:" in r.rule]
    assert len(int_rules) > 10
    for rule in int_rules:
        url = re.sub(r"<int:\w+>", huge, rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert client.open(url, method=method).status_code == 404, (method, url)
    assert client.get(f"/?page={huge}").status_code == 404
    assert client.get(f"/flags?article={huge}").status_code == 400
    assert client.get(f"/flags?page={huge}").status_code == 400
    response = client.post("/flags/new", data={"claim_ids": f"1, {huge}", "kind": "other", "severity": "low",
                                                "explanation": "x"})
    assert response.status_code == 400 and "names no article" in response.get_data(as_text=True)
    response = client.post("/flags/new", data={"article": huge, "claim_ids": "1", "kind": "other",
                                                "severity": "low", "explanation": "x"})
    assert response.status_code == 400 and "names no article" in response.get_data(as_text=True)
    response = client.post("/flags/new", data={"article": "1", "claim_ids": ["1", huge], "kind": "other",
                                                "severity": "low", "explanation": "x", "create": "y"})
    assert response.status_code == 400
    result = runner.invoke(args=["reextract", huge])
    assert result.exit_code == 2 and "Traceback" not in result.output
