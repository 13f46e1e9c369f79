"""Upload form for importing articles."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from workbench.core.validation import ValidURL

LANGUAGE_CHOICES = [
    SelectChoice(code, label)
    for code, label in (("", "Detect"), ("en", "English"), ("de", "German"), ("fr", "French"), ("es", "Spanish"),
                        ("zh", "Chinese"))
]


class ImportForm(FlaskForm):
    # More than a few files, or large ones, are imported by a background job (workbench.jobs).
    file = MultipleFileField("Article files (.txt, .md, .html)", validators=[FileRequired("Choose a file to import.")])
    title = StringField("Title", validators=[Optional(), Length(max=500)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])
    url = URLField("URL", validators=[Optional(), ValidURL()])
    published = DateField("Published", validators=[Optional()])
    language = SelectField("Language", choices=LANGUAGE_CHOICES, default="")
    submit = SubmitField("Import")

    def metadata(self) -> dict:
        fields = {"title": self.title.data, "outlet": self.outlet.data, "url": self.url.data,
                  "published": self.published.data, "language": self.language.data}
        return {k: v for k, v in fields.items() if v}


class ReextractForm(FlaskForm):
    submit = SubmitField("Re-run the claim engine")


class DeleteArticleForm(FlaskForm):
    reason = StringField("Reason", validators=[DataRequired("Say why the article is removed."), Length(max=500)])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField("Remove article")
