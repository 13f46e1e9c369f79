"""`workbench users`: create, update, set-password and list accounts from the shell."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from workbench.auth.models import ROLES, User
from workbench.auth.operations import UserError, create_user, find_user, set_password, update_user
from workbench.extensions import db
from workbench.history.recording import Actor


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", help="Display name (default: the part of the email before @).")
@with_appcontext
def users_create(email: str, role: str, name: str | None) -> None:
    """Create a user; the password is read from standard input (or prompted for)."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user(email, password, role, Actor.for_command("users create"), name=name)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {user.email} ({user.role})")


@users_group.command("update")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), help="New role.")
@click.option("--active/--inactive", default=None, help="Allow or refuse logging in.")
@click.option("--reason", help="Why, kept in the revision history.")
@with_appcontext
def users_update(email: str, role: str | None, active: bool | None, reason: str | None) -> None:
    """Change a user's role or activation (recorded in the revision history)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    data = {k: v for k, v in {"role": role, "is_active": active}.items() if v is not None}
    if not data:
        raise click.UsageError("give --role and/or --active/--inactive")
    try:
        update_user(user, data, user.version, Actor.for_command("users update"), reason=reason)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email}: role {user.role}, {'active' if user.is_active else 'inactive'}")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users_group.command("set-password")
@click.argument("email")
@click.option("--reason", help="Why, kept in the revision history.")
@with_appcontext
def users_set_password(email: str, reason: str | None) -> None:
    """Give a user a new password (read from standard input or prompted for); ends their sessions."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    try:
        set_password(user, _read_password(), Actor.for_command("users set-password"), reason=reason)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email}: password set; every session of this user has ended")


@users_group.command("list")
@with_appcontext
def users_list() -> None:
    """Every user with role and status."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        click.echo(f"{user.email:40} {user.role:9} {'active' if user.is_active else 'inactive'}  {user.name}")
