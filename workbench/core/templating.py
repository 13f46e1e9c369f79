"""Template filters and globals."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask


def format_datetime(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["when"] = format_datetime

    @app.context_processor
    def endpoints():
        # Lets templates link to pages of domains that may not be registered in every build.
        return {"url_rules": app.view_functions}
