"""Creating users and changing their roles, with revisions."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm.exc import StaleDataError

from workbench.auth.models import ROLES, LoginLockout, User
from workbench.auth.passwords import check_dummy, check_password, hash_password, needs_rehash
from workbench.auth.policy import PolicyError, check_password_policy, checked_email
from workbench.auth.sessions import revoke_sessions
from workbench.auth.throttle import LoginThrottle
from workbench.core.concurrency import committed, versioned_edit
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history.recording import Actor, apply_changes, record, snapshot

USER_FIELDS = ("email", "name", "role", "is_active")
LOCKOUT_FIELDS = ("scope", "subject", "until")
THROTTLE_ACTOR = Actor(None, "login throttle")
# What a password change looks like in the history: that it happened, never the hash.
PASSWORD_CHANGE = {"password": ["(previous)", "(changed)"]}


class UserError(ValueError):
    """A user-facing problem with a user account request."""


class WrongCurrentPassword(UserError):
    """A password change whose current password is wrong (counted by the login throttle)."""


def normalise_email(email: str) -> str:
    """The form in which emails are stored and looked up (no validation: see checked_email)."""
    return email.strip(" ").lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).scalar_one_or_none()


def create_user(email: str, password: str, role: str, actor: Actor, *, name: str | None = None) -> User:
    """Create a user and record it, in one transaction of its own; commits."""
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
    with committed():
        db.session.add(user)
        db.session.flush()
        record("create", "user", user.id, snapshot(user, USER_FIELDS), actor)
    return user


def _other_active_admins(user: User) -> int:
    """How many active admins there are besides `user`, with their rows locked until the edit ends.

    Locking every active admin's row, in id order, makes two concurrent demotions queue on
    PostgreSQL (at read committed each would otherwise count the other as still an admin and both
    pass); the second re-reads after the first commits and sees one admin fewer. SQLite runs
    writes one at a time anyway and ignores FOR UPDATE.
    """
    admins = db.session.scalars(
        select(User.id).where(User.role == "admin", User.is_active.is_(True)).order_by(User.id).with_for_update()
    ).all()
    return sum(1 for admin_id in admins if admin_id != user.id)


def update_user(user: User, data: dict, posted_version: int | None, actor: Actor, *,
                reason: str | None = None) -> User:
    """Change a user's name, role or activation from the version seen, recording what changed; commits."""
    if "role" in data and data["role"] not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    data = {k: v for k, v in data.items() if k in ("name", "role", "is_active")}
    losing_admin = user.role == "admin" and user.is_active and (
        data.get("role", "admin") != "admin" or data.get("is_active", True) is False)
    with versioned_edit(user, "user", posted_version):
        # Inside the edit's transaction, so the count cannot change before the edit commits.
        if losing_admin and _other_active_admins(user) == 0:
            raise UserError("this is the last active admin: make someone else admin first")
        changes = apply_changes(user, data)
        if changes.keys() & {"role", "is_active"}:
            # Sessions made under the old role (or before a deactivation) must not outlive it.
            user.session_generation += 1
        if changes:
            db.session.flush()
            record("update", "user", user.id, changes, actor, reason=reason)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; an unknown email costs as much as a known one."""
    user = find_user(email)
    if user is None:
        check_dummy(password)
        return None
    if not check_password(user.password_hash, password) or not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        # Hashes made under other parameters are upgraded while the password is at hand. A plain
        # UPDATE: a login must not make an admin's open form for this user stale (the row version).
        db.session.execute(update(User).where(User.id == user.id).values(password_hash=hash_password(password))
                           .execution_options(synchronize_session=False))
        db.session.expire(user, ["password_hash"])
    return user


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    """The outcome of a login: the user, or None; and when refused by the throttle, seconds to wait."""

    user: User | None
    retry_after: int | None = None


def attempt_login(email: str, password: str, address: str, throttle: LoginThrottle) -> LoginAttempt:
    """Check credentials unless the account or address is throttled; records lockouts; commits."""
    key = normalise_email(email)
    wait = throttle.retry_after(key, address)
    if wait is not None:
        return LoginAttempt(None, wait)
    user = authenticate(email, password)
    if user is not None:
        throttle.succeeded(key)
        db.session.commit()
        return LoginAttempt(user)
    return LoginAttempt(None, count_wrong_password(key, address, throttle))


def count_wrong_password(email: str, address: str, throttle: LoginThrottle) -> int | None:
    """Count a wrong password; record a lockout for each counter it fills up; commits. Seconds to wait, or None."""
    trips = throttle.failed(normalise_email(email), address)
    for trip in trips:
        until = utc_now() + timedelta(seconds=trip.seconds)
        lockout = LoginLockout(scope=trip.scope, subject=trip.subject, until=until)
        db.session.add(lockout)
        db.session.flush()
        record("create", "login_lockout", lockout.id, snapshot(lockout, LOCKOUT_FIELDS), THROTTLE_ACTOR,
               reason=f"too many wrong passwords for this {trip.scope}")
    db.session.commit()
    return max(trip.seconds for trip in trips) if trips else None


def set_password(user: User, password: str, actor: Actor, *, current_password: str | None = None,
                 reason: str | None = None) -> User:
    """Give `user` a new password (policy-checked), end all their sessions, record it; commits.

    With `current_password` (a user changing their own) the old password must be given too: a
    session left open on a shared computer must not be enough to take the account over.
    """
    if current_password is not None and not check_password(user.password_hash, current_password):
        raise WrongCurrentPassword("the current password is wrong")
    try:
        check_password_policy(password, email=user.email, name=user.name)
    except PolicyError as error:
        raise UserError(str(error)) from None
    try:
        user.password_hash = hash_password(password)
        user.session_generation += 1
        db.session.flush()
        record("update", "user", user.id, PASSWORD_CHANGE, actor, reason=reason)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise UserError("the account was changed at the same moment; try again") from None
    return user


def log_out_everywhere(user: User) -> None:
    """End every session of `user` in every browser; commits."""
    revoke_sessions(user)
    db.session.commit()


def random_password() -> str:
    return secrets.token_urlsafe(12)
