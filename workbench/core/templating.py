"""Template filters every domain uses (dates, safe links); domains register their own beside them."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from workbench.core.validation import web_link


def format_datetime(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["when"] = format_datetime
    app.jinja_env.filters["web_link"] = web_link
