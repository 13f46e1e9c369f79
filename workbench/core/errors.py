"""Error pages: a clear message and the right status, never a traceback."""
from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = "The form's security token is missing or has expired. Reload the page and submit again."
        return render_template("error.html", code=400, title="Form expired", message=message), 400

    @app.errorhandler(413)
    def too_large(error):
        message = f"The upload is larger than the {app.config['MAX_UPLOAD_MB']} MB limit."
        return render_template("error.html", code=413, title="File too large", message=message), 413

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return (
            render_template("error.html", code=error.code, title=error.name, message=error.description),
            error.code,
        )
