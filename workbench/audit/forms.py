"""Forms of the audit pages: the log's filters (GET, no state change) and the revert form."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from workbench.audit.queries import LogFilter
from workbench.history.models import ACTIONS

# The user filter's value for changes made by commands run without a user (imports, seeding).
COMMANDS = "commands"
ENTITY_TYPES = ("article", "claim", "claim_value", "review", "evidence", "source", "flag", "flag_member", "user",
                "login_lockout", "job")


class LogFilterForm(FlaskForm):
    """Filters of the global audit log, read from the query string."""

    class Meta:
        # A GET form that changes nothing: no CSRF token, so filtered URLs can be shared.
        csrf = False

    user = SelectField("User", choices=[], default="", validate_choice=True)
    entity_type = SelectField("Entity", choices=[SelectChoice("", "Any"),
                                                 *(SelectChoice(t, t.replace("_", " ")) for t in ENTITY_TYPES)],
                              default="")
    action = SelectField("Action", choices=[SelectChoice("", "Any"), *(SelectChoice(a, a) for a in ACTIONS)],
                         default="")
    date_from = DateField("From", validators=[Optional()])
    date_to = DateField("To", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        users = kwargs.pop("users")
        super().__init__(*args, **kwargs)
        self.user.choices = [SelectChoice("", "Anyone"), SelectChoice(COMMANDS, "Commands (no user)"),
                             *(SelectChoice(str(uid), label) for uid, label in users)]

    def log_filter(self) -> LogFilter:
        """The validated filters as a LogFilter."""
        return LogFilter(
            actor_id=int(self.user.data) if self.user.data not in ("", COMMANDS) else None,
            by_commands=self.user.data == COMMANDS,
            entity_type=self.entity_type.data or None,
            action=self.action.data or None,
            date_from=self.date_from.data,
            date_to=self.date_to.data,
        )

    def validate_date_to(self, field) -> None:
        """The range must not end before it starts."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date is before the start date.")


class RevertForm(FlaskForm):
    """Revert an entity to its state after a revision: a reason and the version it was seen at."""

    reason = TextAreaField("Reason", validators=[DataRequired("Give a reason for the revert."), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField("Revert")

    def posted_version(self) -> int | None:
        """The version posted with the form, or None if missing or not a number."""
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None
