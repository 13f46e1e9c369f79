"""Accounts in a real browser: every page satisfies the Content-Security-Policy; a user changes their password."""
from __future__ import annotations

from tests.conftest import PASSWORD
from tests.e2e.browser import sync_api  # noqa: F401  (skips this module without Chromium)

NEW_PASSWORD = "otter lantern quarry maple"
PAGES = ["/", "/flags", "/exports", "/audit", "/account", "/articles/import"]


def log_in(page, base, password=PASSWORD):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", "e2e@example.org")
    page.fill("input[name=password]", password)
    page.click("input[type=submit]")


def test_no_page_breaks_the_content_security_policy(live_server, page):
    _app, base = live_server
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    log_in(page, base)
    page.wait_for_url(f"{base}/")
    for path in PAGES:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(f"{base}/")
    page.click("text=Shanghai Energy Conservation Publicity Week")
    page.locator("table a", has_text="June 10th").first.click()
    page.wait_for_url("**/claims/*")
    # The stylesheet applied (it is the only source of style the CSP allows).
    assert page.evaluate("getComputedStyle(document.querySelector('header')).display") != "inline"
    assert refused == []


def test_user_changes_password_on_the_account_page(live_server, page):
    _app, base = live_server
    log_in(page, base)
    page.wait_for_url(f"{base}/")
    page.click("header >> text=E2E Editor")
    page.wait_for_url(f"{base}/account")
    assert "hard to guess" in page.content()
    page.fill("input[name=current_password]", PASSWORD)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.click("input[value='Change password']")
    assert "Your password is changed" in page.content()
    page.click("button:has-text('Log out')")
    page.wait_for_url("**/login")
    log_in(page, base, NEW_PASSWORD)
    page.wait_for_url(f"{base}/")
