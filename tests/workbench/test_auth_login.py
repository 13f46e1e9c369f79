"""Logging in: where it sends the user after, throttling of guesses, timing, revocable sessions."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.conftest import PASSWORD, login
from workbench.app import create_app
from workbench.auth.models import LoginLockout
from workbench.extensions import db
from workbench.history.models import Revision


@pytest.mark.parametrize("target", ["/claims/1%0d%0aSet-Cookie:%20x=1", "/a%0ab", "/a%09b", "/%5c%5cevil.example",
                                    "//evil.example", "https://evil.example/"])
def test_login_next_never_leaves_the_site_nor_breaks_the_redirect(client, make_user, target):
    user = make_user("reviewer")
    response = client.post(f"/login?next={target}", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_next_with_a_nul_is_refused_before_anyone_logs_in(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login?next=/a%00b", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400 and "next" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_next_keeps_a_plain_path(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login?next=/claims/1%3Fx%3D2", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/claims/1?x=2"


# --- Revocable sessions -------------------------------------------------------------------------

def copy_of_session(client):
    """A second browser holding a copy of `client`'s session cookie (as a thief would)."""
    other = client.application.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie("session", cookie.value, domain=cookie.domain)
    return other


def logged_in(client) -> bool:
    return client.get("/").status_code == 200


def test_a_copied_cookie_stops_working_after_logout(client, make_user):
    user = make_user("reviewer")
    login(client, user)
    thief = copy_of_session(client)
    assert logged_in(thief)
    assert client.post("/logout").status_code == 302
    assert not logged_in(client)
    assert not logged_in(thief)


def test_log_out_everywhere_ends_every_session(client, make_user):
    user = make_user("reviewer")
    login(client, user)
    other = client.application.test_client()
    login(other, user)
    assert client.post("/account/logout-everywhere").status_code == 302
    assert not logged_in(other) and not logged_in(client)
    login(other, user)
    assert logged_in(other)


@pytest.mark.parametrize("change", [{"role": "editor", "is_active": "y"}, {"role": "reviewer"}])
def test_a_role_change_or_deactivation_ends_the_users_sessions(client, make_user, change):
    admin, user = make_user("admin"), make_user("reviewer")
    browser = client.application.test_client()
    login(browser, user)
    login(client, admin)
    client.post(f"/admin/users/{user.id}", data={**change, "version": user.version})
    assert not logged_in(browser)
    assert logged_in(client)


def test_a_session_from_before_the_upgrade_carries_no_generation_and_ends(client, make_user):
    user = make_user("reviewer")
    login(client, user)
    with client.session_transaction() as session:
        del session["auth_generation"]
    assert not logged_in(client)


def test_a_tampered_user_id_in_the_session_is_a_login_page_not_a_500(client, make_user):
    login(client, make_user("reviewer"))
    with client.session_transaction() as session:
        session["_user_id"] = "not-a-number"
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- Throttle -----------------------------------------------------------------------------------

def wrong(client, email, n=1, **kwargs):
    for _ in range(n):
        response = client.post("/login", data={"email": email, "password": "wrong password 123"}, **kwargs)
    return response


def lockouts():
    return list(db.session.scalars(select(LoginLockout).order_by(LoginLockout.id)))


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(client, make_user):
    user = make_user("reviewer")
    assert wrong(client, user.email, 9).status_code == 401
    assert wrong(client, user.email).status_code == 429  # the tenth says so at once
    response = login(client, user)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 15 * 60
    assert b"Too many wrong passwords" in response.data
    assert not logged_in(client)
    [lockout] = lockouts()
    assert (lockout.scope, lockout.subject) == ("account", user.email)
    revision = db.session.scalars(select(Revision).where(Revision.entity_type == "login_lockout")).one()
    assert revision.entity_id == lockout.id and revision.changes["subject"] == [None, user.email]
    # Another account is still open to the same address (its limit is per address, and higher).
    assert login(client, make_user("editor")).status_code == 302


def test_an_unknown_email_is_throttled_like_a_known_one(client):
    assert wrong(client, "nobody@example.org", 11).status_code == 429


def test_a_good_login_clears_the_accounts_count(client, make_user):
    user = make_user("reviewer")
    wrong(client, user.email, 9)
    assert login(client, user).status_code == 302
    client.post("/logout")
    assert wrong(client, user.email, 9).status_code == 401


def test_thirty_wrong_passwords_from_one_address_lock_the_address(client, make_user):
    user = make_user("reviewer")
    for n in range(30):
        wrong(client, f"guess-{n}@example.org")
    assert login(client, user).status_code == 429
    assert [lock.scope for lock in lockouts()] == ["address"]
    assert lockouts()[0].subject == "127.0.0.1"
    # A client elsewhere is not locked out.
    assert client.post("/login", data={"email": user.email, "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 302


def test_forwarded_for_is_believed_only_from_trusted_proxies(app, client, make_user):
    user = make_user("reviewer")
    # Without a trusted proxy, a spoofed X-Forwarded-For does not escape the address limit.
    for n in range(30):
        wrong(client, f"g{n}@example.org", headers={"X-Forwarded-For": f"10.1.0.{n}"})
    assert login(client, user).status_code == 429
    app.config["TRUSTED_PROXIES"] = 1
    app.extensions.pop("workbench.login_throttle")
    for n in range(30):
        wrong(client, f"h{n}@example.org", headers={"X-Forwarded-For": f"6.6.6.6, 10.2.0.{n}"})
    assert client.post("/login", data={"email": user.email, "password": PASSWORD},
                       headers={"X-Forwarded-For": "10.2.0.99"}).status_code == 302


# --- Timing -------------------------------------------------------------------------------------

def test_an_unknown_email_costs_one_password_verification(client, make_user, monkeypatch):
    calls = []
    real = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, *args: calls.append(1) or real(self, *args))
    assert wrong(client, "nobody@example.org").status_code == 401
    assert len(calls) == 1
    wrong(client, make_user("reviewer").email)
    assert len(calls) == 2


def test_a_disabled_account_costs_the_same_verification(client, make_user, monkeypatch):
    user = make_user("reviewer")
    user.is_active = False
    db.session.commit()
    calls = []
    real = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, *args: calls.append(1) or real(self, *args))
    assert login(client, user).status_code == 401
    assert len(calls) == 1


@pytest.mark.parametrize(("setting", "value"), [("LOGIN_THROTTLE_ACCOUNT", "ten per hour"),
                                                ("LOGIN_THROTTLE_STORAGE", "sqlite:///x"),
                                                ("TRUSTED_PROXIES", -1)])
def test_a_bad_throttle_setting_stops_the_start_not_the_first_login(database_url, setting, value):
    with pytest.raises(RuntimeError, match=setting):
        create_app("test", DATABASE_URL=database_url, **{setting: value})


def test_editors_find_lockouts_in_the_audit_log(client, make_user):
    editor = make_user("editor")
    wrong(client, "target@example.org", 10)
    login(client, editor)
    page = client.get("/audit?entity_type=login_lockout")
    assert page.status_code == 200
    assert b"login lockout" in page.data and b"target@example.org" in page.data
    revision = db.session.scalars(select(Revision).where(Revision.entity_type == "login_lockout")).one()
    assert client.get(f"/revisions/{revision.id}").status_code == 200
