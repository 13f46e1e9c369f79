"""The browser the e2e tests drive: Debian's Chromium through Playwright, and the live server.

Importing this module skips the importing test module where /usr/bin/chromium is missing, unless
WORKBENCH_E2E_REQUIRED=1 (CI sets it, and installs Chromium), so a missing browser can never pass
silently there. The fixtures are registered in tests/e2e/conftest.py.
"""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from waitress.server import create_server

from tests.conftest import PASSWORD
from workbench.app import create_app
from workbench.auth.operations import create_user
from workbench.extensions import db
from workbench.history.recording import Actor

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

if not shutil.which(CHROMIUM):
    if os.environ.get("WORKBENCH_E2E_REQUIRED") == "1":
        raise RuntimeError(f"browser tests are required here but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def serve_live_app(database_url):
    """The real app (CSRF on) served by Waitress on a free port, with the demo articles and an editor."""
    app = create_app("test", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code == 0, result.output
        create_user("e2e@example.org", PASSWORD, "editor", Actor(None, "tests"), name="E2E Editor")
        db.session.commit()
        db.session.remove()
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.effective_port}"
    server.close()
    with app.app_context():
        db.engine.dispose()


def chromium_page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()
