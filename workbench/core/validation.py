"""Checks of what enters the workbench from outside: text without control characters, and URLs.

One URL check (`check_url`) serves every place a URL enters (the import form, file metadata,
the source form, the source operation, the export settings) and every place one is linked
(`web_link`), so they cannot drift apart. One control-character guard (`register_input_guard`)
refuses form fields and query parameters carrying NUL or other C0 controls before any view
sees them: PostgreSQL cannot store NUL in text at all, and SQLite would store it, so without
the guard the same input was a 500 on one database and stored on the other.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from flask import Flask, render_template, request
from wtforms.validators import ValidationError

MAX_URL_LENGTH = 2000
# C0 controls and DEL, except tab, line feed and carriage return, which text fields may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional overrides and isolates (and the marks): in a link they make the address shown
# differ from the address followed.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class InvalidURL(ValueError):
    """A URL that is refused; the message says why, for the user."""


def control_character(text: str) -> str | None:
    """The first control character in `text` that text here may not hold, as U+XXXX, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def strip_controls(text: str, keep: str = "") -> str:
    """`text` without NUL and other C0 controls (tab, line feed, carriage return and `keep` kept)."""
    return CONTROL_CHARACTERS.sub(lambda m: m.group() if m.group() in keep else "", text)


def check_url(value: str, *, assume_https: bool = False) -> str:
    """`value` as an http(s) URL, or InvalidURL saying what is wrong.

    Surrounding whitespace is dropped; whitespace, control, bidi and other invisible format
    characters inside are refused, as is any scheme but http and https and a missing host.
    With `assume_https`, a bare domain ("example.org/report") becomes https://example.org/report.
    """
    url = (value or "").strip()
    if not url:
        raise InvalidURL("Enter an address.")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURL(f"The address is longer than {MAX_URL_LENGTH} characters.")
    for ch in url:
        if ch.isspace():
            raise InvalidURL("The address contains a space or line break; remove it.")
        category = unicodedata.category(ch)
        if ch in BIDI_CONTROLS or category in ("Cc", "Cf"):
            raise InvalidURL(f"The address contains an invisible control character (U+{ord(ch):04X}); remove it.")
    if assume_https and "://" not in url and not url.lower().startswith(("http:", "https:")):
        url = f"https://{url}"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (a port that is no number raises ValueError here)
    except ValueError:
        raise InvalidURL("The address is not a valid URL.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURL("Only http:// and https:// addresses are accepted.")
    if not host:
        raise InvalidURL("The address has no host name (it should look like https://example.org/page).")
    return url


def web_link(url: str | None) -> str | None:
    """`url` if it is a valid http(s) link, else None: pages never link javascript: or data:."""
    if not url:
        return None
    try:
        return check_url(url)
    except InvalidURL:
        return None


def _refused_field() -> tuple[str, str] | None:
    """(field name, character) of the first form field or query parameter with a control character."""
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            found = control_character(name) or control_character(value)
            if found:
                return name, found
    return None


def register_input_guard(app: Flask) -> None:
    """Refuse, with a 400 and the field named, any request whose fields hold control characters."""

    @app.before_request
    def refuse_control_characters():
        refused = _refused_field()
        if refused is None:
            return None
        name, found = refused
        shown = strip_controls(name)[:60] or "a field"
        message = (f"The field “{shown}” contains a control character ({found}), which text here cannot hold. "
                   "Remove it (it is often pasted in with copied text) and send again.")
        return render_template("error.html", code=400, title="Control character in the input", message=message), 400


class ValidURL:
    """WTForms validator: the field's URL passes `check_url` (and is stored as checked)."""

    def __init__(self, *, assume_https: bool = False) -> None:
        self.assume_https = assume_https

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        try:
            field.data = check_url(field.data, assume_https=self.assume_https)
        except InvalidURL as exc:
            raise ValidationError(str(exc)) from None
