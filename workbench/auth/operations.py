"""Creating users and changing their roles, with revisions."""
from __future__ import annotations

import secrets

from sqlalchemy import func, select

from workbench.audit.operations import Actor, apply_changes, record, snapshot
from workbench.auth.models import ROLES, User
from workbench.auth.passwords import check_password, hash_password
from workbench.auth.policy import PolicyError, check_password_policy, checked_email
from workbench.core.concurrency import versioned_edit
from workbench.extensions import db

USER_FIELDS = ("email", "name", "role", "is_active")


class UserError(ValueError):
    """A user-facing problem with a user account request."""


def normalise_email(email: str) -> str:
    """The form in which emails are stored and looked up (no validation: see checked_email)."""
    return email.strip(" ").lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).scalar_one_or_none()


def create_user(email: str, password: str, role: str, actor: Actor, *, name: str | None = None) -> User:
    """Create a user (flushes, records a revision; the caller commits)."""
    try:
        email = checked_email(email)
        check_password_policy(password, email=email, name=name or "")
    except PolicyError as error:
        raise UserError(str(error)) from None
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    if find_user(email) is not None:
        raise UserError(f"a user with email {email} already exists")
    user = User(email=email, name=name or email.split("@")[0], role=role, is_active=True,
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    record("create", "user", user.id, snapshot(user, USER_FIELDS), actor)
    return user


def _other_active_admins(user: User) -> int:
    return db.session.scalar(
        select(func.count()).select_from(User)
        .where(User.role == "admin", User.is_active.is_(True), User.id != user.id)
    )


def update_user(user: User, data: dict, posted_version: int | None, actor: Actor, *,
                reason: str | None = None) -> User:
    """Change a user's name, role or activation from the version seen, recording what changed; commits."""
    if "role" in data and data["role"] not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    data = {k: v for k, v in data.items() if k in ("name", "role", "is_active")}
    losing_admin = user.role == "admin" and user.is_active and (
        data.get("role", "admin") != "admin" or data.get("is_active", True) is False)
    if losing_admin and _other_active_admins(user) == 0:
        raise UserError("this is the last active admin: make someone else admin first")
    with versioned_edit(user, "user", posted_version):
        changes = apply_changes(user, data)
        if changes:
            db.session.flush()
            record("update", "user", user.id, changes, actor, reason=reason)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = find_user(email)
    if user is None or not user.is_active or not check_password(user.password_hash, password):
        return None
    return user


def random_password() -> str:
    return secrets.token_urlsafe(12)
