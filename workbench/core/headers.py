"""Security headers on every response, set in one place.

The Content-Security-Policy allows scripts, styles, images and fonts from this site only: no inline
script or style, no plugin, no framing by another site, forms posting only here. The templates
are written to satisfy it (tests/workbench/test_headers.py checks that none carries inline script
or style). Strict-Transport-Security is sent only when HSTS_SECONDS > 0 (production's default),
since it tells browsers to refuse plain HTTP to this host for that long.
"""
from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    # Page addresses carry claim and article ids: other sites need not learn them.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def register_security_headers(app: Flask) -> None:
    """Add the security headers to every response of `app`."""
    hsts_seconds = int(app.config["HSTS_SECONDS"])

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts_seconds > 0:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains")
        if request.endpoint != "static":
            # Every page but the stylesheet may show private data (claims under review, users,
            # exports): neither the browser nor a proxy may keep a copy after logout.
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers.setdefault("Pragma", "no-cache")
        return response
