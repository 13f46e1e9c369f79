"""Forms for attaching a source to a claim and removing the link."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

from workbench.core.forms import VersionedForm, word_choices
from workbench.core.validation import ValidURL
from workbench.sources.models import SOURCE_KINDS, STANCES


class EvidenceForm(FlaskForm):
    url = URLField("Source URL", validators=[DataRequired(), ValidURL()])
    title = StringField("Source title", validators=[Optional(), Length(max=500)])
    publisher = StringField("Publisher", validators=[Optional(), Length(max=200)])
    kind = SelectField("Source kind", choices=word_choices(SOURCE_KINDS), default="other")
    stance = SelectField("Stance", choices=word_choices(STANCES))
    quote = TextAreaField("Quote", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Attach source")


class EvidenceRemoveForm(VersionedForm):
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
    submit = SubmitField("Remove")
