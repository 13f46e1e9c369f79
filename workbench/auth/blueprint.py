"""Login, logout and user administration."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from workbench.audit.operations import Actor
from workbench.auth.forms import LoginForm, UserAdminForm
from workbench.auth.models import User
from workbench.auth.operations import UserError, authenticate, update_user
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit, render_conflict
from workbench.core.forms import page_form
from workbench.extensions import db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    # Only same-site relative paths: an open redirect would let a phishing link borrow our login.
    # Control characters and whitespace are refused too: a CR/LF cannot go into a Location header
    # (it was a 500 after a good login), and browsers read a backslash as a slash ("/\\evil.org").
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and target.isprintable() and not any(ch.isspace() for ch in target) and not urlsplit(target).netloc):
        return target
    return url_for("articles.list_articles")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash("Wrong email or password, or the account is disabled.", "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


def _user_form(user: User) -> UserAdminForm:
    """The form of `user`'s row: bound only when this row's button was pressed."""
    return page_form(UserAdminForm, url_for("auth.change_user", user_id=user.id),
                     {"role": user.role, "is_active": user.is_active, "version": user.version}, name=f"user-{user.id}")


def _users_page(submitted: tuple[int, UserAdminForm] | None = None, status: int = 200):
    """The users page: the submitted row's form kept with its errors, every other row as stored."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    forms = {user.id: _user_form(user) for user in users if submitted is None or user.id != submitted[0]}
    if submitted is not None:
        forms[submitted[0]] = submitted[1]
    return render_template("auth/users.html", users=users, forms=forms), status


@bp.route("/admin/users")
@role_required("admin")
def list_users():
    return _users_page()


@bp.route("/admin/users/<int:user_id>", methods=["POST"])
@role_required("admin")
def change_user(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404, f"There is no user {user_id}.")
    form = _user_form(user)
    if not form.validate():
        return _users_page((user.id, form), 400)
    try:
        update_user(user, {"role": form.role.data, "is_active": form.is_active.data}, form.version.data,
                    Actor.of(current_user), reason=form.reason.data)
    except StaleEdit as error:
        return render_conflict(error, db.session.get(User, user_id), form,
                               {"role": "Role", "is_active": "Active"}, url_for("auth.change_user", user_id=user_id))
    except UserError as error:
        form.role.errors.append(str(error))
        return _users_page((user_id, form), 400)
    flash(f"{user.email}: role {user.role}, {'active' if user.is_active else 'inactive'}.", "success")
    return redirect(url_for("auth.list_users"))
