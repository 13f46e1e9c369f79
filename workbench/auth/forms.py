"""Login, account and user administration forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from workbench.auth.models import ROLES
from workbench.auth.policy import (
    MAX_PASSWORD_LENGTH,
    PASSWORD_RULE,
    PolicyError,
    check_password_policy,
    checked_email,
)


def _valid_email(form: FlaskForm, field: EmailField) -> None:
    try:
        field.data = checked_email(field.data or "")
    except PolicyError as error:
        raise ValidationError(str(error)) from None


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    submit = SubmitField("Log in")


def _new_password(label: str = "New password") -> PasswordField:
    return PasswordField(label, description=PASSWORD_RULE,
                         validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])


def _confirmation() -> PasswordField:
    return PasswordField("Repeat the new password",
                         validators=[DataRequired(), EqualTo("password", "The two passwords differ.")])


class _PolicyChecked(FlaskForm):
    """A form with a new password, checked against the policy with its user's email and name.

    The operation checks again (the CLI has no form); checking here too shows every problem of the
    form at once instead of one after another.
    """

    def __init__(self, *args, policy_email: str = "", policy_name: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._policy_context = {"email": policy_email, "name": policy_name}

    def policy_context(self) -> dict[str, str]:
        return self._policy_context

    def validate_password(self, field: PasswordField) -> None:
        if not field.data:
            return
        try:
            check_password_policy(field.data, **self.policy_context())
        except PolicyError as error:
            raise ValidationError(str(error)) from None


class ChangePasswordForm(_PolicyChecked):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    password = _new_password()
    confirm = _confirmation()
    submit = SubmitField("Change password")


class LogoutEverywhereForm(FlaskForm):
    submit = SubmitField("Log out everywhere")


class NewUserForm(_PolicyChecked):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254), _valid_email])
    name = StringField("Name (optional)", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=[SelectChoice(r, r) for r in ROLES])
    password = _new_password("Password")
    confirm = _confirmation()
    submit = SubmitField("Add user")

    def policy_context(self) -> dict[str, str]:
        return {"email": (self.email.data or "").strip().lower(), "name": self.name.data or ""}


class ResetPasswordForm(_PolicyChecked):
    password = _new_password()
    confirm = _confirmation()
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Set password")


class UserAdminForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(r, r) for r in ROLES])
    is_active = BooleanField("Active (may log in)")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField("Save")
