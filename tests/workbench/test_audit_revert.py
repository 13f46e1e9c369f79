"""Revert: an entity back to its state after a revision, as one new version-checked "revert" revision."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from, login
from tests.factories import ENGLISH, do_import
from workbench.audit.revert import RevertError, revert_to
from workbench.audit.verify import verify_chain
from workbench.core.concurrency import StaleEdit
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.recording import Actor
from workbench.review.models import Claim, Review
from workbench.review.operations import (
    add_review,
    current_review,
    decide_review,
    delete_claim,
    status_for,
    update_claim,
)
from workbench.sources.models import Evidence
from workbench.sources.operations import add_evidence, update_evidence


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def last_revision(entity_type: str, entity_id: int) -> Revision:
    return db.session.scalars(
        select(Revision).where(Revision.entity_type == entity_type, Revision.entity_id == entity_id)
        .order_by(Revision.id.desc())
    ).first()


def post_revert(client, rev_id: int, version: int, reason: str = "wrong edit"):
    return client.post(f"/revisions/{rev_id}/revert", data={"reason": reason, "version": version})


def test_edit_twice_revert_to_the_first_through_the_web(client, make_user, claim):
    editor = make_user("editor")
    actor = Actor.of(editor)
    update_claim(claim, {"text": "First edit.", "status": "in_review"}, claim.version, actor)
    first = last_revision("claim", claim.id)
    update_claim(claim, {"text": "Second edit.", "kind": "quantity", "status": "unreviewed"}, claim.version, actor)
    original_kind = db.session.scalars(select(Revision).where(Revision.entity_type == "claim")).first().changes[
        "kind"][1]

    login(client, editor)
    response = post_revert(client, first.id, claim.version, reason="second edit was wrong")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/claims/{claim.id}/history")
    db.session.refresh(claim)
    assert (claim.text, claim.status, claim.kind) == ("First edit.", "in_review", original_kind)
    assert claim.version == 4
    revert = last_revision("claim", claim.id)
    assert revert.action == "revert" and revert.actor_id == editor.id
    assert revert.reason == f"to revision {first.id}: second edit was wrong"
    assert revert.changes["text"] == ["Second edit.", "First edit."]
    assert revert.claim_id == claim.id and revert.article_id == claim.article_id

    history = client.get(f"/claims/{claim.id}/history").get_data(as_text=True)
    assert "revert</strong> claim" in history and "second edit was wrong" in history
    db.session.rollback()
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_revert_to_creation_restores_every_field_and_empties_later_ones(claim, make_user):
    editor = make_user("editor")
    actor = Actor.of(editor)
    created = last_revision("claim", claim.id)
    text, status = claim.text, claim.status
    update_claim(claim, {"text": "Changed.", "assignee_id": editor.id}, claim.version, actor)
    delete_claim(claim, claim.version, actor)
    assert claim.is_deleted
    revert_to(created, claim.version, actor, reason="undo everything")
    db.session.refresh(claim)
    assert (claim.text, claim.status, claim.assignee_id, claim.deleted_at) == (text, status, None, None)


def test_revert_review_and_evidence(claim, make_user):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    review = add_review(claim, (2, "Mostly false"), "First rationale.", reviewer, claim.version)
    created = last_revision("review", review.id)
    review2 = add_review(claim, (5, "True"), "Second rationale.", reviewer, claim.version)
    db.session.refresh(review)
    assert review.state == "superseded"
    revert_to(created, review.version, Actor.of(editor), reason="first verdict still stands")
    db.session.refresh(review)
    assert review.state == "proposed" and review.rationale == "First rationale."
    # The verdict brought back is the claim's current one again: the newer proposal gives way,
    # recorded, as it would to a new verdict (never two verdicts awaiting approval at once).
    assert db.session.get(Review, review2.id).state == "superseded"
    assert current_review(db.session.get(Claim, claim.id)) is review
    assert last_revision("review", review2.id).reason == (
        f"superseded: verdict {review.id} was reverted to revision {created.id}")

    evidence = add_evidence(claim, {"url": "https://example.org/a"}, "supports", "the quote", Actor.of(editor))
    first = last_revision("evidence", evidence.id)
    update_evidence(evidence, {"stance": "refutes", "quote": "changed"}, evidence.version, Actor.of(editor))
    revert_to(first, evidence.version, Actor.of(editor), reason="stance was right")
    evidence = db.session.get(Evidence, evidence.id)
    assert (evidence.stance, evidence.quote) == ("supports", "the quote")
    assert last_revision("evidence", evidence.id).action == "revert"


def test_reverting_a_verdict_takes_the_claim_status_with_it(claim, make_user):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    review = add_review(claim, (5, "True"), "Programme lists it.", reviewer, claim.version)
    proposed = last_revision("review", review.id)
    decide_review(review, editor, review.version, approve=True)
    db.session.refresh(claim)
    assert claim.status == "verified"
    revert_to(proposed, review.version, Actor.of(editor), reason="approved by mistake")
    db.session.refresh(claim)
    db.session.refresh(review)
    assert (review.state, review.approved_by_id) == ("proposed", None)
    assert claim.status == "proposed"
    follow = last_revision("claim", claim.id)
    assert follow.changes == {"status": ["verified", "proposed"]}
    assert follow.reason == f"its verdict {review.id} was reverted to revision {proposed.id}"
    approved = db.session.scalars(select(Revision).where(Revision.entity_type == "review",
                                                         Revision.entity_id == review.id,
                                                         Revision.action == "update")).one()
    revert_to(approved, review.version, Actor.of(editor), reason="the approval stands after all")
    db.session.refresh(claim)
    assert claim.status == "verified"
    assert verify_chain(db.session.connection()).ok


def test_stale_revert_is_refused_and_changes_nothing(claim, make_user):
    editor = make_user("editor")
    actor = Actor.of(editor)
    update_claim(claim, {"text": "First edit."}, claim.version, actor)
    first = last_revision("claim", claim.id)
    seen = claim.version
    update_claim(claim, {"text": "Someone else's edit."}, claim.version, actor)
    before = db.session.scalar(select(Revision.id).order_by(Revision.id.desc()))
    with pytest.raises(StaleEdit):
        revert_to(first, seen, actor, reason="too late")
    db.session.refresh(claim)
    assert claim.text == "Someone else's edit."
    assert db.session.scalar(select(Revision.id).order_by(Revision.id.desc())) == before


def test_web_stale_revert_gets_the_conflict_page_with_the_reason_kept(client, make_user, claim):
    editor = make_user("editor")
    update_claim(claim, {"text": "First edit."}, claim.version, Actor.of(editor))
    first = last_revision("claim", claim.id)
    seen = claim.version
    update_claim(claim, {"text": "Later edit."}, claim.version, Actor.of(make_user("reviewer")))
    login(client, editor)
    response = post_revert(client, first.id, seen, reason="my careful reason")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "my careful reason" in page and "reviewer-1@example.org" in page
    # Both versions: the text saved now beside the text the revert would bring back.
    assert re.search(r"<td>text</td><td>Later edit\.</td><td>First edit\.</td>", page)


def test_revert_refusals_are_4xx_with_a_message(client, make_user, claim):
    editor = make_user("editor")
    login(client, editor)
    created = last_revision("claim", claim.id)
    response = post_revert(client, created.id, claim.version)
    assert response.status_code == 409
    assert "already matches its state after revision" in response.get_data(as_text=True)

    article_rev = last_revision("article", claim.article_id)
    response = post_revert(client, article_rev.id, 1)
    assert response.status_code == 409
    assert "cannot be reverted" in response.get_data(as_text=True)

    response = post_revert(client, created.id, claim.version, reason="")
    assert response.status_code == 400
    assert "Give a reason for the revert." in response.get_data(as_text=True)

    response = client.post(f"/revisions/{created.id}/revert", data={"reason": "x", "version": "abc"})
    assert response.status_code == 409
    assert response.get_data(as_text=True).count("Not saved") == 1
    assert client.post("/revisions/999/revert", data={"reason": "x", "version": 1}).status_code == 404


def test_reviewers_cannot_revert(client, make_user, claim):
    reviewer = make_user("reviewer")
    update_claim(claim, {"text": "Changed."}, claim.version, Actor.of(reviewer))
    created = db.session.scalars(select(Revision).where(Revision.entity_type == "claim")).first()
    login(client, reviewer)
    assert post_revert(client, created.id, claim.version).status_code == 403
    assert "Revert to this" not in client.get(f"/claims/{claim.id}/history").get_data(as_text=True)
    db.session.refresh(claim)
    assert claim.text == "Changed."


def test_revert_requires_a_reason_in_the_operation(claim, make_user):
    created = last_revision("claim", claim.id)
    with pytest.raises(RevertError, match="reason"):
        revert_to(created, claim.version, Actor.of(make_user("editor")), reason="  ")


@pytest.mark.csrf
def test_revision_page_shows_preview_and_a_csrf_protected_form(client, make_user, claim):
    editor = make_user("editor")
    update_claim(claim, {"text": "First edit."}, claim.version, Actor.of(editor))
    first = last_revision("claim", claim.id)
    update_claim(claim, {"text": "Second edit."}, claim.version, Actor.of(editor))
    page = client.post("/login", data={"email": editor.email, "password": "correct horse battery staple",
                                       "csrf_token": csrf_token_from(client.get("/login").get_data(as_text=True))})
    assert page.status_code == 302
    html = client.get(f"/revisions/{first.id}").get_data(as_text=True)
    assert "Second edit." in html and "First edit." in html and "After revert" in html
    assert post_revert(client, first.id, claim.version).status_code == 400  # no token
    response = client.post(f"/revisions/{first.id}/revert", data={
        "reason": "back", "version": claim.version, "csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    db.session.refresh(claim)
    assert claim.text == "First edit."



def test_a_claim_revert_never_brings_back_a_status_its_verdicts_do_not_give(claim, make_user):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    original = claim.text
    review = add_review(claim, (5, "True"), "Programme lists it.", reviewer, claim.version)
    decide_review(review, editor, review.version, approve=True)
    db.session.refresh(claim)
    verified_at = last_revision("claim", claim.id)
    assert verified_at.changes == {"status": ["proposed", "verified"]}
    update_claim(claim, {"text": "Edited after approval."}, claim.version, Actor.of(editor))
    add_review(claim, (1, "False"), "It was moved to June.", reviewer, claim.version)
    db.session.refresh(claim)
    assert claim.status == "proposed"
    revert_to(verified_at, claim.version, Actor.of(editor), reason="restore the approved text")
    db.session.refresh(claim)
    # The text comes back; the status stays with the current verdict, which awaits approval.
    assert (claim.text, claim.status) == (original, "proposed")
    assert last_revision("claim", claim.id).changes == {"text": ["Edited after approval.", original]}


def test_status_for_a_revert_follows_the_verdict_or_leaves_verdict_statuses_alone(claim, make_user):
    assert status_for(claim, "unreviewed") == "unreviewed"
    assert status_for(claim, "verified") == "in_review"  # no verdict: never verified by a revert
    add_review(claim, (1, "False"), "no", make_user("reviewer"), claim.version)
    assert status_for(claim, "unreviewed") == "proposed"


def test_a_verdict_revert_does_not_outrank_a_newer_decision(claim, make_user):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    first = add_review(claim, (5, "True"), "First.", reviewer, claim.version)
    created = last_revision("review", first.id)
    second = add_review(claim, (1, "False"), "Second.", reviewer, claim.version)
    decide_review(second, editor, second.version, approve=True)
    before = db.session.scalar(select(Revision.id).order_by(Revision.id.desc()))
    with pytest.raises(RevertError, match=f"Verdict #{second.id} .* approved"):
        revert_to(created, first.version, Actor.of(editor), reason="the first one was right")
    assert db.session.scalar(select(Revision.id).order_by(Revision.id.desc())) == before
    assert db.session.get(Review, first.id).state == "superseded"
    assert db.session.get(Claim, claim.id).status == "verified"
