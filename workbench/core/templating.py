"""Template filters and globals."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from flask import Flask

from workbench.review.operations import current_review
from workbench.review.states import REVIEW_STATE_LABELS, state_label


def format_datetime(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def web_link(url: str | None) -> str | None:
    """`url` if it is an http(s) link, else None: pages never link javascript: or data:."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["when"] = format_datetime
    app.jinja_env.filters["web_link"] = web_link
    app.jinja_env.filters["state"] = state_label
    app.jinja_env.globals["verdict_of"] = current_review
    app.jinja_env.globals["review_state_label"] = lambda s: REVIEW_STATE_LABELS.get(s, s)
