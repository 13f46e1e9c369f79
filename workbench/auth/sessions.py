"""Revocable sessions: each session carries its user's session generation, checked on every request."""
from __future__ import annotations

from flask import session
from flask_login import login_user, logout_user
from sqlalchemy import update

from workbench.auth.models import User
from workbench.extensions import db

GENERATION_KEY = "auth_generation"


def start_session(user: User) -> None:
    """Log `user` in in this browser, tied to their current session generation."""
    login_user(user)
    session[GENERATION_KEY] = user.session_generation


def load_session_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the session's user, unless the session was revoked or the user disabled."""
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or not user.is_active or session.get(GENERATION_KEY) != user.session_generation:
        return None
    return user


def revoke_sessions(user: User) -> None:
    """End every session of `user`, in the caller's transaction.

    A plain UPDATE, not an ORM change: bumping the row's version would make an admin's open form
    for this user stale merely because the user logged out.
    """
    db.session.execute(update(User).where(User.id == user.id)
                       .values(session_generation=User.session_generation + 1)
                       .execution_options(synchronize_session=False))
    db.session.expire(user, ["session_generation"])


def end_session(user: User) -> None:
    """Log out: revoke `user`'s sessions (a copied cookie stops working too), commit, clear this one."""
    revoke_sessions(user)
    db.session.commit()
    logout_user()
    session.pop(GENERATION_KEY, None)
