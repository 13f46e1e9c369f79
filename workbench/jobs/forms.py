"""The job pages' forms: cancel a job, start a corpus-wide job."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField

from workbench.exports.forms import ExportForm


class CancelJobForm(FlaskForm):
    submit = SubmitField("Cancel this job")


class RetryJobForm(FlaskForm):
    submit = SubmitField("Run the rest again")


class StartReextractionForm(FlaskForm):
    submit = SubmitField("Re-extract every article")


class StartDetectionForm(FlaskForm):
    submit = SubmitField("Detect inconsistencies over every article")


class ExportJobForm(ExportForm):
    """The export page's choices, posted (with the CSRF token) to run the report as a job."""

    class Meta:
        # Flask-WTF's own rule again (on unless the config switches it off), over ExportForm's GET-only False.
        csrf = FlaskForm.Meta.csrf
