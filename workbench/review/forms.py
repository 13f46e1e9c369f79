"""Forms on the claim page: edit, verdict, approval (the source forms are in workbench/sources)."""
from __future__ import annotations

from flask import current_app
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from workbench.core.forms import VersionedForm, word_choices
from workbench.review.models import CLAIM_STATUSES
from workbench.review.states import state_label


def _state_choices(values) -> list[SelectChoice]:
    return [SelectChoice(v, state_label(v)) for v in values]


class ClaimEditForm(VersionedForm):
    text = TextAreaField("Claim text", validators=[DataRequired(), Length(max=5000)])
    kind = StringField("Kind", validators=[DataRequired(), Length(max=40)])
    # Choices are the statuses a person may set for this claim (see settable_statuses): the
    # verdict workflow owns 'proposed', 'verified' and 'disputed'.
    status = SelectField("Status", choices=word_choices(CLAIM_STATUSES))
    assignee_id = SelectField("Assignee", coerce=int, default=0)
    reason = StringField("Reason for the change (optional)", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Save claim")

    def __init__(self, *args, assignees=(), statuses=CLAIM_STATUSES, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = _state_choices(statuses)
        self.assignee_id.choices = [SelectChoice(0, "— nobody —")] + [
            SelectChoice(u.id, f"{u.name} ({u.role})") for u in assignees
        ]


def all_ratings() -> list[tuple[int, str]]:
    """The truth scale followed by the desk's other ratings (Misleading, Missing context, ...)."""
    config = current_app.config
    return [(int(v), str(label)) for v, label in [*config["RATING_SCALE"], *config.get("EXTRA_RATINGS", [])]]


def _rating(value) -> int | None:
    return None if value in ("", None) else int(value)


class ReviewForm(VersionedForm):
    # No verdict is preselected: a rating must be a deliberate choice.
    rating = SelectField("Verdict", coerce=_rating, validators=[DataRequired("Choose a verdict.")])
    rationale = TextAreaField("Rationale", validators=[DataRequired(), Length(max=20000)])
    submit = SubmitField("Record verdict")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rating.choices = [SelectChoice("", "— choose a verdict —")] + [
            SelectChoice(int(v), label) for v, label in all_ratings()
        ]

    def rating_pair(self) -> tuple[int, str]:
        labels = {int(v): label for v, label in all_ratings()}
        return self.rating.data, labels[self.rating.data]


class DecisionForm(VersionedForm):
    note = StringField("Note (optional)", validators=[Optional(), Length(max=1000)])
    submit = SubmitField("Submit")
