"""Security headers on every response, and templates that satisfy the Content-Security-Policy."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import login
from workbench.app import create_app
from workbench.auth.operations import create_user
from workbench.extensions import db
from workbench.history.recording import Actor

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The HTML/PDF report is a downloaded, self-contained document (WeasyPrint lays it out, the browser
# saves it as an attachment): it carries its style inline on purpose and is never shown under our CSP.
SELF_CONTAINED = {"exports/report.html"}


@pytest.fixture
def production_app(database_url):
    """The app as a team deployment configures it; its engine disposed after (no connection left to GC)."""
    app = create_app("production", DATABASE_URL=database_url, SECRET_KEY="s" * 40)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_every_page_carries_the_security_headers(client, make_user):
    for response in (client.get("/login"), client.get("/no-such-page")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in response.headers  # development and tests: plain HTTP


def test_private_pages_are_not_stored_and_the_stylesheet_may_be(client, make_user):
    login(client, make_user("admin"))
    for path in ("/", "/admin/users", "/account"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store"
    stylesheet = client.get("/static/css/workbench.css")
    stylesheet.close()  # a file response: close it, or its open file is reported at exit
    assert stylesheet.status_code == 200
    assert stylesheet.headers.get("Cache-Control") != "no-store"
    assert stylesheet.headers["X-Content-Type-Options"] == "nosniff"


def test_production_sends_hsts(production_app):
    app = production_app
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/login", base_url="https://desk.example.org")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_plain_http_trial_may_turn_the_secure_cookie_off(database_url, monkeypatch):
    monkeypatch.setenv("WORKBENCH_SESSION_COOKIE_SECURE", "false")
    app = create_app("production", DATABASE_URL=database_url, SECRET_KEY="s" * 40)
    assert app.config["SESSION_COOKIE_SECURE"] is False
    with app.app_context():
        db.engine.dispose()


def test_login_cookie_is_httponly_samesite_and_secure_in_production(production_app):
    app = production_app
    with app.app_context():
        create_user("desk@example.org", "otter lantern quarry maple", "reviewer", Actor(None, "tests"))
        db.session.commit()
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/login", base_url="https://desk.example.org").get_data(as_text=True)).group(1)
    # Over HTTPS, Flask-WTF also checks that the form was posted from this site (Referer).
    response = client.post("/login", base_url="https://desk.example.org",
                           headers={"Referer": "https://desk.example.org/login"}, data={
        "email": "desk@example.org", "password": "otter lantern quarry maple", "csrf_token": token})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("path", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")))
def test_no_template_has_inline_script_or_style(path):
    if path in SELF_CONTAINED:
        pytest.skip("a downloaded self-contained document, never shown under the CSP")
    text = (TEMPLATES / path).read_text()
    assert not re.search(r"<style\b", text, re.I), "a <style> block: move it to static/css/workbench.css"
    assert not re.search(r"\sstyle\s*=", text, re.I), "a style attribute: use a class in workbench.css"
    assert not re.search(r"\son[a-z]+\s*=", text, re.I), "an inline event handler: the CSP blocks it"
    assert "javascript:" not in text.lower()
    for script in re.finditer(r"<script\b([^>]*)>", text, re.I):
        attributes = script.group(1)
        # A script from our static folder, or a JSON data block (not executed, so not script under CSP).
        assert "src=" in attributes or "application/ld+json" in attributes or "application/json" in attributes, (
            "an inline script: serve it from static/js instead")
