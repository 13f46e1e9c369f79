"""User administration: role and activation changes are recorded, version-checked and admin-only."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import login
from workbench.audit.models import Revision
from workbench.auth.models import User
from workbench.extensions import db


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
