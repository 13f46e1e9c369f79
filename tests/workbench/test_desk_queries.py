"""The desk's pages run a fixed number of SQL statements: not one more for a bigger page or a
bigger corpus (the property that keeps them fast at a million claims; bench/desk_at_scale.py
measures the time)."""
from __future__ import annotations

from sqlalchemy import event, select

from tests.factories import ENGLISH, do_import, seed
from workbench.extensions import db
from workbench.review.models import Claim
from workbench.review.operations import add_review


def statements_for(client, url: str) -> int:
    seen = []

    def listener(*args) -> None:
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200, (url, response.status_code)
    return len(seen)


PAGES = ["/desk/", "/desk/queues/unreviewed", "/desk/queues/all", "/desk/queues/in_review",
         "/desk/queues/flagged", "/desk/queues/mine", "/desk/queues/all?verdict=True&status=in_review",
         "/desk/search?q=the", "/desk/dashboard", "/desk/articles/{article}", "/desk/articles/{article}?claim={claim}"]


def judge(claims, user) -> None:
    for claim in claims:
        add_review(claim, (5, "True"), "Checked.", user, claim.version)


def test_statements_do_not_grow_with_the_page_or_the_corpus(app, client, login_as, runner, make_user):
    editor = login_as("editor")
    articles = seed(runner)  # the demo articles hold flags already
    reviewer = make_user("reviewer")
    claims = list(db.session.scalars(select(Claim).order_by(Claim.id)))
    judge(claims[:2], reviewer)
    for claim in claims[2:4]:
        claim.assignee_id = editor.id
    db.session.commit()
    first = articles["001"]
    claim = db.session.scalars(select(Claim).where(Claim.article_id == first.id).order_by(Claim.id)).first()
    urls = [page.format(article=first.id, claim=claim.id) for page in PAGES]
    app.config["PAGE_SIZE"] = 2
    small = {url: statements_for(client, url) for url in urls}
    # A bigger corpus (one more article, more verdicts by two people, more assignments) and a bigger page.
    do_import("expo.txt", ENGLISH.encode())
    claims = list(db.session.scalars(select(Claim).order_by(Claim.id)))
    judge(claims[4:12], reviewer)
    judge(claims[12:14], make_user("reviewer"))
    for other in claims[14:20]:
        other.assignee_id = editor.id
    db.session.commit()
    app.config["PAGE_SIZE"] = 50
    assert {url: statements_for(client, url) for url in urls} == small
