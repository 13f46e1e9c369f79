"""axe-core in Chromium over every page a person opens: no serious or critical violation.

axe-core comes with the test tools (axe-playwright-python ships the npm registry's axe.min.js), so
the check needs no network. It is injected through the browser's debugging channel, not as a page
script, so the pages keep their Content-Security-Policy while they are checked.
"""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.e2e.browser import sync_api  # noqa: F401  (skips this module without Chromium)
from workbench.articles.models import Article
from workbench.extensions import db
from workbench.flags.models import Flag
from workbench.history.models import Revision
from workbench.review.models import Claim

BLOCKING = {"serious", "critical"}


def page_urls(app) -> list[str]:
    """Every kind of page, with real ids from the demo data (a German article among them)."""
    with app.app_context():
        german = db.session.scalars(select(Article).where(Article.language == "de")).first()
        claim = db.session.scalars(select(Claim).where(Claim.article_id == german.id)).first()
        flag = db.session.scalars(select(Flag)).first()
        revision = db.session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1))
        ids = german.id, claim.id, flag.id, revision
        db.session.remove()
    article, claim, flag, revision = ids
    return ["/", "/articles/import", f"/articles/{article}", f"/articles/{article}/flags",
            f"/articles/{article}/history", f"/articles/{article}/story", f"/claims/{claim}",
            f"/claims/{claim}/history", "/flags", f"/flags/{flag}", "/flags/new", "/exports", "/audit",
            f"/revisions/{revision}", "/desk/", "/desk/queues/unreviewed", "/desk/queues/all?kind=x",
            f"/desk/articles/{article}", f"/desk/articles/{article}?claim={claim}", "/desk/search?q=energ",
            "/desk/dashboard", "/help", "/account", "/admin/users"]


def blocking_violations(tab) -> list[str]:
    results = Axe().run(tab)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v.get("impact") in BLOCKING]


def test_no_serious_or_critical_violation_on_any_page(live_server, page):
    app, base = live_server
    with app.app_context():
        from workbench.auth.models import User
        user = db.session.scalars(select(User).where(User.email == "e2e@example.org")).one()
        user.role = "admin"  # admins see every page, the user administration included
        db.session.commit()
        db.session.remove()
    page.goto(f"{base}/login")
    assert blocking_violations(page) == []
    page.fill("input[name=email]", "e2e@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/")
    found = {}
    for url in page_urls(app):
        response = page.goto(base + url)
        assert response.status == 200, url
        problems = blocking_violations(page)
        if problems:
            found[url] = problems
    assert found == {}
