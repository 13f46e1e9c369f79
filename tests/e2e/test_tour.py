"""The README's ten-minute tour, step by step in a real browser, on the demo that scripts/run sets up.

The README's two screenshots are taken here (docs/screenshots/tour-*.png), so the tour and the
pictures cannot drift from the app. Chromium and its flags come from tests/e2e/browser.py.
"""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from waitress.server import create_server

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, sync_api
from workbench.app import create_app
from workbench.extensions import db
from workbench.settings import config

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHANGHAI = "Shanghai Energy Conservation Publicity Week"


@pytest.fixture
def demo(database_url):
    """The app as scripts/run leaves it: `workbench seed --demo-work`, passwords read from its output."""
    # The engine's real threshold, not the test app's "every sentence": the README's pictures show
    # the demo as scripts/run leaves it.
    app = create_app("test", DATABASE_URL=database_url, WTF_CSRF_ENABLED=True,
                     CLAIM_THRESHOLD=config.Config.CLAIM_THRESHOLD)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed", "--demo-work"])
        assert result.exit_code == 0, result.output
        db.session.remove()
    passwords = dict(re.findall(r"user\s+(\S+@example\.org) \(\w+\) password: (\S+)", result.output))
    assert set(passwords) == {"reviewer@example.org", "editor@example.org", "admin@example.org"}
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}", passwords
    server.close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def browser_page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        yield page
        browser.close()


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main input[type=submit], main button[type=submit]").first.click()
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.locator("header").get_by_role("button", name="Log out").click()


def test_the_readme_tour(demo, browser_page, tmp_path):
    base, passwords = demo
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # 1. Log in as the reviewer; the article list shows the demo articles.
    log_in(page, base, "reviewer@example.org", passwords["reviewer@example.org"])
    assert page.get_by_role("link", name=re.compile(SHANGHAI)).count() == 1

    # 2. Open the Shanghai article: its claims are highlighted in the text.
    page.get_by_role("link", name=re.compile(SHANGHAI)).click()
    assert page.locator(".article-body mark.claim").count() >= 3
    page.screenshot(path=str(SCREENSHOTS / "tour-article.png"), full_page=False)

    # 3. See its flag: the ceremony dated outside its week, both sentences side by side.
    page.locator("a", has_text="date outside span").first.click()
    page.wait_for_url("**/flags/*")
    assert "June 10th" in page.locator("main").inner_text()
    assert "outside the period" in page.locator("main .hint").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "tour-flag.png"), full_page=True)

    # 4. Open the flagged claim, attach a source and record a verdict.
    page.locator(".flag-member h3 a").first.click()
    page.locator("table a", has_text="June 10th").first.click()
    page.wait_for_url("**/claims/*")
    claim_url = page.url
    page.get_by_label("Source URL").fill("https://www.example.org/publicity-week-programme")
    page.get_by_label("Source title").fill("Publicity Week programme")
    page.get_by_label("Quote").fill("The opening ceremony was held on 10 July.")
    page.get_by_role("button", name="Attach source").click()
    assert "Publicity Week programme" in page.locator("main").inner_text()
    page.get_by_label("Verdict").select_option(label="False")
    page.get_by_label("Rationale").fill("The programme dates the opening ceremony to 10 July, not 10 June.")
    page.get_by_role("button", name="Record verdict").click()
    assert "awaiting approval" in page.locator("main h1").inner_text()

    # 5. The editor approves it.
    log_out(page)
    log_in(page, base, "editor@example.org", passwords["editor@example.org"])
    page.goto(claim_url)
    page.get_by_role("button", name="Approve").click()
    assert "approved" in page.locator("main h1").inner_text() and "False" in page.locator("main h1").inner_text()

    # 6. Export the approved claims: the one just approved is in the report.
    page.locator("header").get_by_role("link", name="Export").click()
    page.select_option("select[name=format]", "json")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Download")).click()
    report = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert any("June 10th" in claim["text"] for claim in report["claims"])

    # 7. The claim's history holds every step: the source, the verdict and its approval.
    page.goto(claim_url)
    page.get_by_role("link", name="history").first.click()
    history = page.locator("main").inner_text()
    assert "reviewer@example.org" in history and "editor@example.org" in history
