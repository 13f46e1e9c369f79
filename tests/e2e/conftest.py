"""The e2e tests' fixtures: the live server and a Chromium page (tests/e2e/browser.py)."""
from __future__ import annotations

import pytest


@pytest.fixture
def live_server(database_url):
    from tests.e2e.browser import serve_live_app
    yield from serve_live_app(database_url)


@pytest.fixture
def page():
    from tests.e2e.browser import chromium_page
    yield from chromium_page()
