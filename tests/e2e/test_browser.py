"""A reviewer's path through the workbench in a real browser (Debian's Chromium, driven by Playwright).

Skipped where /usr/bin/chromium is missing, unless WORKBENCH_E2E_REQUIRED=1 (CI sets it, and
installs Chromium), so a missing browser can never pass silently there.
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.e2e.browser import sync_api  # noqa: F401  (skips this module without Chromium)
from workbench.articles.models import Article
from workbench.articles.queries import live_claims
from workbench.extensions import db
from workbench.history.queries import chain_head


def test_reviewer_logs_in_reads_an_article_and_edits_a_claim(live_server, page):
    app, base = live_server
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=email]", "e2e@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/")
    page.click("text=Shanghai Energy Conservation Publicity Week")
    assert page.locator("mark.claim").count() >= 3
    assert "June 10th" in page.locator(".article-body").inner_text()

    page.locator("table a", has_text="June 10th").first.click()
    page.wait_for_url("**/claims/*")
    page.fill("textarea[name=text]", "On June 10th, the opening ceremony of Publicity Week was held (checked).")
    page.fill("input[name=reason]", "clarified")
    page.click("input[value='Save claim']")
    assert "Claim saved." in page.content()
    with app.app_context():
        article = db.session.scalars(select(Article).where(Article.title.contains("Publicity Week"))).one()
        texts = [c.text for c in live_claims(article.id)]
        db.session.remove()
    assert "On June 10th, the opening ceremony of Publicity Week was held (checked)." in texts


def test_editor_downloads_a_report_naming_the_chain_head(live_server, page):
    app, base = live_server
    page.goto(f"{base}/login")
    page.fill("input[name=email]", "e2e@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/")
    page.click("header >> text=Export")
    page.select_option("select[name=format]", "json")
    page.select_option("select[name=status]", "all")
    with page.expect_download() as info:
        page.click("button:has-text('Download')")
    download = info.value
    assert download.suggested_filename.startswith("claims-all-") and download.suggested_filename.endswith(".json")
    report = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    with app.app_context():
        head = chain_head()
        db.session.remove()
    assert report["export"]["chain_head"] == {"revision_id": head[0], "hash": head[1],
                                              "verify": f"workbench audit verify --anchor {head[0]}:{head[1]}"}
    assert any("June 10th" in claim["text"] for claim in report["claims"])
