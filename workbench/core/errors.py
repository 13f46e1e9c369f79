"""Error pages: a clear message and the right status, never a traceback."""
from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from workbench.extensions import db

# Seconds a client is asked to wait before retrying a request the database was too busy for.
BUSY_RETRY_AFTER = 5
# PostgreSQL: lock_not_available (lock_timeout), query_canceled (statement_timeout),
# serialization_failure, deadlock_detected.
_PG_BUSY_CODES = {"55P03", "57014", "40001", "40P01"}


def is_busy(error: OperationalError) -> bool:
    """Whether `error` means the database was busy (a lock not granted in time), not broken."""
    code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if code in _PG_BUSY_CODES:
        return True
    message = str(error.orig).lower()
    return "database is locked" in message or "database is busy" in message


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = "The form's security token is missing or has expired. Reload the page and submit again."
        return render_template("error.html", code=400, title="Form expired", message=message), 400

    @app.errorhandler(413)
    def too_large(error):
        message = f"The upload is larger than the {app.config['MAX_UPLOAD_MB']} MB limit."
        return render_template("error.html", code=413, title="File too large", message=message), 413

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        if not is_busy(error):
            raise error
        # Nothing of the request is kept. The page is rendered without the context processors
        # (Flask-Login's loads the user): a query here would wait for the same lock again.
        db.session.rollback()
        page = app.jinja_env.get_template("busy.html").render(retry_after=BUSY_RETRY_AFTER)
        return (page, 503,
                {"Retry-After": str(BUSY_RETRY_AFTER)})

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return (
            render_template("error.html", code=error.code, title=error.name, message=error.description),
            error.code,
        )
