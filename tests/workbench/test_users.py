"""User administration: role and activation changes are recorded, version-checked and admin-only."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, csrf_token_from, login
from workbench.auth.models import User
from workbench.auth.policy import PASSWORD_RULE
from workbench.extensions import db
from workbench.history.models import Revision


def user_revisions(user_id: int) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(Revision.entity_type == "user",
                                                          Revision.entity_id == user_id).order_by(Revision.id)))


def test_admin_changes_role_and_it_is_recorded(client, make_user):
    admin, reviewer = make_user("admin"), make_user("reviewer")
    login(client, admin)
    assert b"Users" in client.get("/").data
    response = client.post(f"/admin/users/{reviewer.id}", data={
        "role": "editor", "is_active": "y", "reason": "promoted", "version": reviewer.version})
    assert response.status_code == 302
    db.session.refresh(reviewer)
    assert reviewer.role == "editor"
    last = user_revisions(reviewer.id)[-1]
    assert (last.action, last.changes, last.reason, last.actor_id) == (
        "update", {"role": ["reviewer", "editor"]}, "promoted", admin.id)


def test_deactivated_user_cannot_log_in(client, make_user):
    admin, reviewer = make_user("admin"), make_user("reviewer")
    login(client, admin)
    client.post(f"/admin/users/{reviewer.id}", data={"role": "reviewer", "version": reviewer.version})
    db.session.refresh(reviewer)
    assert reviewer.is_active is False
    assert user_revisions(reviewer.id)[-1].changes == {"is_active": [True, False]}
    other = client.application.test_client()
    assert login(other, reviewer).status_code == 401


def test_last_admin_cannot_demote_themselves(client, make_user):
    admin = make_user("admin")
    login(client, admin)
    response = client.post(f"/admin/users/{admin.id}", data={"role": "editor", "is_active": "y",
                                                            "version": admin.version})
    assert response.status_code == 400
    assert b"last active admin" in response.data
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_stale_user_change_is_a_409(client, make_user):
    admin, reviewer = make_user("admin"), make_user("reviewer")
    login(client, admin)
    version = reviewer.version
    client.post(f"/admin/users/{reviewer.id}", data={"role": "editor", "is_active": "y", "version": version})
    response = client.post(f"/admin/users/{reviewer.id}", data={"role": "admin", "is_active": "y", "version": version})
    assert response.status_code == 409
    db.session.refresh(reviewer)
    assert reviewer.role == "editor"


def test_only_admins_manage_users(client, login_as, make_user):
    target = make_user("reviewer")
    login_as("editor")
    assert client.get("/admin/users").status_code == 403
    assert client.post(f"/admin/users/{target.id}", data={"role": "admin", "is_active": "y",
                                                          "version": 1}).status_code == 403
    db.session.refresh(target)
    assert target.role == "reviewer"


def test_cli_update_and_list(runner, make_user):
    user = make_user("reviewer")
    result = runner.invoke(args=["users", "update", user.email, "--role", "editor", "--reason", "desk lead"])
    assert result.exit_code == 0, result.output
    assert "role editor" in result.output
    last = user_revisions(user.id)[-1]
    assert last.reason == "desk lead" and last.actor_label.startswith("command: workbench users update")
    assert runner.invoke(args=["users", "update", "nobody@example.org", "--role", "admin"]).exit_code == 1
    listing = runner.invoke(args=["users", "list"])
    assert user.email in listing.output


def test_cli_create_reads_password_from_stdin(runner):
    result = runner.invoke(args=["users", "create", "new@example.org", "--role", "editor"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User).where(User.email == "new@example.org")).one()
    assert user.role == "editor" and user.password_hash.startswith("$argon2id$")
    short = runner.invoke(args=["users", "create", "x@example.org", "--role", "editor"], input="short\n")
    assert short.exit_code == 1
    assert "at least 10 characters" in short.output


BAD_EMAILS = ["a@b", "a@@b.example", "a b@example.org", "a\nb@example.org", "x@example.org\n", "<script>@x.org",
              "@x.org"]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_cli_create_refuses_an_invalid_email(runner, email):
    result = runner.invoke(args=["users", "create", email, "--role", "editor"], input="a long enough password\n")
    assert result.exit_code == 1
    assert "not a valid email address" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize(("password", "why"), [
    (" " * 10, "only spaces"), ("\t" * 12, "only spaces"), ("password12", "too easy to guess"),
    ("new@example.org", "email address"), ("new@example.org!1", "email address"), ("newnewnew123", "too easy"),
    ("qwertyuiop", "too easy to guess"), ("short", "at least 10"),
])
def test_cli_create_refuses_a_weak_password(runner, password, why):
    result = runner.invoke(args=["users", "create", "new@example.org", "--role", "editor"], input=password + "\n")
    assert result.exit_code == 1
    assert why in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_cli_create_accepts_a_passphrase_and_stores_the_email_lower_case(runner):
    result = runner.invoke(args=["users", "create", "New.Person@Example.org", "--role", "editor"],
                           input="otter lantern quarry maple\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(User.email)).one() == "new.person@example.org"


def test_cli_set_password_ends_sessions_and_is_recorded(runner, client, make_user):
    user = make_user("reviewer")
    login(client, user)
    weak = runner.invoke(args=["users", "set-password", user.email], input="password12\n")
    assert weak.exit_code == 1 and "too easy to guess" in weak.output
    result = runner.invoke(args=["users", "set-password", user.email, "--reason", "forgot it"],
                           input="otter lantern quarry maple\n")
    assert result.exit_code == 0, result.output
    assert client.get("/").status_code == 302
    assert login(client, user, "otter lantern quarry maple").status_code == 302
    last = user_revisions(user.id)[-1]
    assert (last.changes, last.reason) == ({"password": ["(previous)", "(changed)"]}, "forgot it")
    assert "$argon2" not in str(last.changes)
    assert runner.invoke(args=["users", "set-password", "nobody@example.org"], input="x\n").exit_code == 1


# --- The account page: a user changes their own password ---------------------------------------

NEW = "otter lantern quarry maple"


def change_password(client, current=PASSWORD, new=NEW, confirm=None):
    return client.post("/account/password", data={"current_password": current, "password": new,
                                                  "confirm": new if confirm is None else confirm})


def test_account_page_states_the_password_rule(client, login_as):
    login_as("reviewer")
    page = client.get("/account")
    assert page.status_code == 200
    assert PASSWORD_RULE.encode() in page.data
    assert b'href="/account"' in client.get("/").data


def test_user_changes_their_own_password(client, login_as):
    user = login_as("reviewer")
    other = client.application.test_client()
    login(other, user)
    response = change_password(client)
    assert response.status_code == 302
    assert client.get("/account").status_code == 200  # this browser stays logged in
    assert other.get("/").status_code == 302  # every other session ended
    fresh = client.application.test_client()
    assert login(fresh, user).status_code == 401
    assert login(fresh, user, NEW).status_code == 302
    assert user_revisions(user.id)[-1].actor_id == user.id


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"current": "not my password"}, b"current password is wrong"),
    ({"new": "password12"}, b"too easy to guess"),
    ({"new": " " * 12}, b"only spaces"),
    ({"confirm": "something else entirely"}, b"The two passwords differ."),
])
def test_a_refused_password_change_says_why(client, login_as, kwargs, message):
    user = login_as("reviewer")
    response = change_password(client, **kwargs)
    assert response.status_code == 400
    assert message in response.data
    assert login(client.application.test_client(), user).status_code == 302


def test_account_pages_need_a_login(client):
    assert client.get("/account").status_code == 302
    assert change_password(client).status_code == 302


@pytest.mark.csrf
def test_password_change_needs_the_csrf_token(client, make_user):
    user = make_user("reviewer")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": user.email, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    assert change_password(client).status_code == 400
    token = csrf_token_from(client.get("/account").get_data(as_text=True))
    assert client.post("/account/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW,
                                                  "csrf_token": token}).status_code == 302


# --- Admins add users and reset passwords in the browser ----------------------------------------

def test_admin_adds_a_user_in_the_browser(client, login_as):
    admin = login_as("admin")
    page = client.get("/admin/users")
    assert b"Add user" in page.data and PASSWORD_RULE.encode() in page.data
    response = client.post("/admin/users/new", data={"email": "New.Desk@Example.org", "name": "New Desk",
                                                     "role": "editor", "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    user = db.session.scalars(select(User).where(User.email == "new.desk@example.org")).one()
    assert (user.role, user.name) == ("editor", "New Desk")
    assert user_revisions(user.id)[0].actor_id == admin.id
    assert login(client.application.test_client(), user, NEW).status_code == 302


@pytest.mark.parametrize(("data", "message"), [
    ({"email": "a@b"}, b"not a valid email address"),
    ({"email": "<script>@x.org"}, b"not a valid email address"),
    ({"password": "password12", "confirm": "password12"}, b"too easy to guess"),
    ({"password": "new.desk@example.org", "confirm": "new.desk@example.org"}, b"email address"),
    ({"role": "owner"}, b"Not a valid choice"),
])
def test_add_user_refuses_bad_input(client, login_as, data, message):
    login_as("admin")
    response = client.post("/admin/users/new", data={"email": "new.desk@example.org", "role": "editor",
                                                     "password": NEW, "confirm": NEW, **data})
    assert response.status_code == 400
    assert message in response.data
    assert b"&lt;script&gt;" in response.data or b"<script>" not in response.data
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_add_user_refuses_a_duplicate_email(client, login_as):
    admin = login_as("admin")
    response = client.post("/admin/users/new", data={"email": admin.email.upper(), "role": "editor",
                                                     "password": NEW, "confirm": NEW})
    assert response.status_code == 400 and b"already exists" in response.data


def test_admin_resets_a_password_and_the_users_sessions_end(client, make_user):
    admin, user = make_user("admin"), make_user("reviewer")
    browser = client.application.test_client()
    login(browser, user)
    login(client, admin)
    response = client.post(f"/admin/users/{user.id}/password", data={"password": NEW, "confirm": NEW,
                                                                    "reason": "locked out"})
    assert response.status_code == 302
    assert browser.get("/").status_code == 302
    assert login(browser, user, NEW).status_code == 302
    assert user_revisions(user.id)[-1].reason == "locked out"
    weak = client.post(f"/admin/users/{user.id}/password", data={"password": "password12", "confirm": "password12"})
    assert weak.status_code == 400 and b"too easy to guess" in weak.data
    assert client.post("/admin/users/999/password", data={"password": NEW, "confirm": NEW}).status_code == 404


def test_only_admins_add_users_or_reset_passwords(client, login_as, make_user):
    target = make_user("reviewer")
    login_as("editor")
    assert client.post("/admin/users/new", data={"email": "x@example.org", "role": "admin", "password": NEW,
                                                 "confirm": NEW}).status_code == 403
    assert client.post(f"/admin/users/{target.id}/password", data={"password": NEW,
                                                                  "confirm": NEW}).status_code == 403
    assert login(client.application.test_client(), target).status_code == 302


def test_password_changes_and_lockouts_keep_the_state_check_clean(runner, client, make_user):
    user = make_user("reviewer")
    assert runner.invoke(args=["users", "set-password", user.email], input=NEW + "\n").exit_code == 0
    assert runner.invoke(args=["users", "update", user.email, "--role", "editor"]).exit_code == 0
    for _ in range(10):
        client.post("/login", data={"email": user.email, "password": "wrong password 123"})
    result = runner.invoke(args=["audit", "verify", "--state"])
    assert result.exit_code == 0, result.output


def test_guessing_the_current_password_on_the_account_page_is_throttled(client, login_as):
    user = login_as("reviewer")
    for _ in range(9):
        assert change_password(client, current="wrong password 123").status_code == 400
    response = change_password(client, current="wrong password 123")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert change_password(client).status_code == 429  # even the right one, until the window passes
    assert login(client.application.test_client(), user).status_code == 429
    assert login(client.application.test_client(), user, NEW).status_code == 429


def test_add_user_shows_every_problem_at_once(client, login_as):
    login_as("admin")
    response = client.post("/admin/users/new", data={"email": "a@b", "role": "editor", "password": "password12",
                                                     "confirm": "password13"})
    assert response.status_code == 400
    for message in (b"not a valid email address", b"too easy to guess", b"The two passwords differ."):
        assert message in response.data


def test_account_and_users_pages_have_unique_element_ids(client, login_as, make_user):
    login_as("admin")
    make_user("reviewer")
    for path in ("/account", "/admin/users"):
        ids = re.findall(r'\sid="([^"]+)"', client.get(path).get_data(as_text=True))
        assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))


def test_two_concurrent_demotions_cannot_remove_the_last_two_admins(app, make_user):
    """Each demotion counts the other admins with their rows locked, so the second waits for the
    first and then sees it was the last admin. (On SQLite writes run one at a time anyway.)"""
    import threading
    import time

    from tests.conftest import TEST_ACTOR
    from workbench.auth import operations
    from workbench.auth.operations import UserError, update_user

    first, second = make_user("admin"), make_user("admin")
    second_id, second_version = second.id, second.version
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the race needs two concurrent writers (PostgreSQL)")
    outcome: dict[str, object] = {}

    def demote_second() -> None:
        with app.app_context():
            try:
                update_user(db.session.get(User, second_id), {"role": "editor"}, second_version, TEST_ACTOR)
                outcome["second"] = "demoted"
            except UserError as error:
                outcome["second"] = str(error)
            finally:
                db.session.remove()

    # The first demotion has counted (and locked) the admins but not yet committed ...
    assert operations._other_active_admins(first) == 1
    racer = threading.Thread(target=demote_second)
    racer.start()
    time.sleep(0.5)
    assert racer.is_alive(), "the second demotion should wait for the first"
    # ... then it goes through, and only then may the second count.
    first.role = "editor"
    db.session.commit()
    racer.join(10)
    assert outcome["second"] == "this is the last active admin: make someone else admin first"
    db.session.expire_all()
    assert db.session.get(User, second_id).role == "admin"
