"""The job pages' forms: cancel a job, start a corpus-wide job."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField


class CancelJobForm(FlaskForm):
    submit = SubmitField("Cancel this job")


class RetryJobForm(FlaskForm):
    submit = SubmitField("Run the rest again")


class StartReextractionForm(FlaskForm):
    submit = SubmitField("Re-extract every article")


class StartDetectionForm(FlaskForm):
    submit = SubmitField("Detect inconsistencies over every article")
