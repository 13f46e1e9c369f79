"""Forms of the flag pages: list filters, status changes, manual flags, the detect button."""
from __future__ import annotations

from collections.abc import Sequence

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

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


# A flag raised by hand links claims of one article (chosen from its list), so the engine's
# cross-article kind does not apply to it.
HAND_KINDS = tuple(k for k in MANUAL_KINDS if not k.startswith("cross_"))


class ManualFlagForm(FlaskForm):
    """A flag raised by hand over two or more claims of one article, chosen from the article's claims.

    `claims` are the article's live claims in the order of its claim table; a claim is shown
    with its number in that table, and only those claims can be chosen.
    """

    article = IntegerField(widget=HiddenInput(), validators=[
        InputRequired("Open the flag form from an article."), NumberRange(min=1, max=LARGEST_ROW_ID)])
    claim_ids = SelectMultipleField("Claims (two or more)", coerce=int, validate_choice=False,
                                    invalid_value_message="Choose the claims by ticking them in the article's list.")
    kind = SelectField("Kind", choices=[SelectChoice(k, k.replace("_", " ")) for k in HAND_KINDS], default="other")
    severity = SelectField("Severity", choices=[SelectChoice(s, s) for s in SEVERITIES], default="medium")
    explanation = TextAreaField("Explanation", validators=[
        DataRequired("Explain what does not add up."), Length(max=NOTE_MAX)])
    preview = SubmitField("Preview the flag")
    change = SubmitField("Change")
    create = SubmitField("Create flag")

    def __init__(self, *args, claims: Sequence = (), article_title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.claims = list(claims)
        self.article_title = article_title

    def numbered(self) -> list[tuple[int, object]]:
        """The article's claims with their numbers in its claim table."""
        return list(enumerate(self.claims, start=1))

    def chosen(self) -> list[tuple[int, object]]:
        """The chosen claims, numbered as in the table, in table order."""
        ids = set(self.claim_ids.data or ())
        return [(n, claim) for n, claim in self.numbered() if claim.id in ids]

    def validate_claim_ids(self, field) -> None:
        if field.process_errors:
            return
        ids = list(dict.fromkeys(field.data or ()))
        known = {claim.id for claim in self.claims}
        foreign = [i for i in ids if i not in known]
        if foreign:
            raise ValidationError(
                f"Claim id {', '.join(map(str, foreign))} is not a claim of the article “{self.article_title}”: "
                "choose the claims from this article's list.")
        if len(ids) < 2:
            raise ValidationError("A flag links at least two different claims: tick two or more.")
        field.data = ids


class DetectForm(FlaskForm):
    """The editors' button that runs detection over every article."""

    submit = SubmitField("Detect inconsistencies in all articles")
