"""Claims of a removed article are refused on their pages and writes; race losers get a 409."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from tests.conftest import login
from tests.factories import ENGLISH, do_import
from workbench.articles.models import Article
from workbench.articles.operations import delete_article
from workbench.extensions import db
from workbench.history.recording import Actor
from workbench.review.models import Claim
from workbench.review.operations import add_review
from workbench.sources.models import Evidence
from workbench.sources.operations import add_evidence

TESTS = Actor(None, "tests")


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_claims_of_a_removed_article_are_refused_everywhere(client, make_user, claim):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    review = add_review(claim, (5, "True"), "Listed.", reviewer, claim.version)
    add_evidence(claim, {"url": "https://example.org/a"}, "supports", "", TESTS)
    evidence_id = db.session.scalars(select(Evidence.id)).one()
    claim_id, review_id, version = claim.id, review.id, db.session.get(Claim, claim.id).version
    delete_article(db.session.get(Article, claim.article_id), 1, TESTS, reason="duplicate")
    login(client, editor)
    page = client.get(f"/claims/{claim_id}")
    assert page.status_code == 404
    assert "which was removed; its claims can no longer be reviewed" in text_of(page)
    edit = client.post(f"/claims/{claim_id}/edit", data={"text": "New.", "kind": "other", "status": "in_review",
                                                        "assignee_id": 0, "version": version})
    verdict = client.post(f"/claims/{claim_id}/reviews", data={"rating": 1, "rationale": "x", "version": version})
    source = client.post(f"/claims/{claim_id}/evidence", data={"url": "https://example.org/b", "stance": "supports",
                                                              "kind": "other"})
    approve = client.post(f"/reviews/{review_id}/approve", data={"version": 1})
    remove = client.post(f"/evidence/{evidence_id}/remove", data={"version": 1})
    assert [r.status_code for r in (edit, verdict, source, approve, remove)] == [404, 404, 404, 409, 409]
    assert "which was removed" in text_of(approve)
    db.session.expire_all()
    assert db.session.get(Claim, claim_id).text == claim.text


def test_the_loser_of_two_article_removals_gets_a_409_saying_who_removed_it(client, login_as, claim):
    article_id = claim.article_id
    login_as("editor")
    first = client.post(f"/articles/{article_id}/delete", data={"reason": "duplicate", "version": 1})
    second = client.post(f"/articles/{article_id}/delete", data={"reason": "also", "version": 1})
    assert first.status_code == 302
    assert second.status_code == 409
    assert f"article {article_id} was already removed by editor-0@example.org" in text_of(second)
    assert "(reason: duplicate)" in text_of(second)


def test_an_edit_that_lost_to_a_verdict_is_a_409_conflict_not_a_bad_choice(client, make_user, claim):
    reviewer = make_user("reviewer")
    version = claim.version
    add_review(claim, (5, "True"), "Listed.", reviewer, version)  # the claim is now 'proposed'
    login(client, make_user("reviewer"))
    response = client.post(f"/claims/{claim.id}/edit", data={"text": "Reworded.", "kind": claim.kind,
                                                             "status": "in_review", "assignee_id": 0,
                                                             "version": version})
    assert response.status_code == 409
    assert "Not a valid choice" not in text_of(response)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).text != "Reworded."
