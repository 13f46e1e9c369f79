"""Login, logout and user administration."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workbench.auth.forms import (
    ChangePasswordForm,
    LoginForm,
    LogoutEverywhereForm,
    NewUserForm,
    ResetPasswordForm,
    UserAdminForm,
)
from workbench.auth.models import User
from workbench.auth.operations import (
    UserError,
    WrongCurrentPassword,
    attempt_login,
    count_wrong_password,
    create_user,
    normalise_email,
    set_password,
    update_user,
)
from workbench.auth.roles import role_required
from workbench.auth.sessions import end_session, start_session
from workbench.auth.throttle import client_address, login_throttle
from workbench.core.concurrency import StaleEdit
from workbench.core.forms import page_form, with_ids
from workbench.core.routing import get_or_404
from workbench.extensions import db
from workbench.history.conflict_page import render_conflict
from workbench.history.recording import Actor

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
        attempt = attempt_login(form.email.data, form.password.data, client_address(), login_throttle())
        if attempt.user is not None:
            start_session(attempt.user)
            return redirect(_safe_next(request.args.get("next")))
        if attempt.retry_after is not None:
            minutes = -(-attempt.retry_after // 60)
            flash(f"Too many wrong passwords for this account or from this address: try again in {minutes} "
                  f"minute{'s' if minutes != 1 else ''}.", "error")
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(attempt.retry_after)}
        flash("Wrong email or password, or the account is disabled.", "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # Revokes the session on the server too: a copy of the cookie is worthless after this.
    end_session(current_user._get_current_object())
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


def _account_page(password_form: ChangePasswordForm | None = None, status: int = 200):
    password_form = password_form or ChangePasswordForm(formdata=None, policy_email=current_user.email,
                                                        policy_name=current_user.name)
    # Two forms on one page: each gets its own element ids (two "submit" ids would clash).
    return render_template("auth/account.html", password_form=with_ids(password_form, "password"),
                           everywhere_form=with_ids(LogoutEverywhereForm(formdata=None), "everywhere")), status


@bp.route("/account")
@login_required
def show_account():
    return _account_page()


@bp.route("/account/password", methods=["POST"])
@login_required
def change_own_password():
    form = ChangePasswordForm(policy_email=current_user.email, policy_name=current_user.name)
    if not form.validate():
        return _account_page(form, 400)
    user = current_user._get_current_object()
    # The current password is asked for so that an open session alone cannot take the account
    # over; guessing it is throttled like guessing at the login form.
    throttle, address = login_throttle(), client_address()
    wait = throttle.retry_after(normalise_email(user.email), address)
    if wait is None:
        try:
            set_password(user, form.password.data, Actor.of(user), current_password=form.current_password.data,
                         reason="changed by the user")
        except WrongCurrentPassword as error:
            wait = count_wrong_password(user.email, address, throttle)
            if wait is None:
                form.current_password.errors = [*form.current_password.errors, str(error)]
                return _account_page(form, 400)
        except UserError as error:
            form.password.errors = [*form.password.errors, str(error)]
            return _account_page(form, 400)
    if wait is not None:
        form.current_password.errors = [*form.current_password.errors,
                                        f"Too many wrong passwords: try again in {-(-wait // 60)} minutes."]
        page, status = _account_page(form, 429)
        return page, status, {"Retry-After": str(wait)}
    # Every other session of this user has ended; this one goes on under the new generation.
    start_session(user)
    flash("Your password is changed; you are logged out everywhere else.", "success")
    return redirect(url_for("auth.show_account"))


@bp.route("/account/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    form = LogoutEverywhereForm()
    if not form.validate():
        abort(400, "The form expired; reload the page and try again.")
    # The session generation is per user, so this is what logout does too; the button says so plainly.
    end_session(current_user._get_current_object())
    flash("You are logged out in every browser.", "info")
    return redirect(url_for("auth.login"))


def _user_form(user: User) -> UserAdminForm:
    """The form of `user`'s row: bound only when this row's button was pressed."""
    return page_form(UserAdminForm, url_for("auth.change_user", user_id=user.id),
                     {"role": user.role, "is_active": user.is_active, "version": user.version}, name=f"user-{user.id}")


def _password_form(user: User) -> ResetPasswordForm:
    return page_form(ResetPasswordForm, url_for("auth.reset_password", user_id=user.id), {},
                     name=f"password-{user.id}", policy_email=user.email, policy_name=user.name)


def _users_page(submitted: tuple[int, UserAdminForm] | None = None, status: int = 200, *,
                new_form: NewUserForm | None = None, password_form: tuple[int, ResetPasswordForm] | None = None):
    """The users page: the submitted row's form kept with its errors, every other row as stored."""
    users = db.session.scalars(select(User).order_by(User.email)).all()
    forms = {user.id: _user_form(user) for user in users if submitted is None or user.id != submitted[0]}
    if submitted is not None:
        forms[submitted[0]] = submitted[1]
    password_forms = {user.id: _password_form(user) for user in users}
    if password_form is not None:
        password_forms[password_form[0]] = password_form[1]
    new_form = new_form or page_form(NewUserForm, url_for("auth.add_user"), {"role": "reviewer"}, name="new-user")
    return render_template("auth/users.html", users=users, forms=forms, password_forms=password_forms,
                           new_form=new_form), status


@bp.route("/admin/users/new", methods=["POST"])
@role_required("admin")
def add_user():
    form = page_form(NewUserForm, url_for("auth.add_user"), {}, name="new-user")
    if not form.validate():
        return _users_page(status=400, new_form=form)
    try:
        user = create_user(form.email.data, form.password.data, form.role.data, Actor.of(current_user),
                           name=form.name.data or None)
    except UserError as error:
        target = form.email if "email" in str(error) and "password" not in str(error) else form.password
        target.errors = [*target.errors, str(error)]
        return _users_page(status=400, new_form=form)
    flash(f"Added {user.email} ({user.role}). Give them their password by a separate channel.", "success")
    return redirect(url_for("auth.list_users"))


@bp.route("/admin/users/<int:user_id>/password", methods=["POST"])
@role_required("admin")
def reset_password(user_id: int):
    user = get_or_404(User, user_id, "user", removed_too=True)
    form = _password_form(user)
    if not form.validate():
        return _users_page(status=400, password_form=(user.id, form))
    try:
        set_password(user, form.password.data, Actor.of(current_user), reason=form.reason.data or "reset by an admin")
    except UserError as error:
        form.password.errors = [*form.password.errors, str(error)]
        return _users_page(status=400, password_form=(user.id, form))
    if user.id == current_user.id:
        start_session(user)
    flash(f"{user.email}: password set; their sessions have ended.", "success")
    return redirect(url_for("auth.list_users"))


@bp.route("/admin/users")
@role_required("admin")
def list_users():
    return _users_page()


@bp.route("/admin/users/<int:user_id>", methods=["POST"])
@role_required("admin")
def change_user(user_id: int):
    user = get_or_404(User, user_id, "user", removed_too=True)
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
