"""Error pages: a clear message and the right status, never a traceback."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.sansio.multipart import MultipartDecoder

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


def unreadable_form() -> bool:
    """Whether the request sent a body that Werkzeug could not parse as the form it claims to be.

    Werkzeug drops a malformed multipart body silently (an empty form); the missing CSRF token
    is then only a symptom.
    """
    if request.mimetype not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return False
    return bool(request.content_length) and not request.form and not request.files


def too_large_reason(error: BaseException, config) -> tuple[str, str]:
    """(title, message) saying which of the request limits a 413 hit."""
    limit_mb = config["MAX_UPLOAD_MB"]
    if (request.content_length or 0) > (config.get("MAX_CONTENT_LENGTH") or 0) or not request.content_length:
        return "File too large", f"The upload is larger than the {limit_mb} MB limit."
    # Within the size limit, Werkzeug's multipart decoder refused the form's shape; its state
    # in the traceback says whether it counted too many parts or met a too-long text field.
    traceback = error.__traceback__
    while traceback is not None:
        decoder = traceback.tb_frame.f_locals.get("self")
        if isinstance(decoder, MultipartDecoder) and decoder.max_parts is not None \
                and decoder._parts_decoded > decoder.max_parts:
            return "Too many form fields", (f"The form has more than {config['MAX_FORM_PARTS']:,} parts; "
                                            "send fewer fields or files at once.")
        traceback = traceback.tb_next
    kb = config["MAX_FORM_MEMORY_SIZE"] // 1000
    return "Form field too long", (f"A text field of the form is longer than {kb:,} kB; shorten it "
                                   f"(files may be up to {limit_mb} MB).")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        if unreadable_form():
            message = ("The form data could not be read (the request's body is not well-formed form data). "
                       "Reload the page and submit again.")
            return render_template("error.html", code=400, title="Unreadable form", message=message), 400
        message = "The form's security token is missing or has expired. Reload the page and submit again."
        return render_template("error.html", code=400, title="Form expired", message=message), 400

    @app.errorhandler(413)
    def too_large(error):
        title, message = too_large_reason(error, app.config)
        return render_template("error.html", code=413, title=title, message=message), 413

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
