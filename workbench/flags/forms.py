"""Forms of the flag pages: list filters, status changes, manual flags, the detect button."""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from workbench.core.routing import LARGEST_ROW_ID
from workbench.flags.models import FLAG_STATUSES, SEVERITIES
from workbench.flags.operations import MANUAL_KINDS

NOTE_MAX = 5000
ANY = SelectChoice("", "any")


class FilterForm(FlaskForm):
    """The GET filters of a flag list (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    status = SelectField("Status", choices=[ANY, *[SelectChoice(s, s) for s in FLAG_STATUSES]], default="")
    kind = StringField("Kind", validators=[Optional(), Length(max=40)])
    severity = SelectField("Severity", choices=[ANY, *[SelectChoice(s, s) for s in SEVERITIES]], default="")
    article = IntegerField("Article id", validators=[Optional(), NumberRange(min=1, max=LARGEST_ROW_ID)])
    page = IntegerField("Page", default=1, validators=[Optional(), NumberRange(min=1, max=LARGEST_ROW_ID)])


class ConfirmForm(FlaskForm):
    """Confirm a flag, with an optional comment."""

    version = HiddenField(validators=[InputRequired()])
    status = HiddenField()  # shown on the conflict page: what this edit would set
    resolution_note = TextAreaField("Comment (optional)", validators=[Optional(), Length(max=NOTE_MAX)])
    submit = SubmitField("Confirm")


class DismissForm(FlaskForm):
    """Dismiss a flag; the reason is required."""

    version = HiddenField(validators=[InputRequired()])
    status = HiddenField()
    resolution_note = TextAreaField("Reason", validators=[
        DataRequired("Give a reason for dismissing this flag."), Length(max=NOTE_MAX)])
    submit = SubmitField("Dismiss")


class ResolveForm(FlaskForm):
    """Resolve a flag; the note is required."""

    version = HiddenField(validators=[InputRequired()])
    status = HiddenField()
    resolution_note = TextAreaField("Resolution note", validators=[
        DataRequired("Say how the inconsistency was resolved."), Length(max=NOTE_MAX)])
    submit = SubmitField("Resolve")


class ManualFlagForm(FlaskForm):
    """A flag raised by hand over two or more claims."""

    claim_ids = StringField("Claim ids (two or more, separated by commas or spaces)",
                            validators=[DataRequired("List the claims this flag links.")])
    kind = SelectField("Kind", choices=[SelectChoice(k, k.replace("_", " ")) for k in MANUAL_KINDS], default="other")
    severity = SelectField("Severity", choices=[SelectChoice(s, s) for s in SEVERITIES], default="medium")
    explanation = TextAreaField("Explanation", validators=[
        DataRequired("Explain what does not add up."), Length(max=NOTE_MAX)])
    submit = SubmitField("Create flag")

    def validate_claim_ids(self, field) -> None:
        parts = [p for p in re.split(r"[\s,;]+", field.data or "") if p]
        if any(not p.isdigit() for p in parts):
            raise ValidationError("Claim ids are whole numbers, like 12, 40.")
        ids = list(dict.fromkeys(int(p) for p in parts))
        beyond = [i for i in ids if i > LARGEST_ROW_ID]
        if beyond:
            raise ValidationError(f"There is no claim {beyond[0]}.")
        if len(ids) < 2:
            raise ValidationError("A flag links at least two different claims.")
        self.parsed_ids = ids


class DetectForm(FlaskForm):
    """The editors' button that runs detection over every article."""

    submit = SubmitField("Detect inconsistencies in all articles")
