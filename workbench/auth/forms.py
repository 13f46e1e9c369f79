"""Login and user administration forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from workbench.auth.models import ROLES


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=500)])
    submit = SubmitField("Log in")


class UserAdminForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(r, r) for r in ROLES])
    is_active = BooleanField("Active (may log in)")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField("Save")
