"""Template filters and globals."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from workbench.core.validation import web_link
from workbench.review.operations import current_review
from workbench.review.states import REVIEW_STATE_LABELS, state_label


def format_datetime(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["when"] = format_datetime
    app.jinja_env.filters["web_link"] = web_link
    app.jinja_env.filters["state"] = state_label
    app.jinja_env.globals["verdict_of"] = current_review
    app.jinja_env.globals["review_state_label"] = lambda s: REVIEW_STATE_LABELS.get(s, s)
