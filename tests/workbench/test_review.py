"""Claim pages: edits with optimistic locking, verdicts, second-person approval, evidence."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from tests.conftest import login
from tests.factories import ENGLISH, do_import
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.review.models import Claim, Verdict
from workbench.sources.models import Evidence, Source


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def revisions_of(entity_type: str) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(Revision.entity_type == entity_type).order_by(Revision.id)))


def edit(client, claim, version, text, **extra):
    data = {"text": text, "kind": claim.kind, "status": "in_review", "assignee_id": 0, "version": version}
    data.update(extra)
    return client.post(f"/claims/{claim.id}/edit", data=data)


def test_claim_page_shows_values_and_forms(client, login_as, claim):
    login_as("reviewer")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert claim.text in page
    assert "Record verdict" in page and "Attach source" in page


def test_edit_records_field_level_revision(client, login_as, claim):
    user = login_as("reviewer")
    response = edit(client, claim, claim.version, "Edited claim text.", reason="typo")
    assert response.status_code == 302
    db.session.refresh(claim)
    assert claim.text == "Edited claim text." and claim.status == "in_review" and claim.version == 2
    rev = revisions_of("claim")[-1]
    assert rev.action == "update" and rev.actor_id == user.id and rev.reason == "typo"
    assert rev.changes["text"][1] == "Edited claim text."
    assert set(rev.changes) == {"text", "status"}


def test_stale_edit_is_refused_with_conflict_page(client, make_user, claim):
    first, second = make_user("reviewer"), make_user("reviewer")
    other = client.application.test_client()
    login(client, first)
    login(other, second)
    version = claim.version
    assert edit(client, claim, version, "First save wins.").status_code == 302
    response = edit(other, claim, version, "My careful rewrite.")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert first.email in page
    assert "First save wins." in page and "My careful rewrite." in page
    db.session.refresh(claim)
    assert claim.text == "First save wins."


def test_edit_without_text_is_a_400(client, login_as, claim):
    login_as("reviewer")
    assert edit(client, claim, claim.version, "").status_code == 400


def test_unknown_claim_is_404(client, login_as):
    login_as("reviewer")
    assert client.get("/claims/987654").status_code == 404


def test_verdict_needs_a_second_person_to_approve(client, make_user, claim):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    login(client, reviewer)
    response = client.post(f"/claims/{claim.id}/reviews",
                           data={"rating": 2, "rationale": "The report says sixth.", "version": claim.version})
    assert response.status_code == 302
    review = db.session.scalars(select(Verdict)).one()
    assert review.state == "proposed" and review.rating_label == "Mostly false"
    db.session.refresh(claim)
    assert claim.status == "proposed"
    # A reviewer cannot approve at all.
    assert client.post(f"/reviews/{review.id}/approve", data={"version": review.version}).status_code == 403
    client.post("/logout")
    login(client, editor)
    response = client.post(f"/reviews/{review.id}/approve", data={"version": review.version, "note": "checked"})
    assert response.status_code == 302
    db.session.refresh(review)
    db.session.refresh(claim)
    assert review.state == "approved" and review.approved_by_id == editor.id
    assert claim.status == "verified"


def test_editor_cannot_approve_own_verdict(client, login_as, claim):
    login_as("editor")
    client.post(f"/claims/{claim.id}/reviews", data={"rating": 5, "rationale": "ok", "version": claim.version})
    review = db.session.scalars(select(Verdict)).one()
    response = client.post(f"/reviews/{review.id}/approve", data={"version": review.version})
    assert response.status_code == 403
    assert b"someone other than its reviewer" in response.data
    db.session.refresh(review)
    assert review.state == "proposed"


def test_reject_makes_claim_disputed(client, make_user, claim):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    login(client, reviewer)
    client.post(f"/claims/{claim.id}/reviews", data={"rating": 5, "rationale": "ok", "version": claim.version})
    review = db.session.scalars(select(Verdict)).one()
    client.post("/logout")
    login(client, editor)
    assert client.post(f"/reviews/{review.id}/reject", data={"version": review.version}).status_code == 302
    db.session.refresh(claim)
    assert claim.status == "disputed"


def test_new_verdict_supersedes_the_open_one(client, login_as, claim):
    login_as("reviewer")
    client.post(f"/claims/{claim.id}/reviews", data={"rating": 5, "rationale": "first", "version": claim.version})
    db.session.refresh(claim)
    client.post(f"/claims/{claim.id}/reviews", data={"rating": 1, "rationale": "second", "version": claim.version})
    states = [r.state for r in db.session.scalars(select(Verdict).order_by(Verdict.id))]
    assert states == ["superseded", "proposed"]


def test_evidence_attach_and_remove(client, login_as, claim):
    login_as("reviewer")
    response = client.post(f"/claims/{claim.id}/evidence", data={
        "url": "https://www.iea.org/reports/x", "title": "IEA report", "kind": "report", "stance": "supports",
        "quote": "about 60 percent"})
    assert response.status_code == 302
    evidence = db.session.scalars(select(Evidence)).one()
    assert evidence.source.url == "https://www.iea.org/reports/x"
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'href="https://www.iea.org/reports/x"' in page
    response = client.post(f"/evidence/{evidence.id}/remove", data={"version": evidence.version, "reason": "dup"})
    assert response.status_code == 302
    db.session.refresh(evidence)
    assert evidence.deleted_at is not None
    assert [r.action for r in revisions_of("evidence")] == ["create", "delete"]
    # Someone removing it again from an old page is told who removed it, and nothing is recorded.
    again = client.post(f"/evidence/{evidence.id}/remove", data={"version": 1, "reason": "also dup"})
    assert again.status_code == 409
    text = html.unescape(again.get_data(as_text=True))
    assert "already removed by reviewer-0@example.org" in text and "(reason: dup)" in text
    assert len(revisions_of("evidence")) == 2


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "not a url"])
def test_evidence_refuses_non_http_links(client, login_as, claim, url):
    login_as("reviewer")
    response = client.post(f"/claims/{claim.id}/evidence", data={"url": url, "stance": "supports", "kind": "other"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Source)) == 0


def test_anonymous_users_are_sent_to_login(client, claim):
    for url in (f"/claims/{claim.id}",):
        assert client.get(url).status_code == 302
    assert client.post(f"/claims/{claim.id}/edit", data={}).status_code == 302


def test_verdict_must_be_chosen(client, login_as, claim):
    login_as("reviewer")
    data = {"rating": "", "rationale": "x", "version": claim.version}
    response = client.post(f"/claims/{claim.id}/reviews", data=data)
    assert response.status_code == 400
    assert b"Choose a verdict." in response.data
    assert db.session.scalar(select(func.count()).select_from(Verdict)) == 0
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "— choose a verdict —" in page


def post_verdict(client, claim_id: int, version: int, rating: int, rationale: str):
    return client.post(f"/claims/{claim_id}/reviews", data={"rating": rating, "rationale": rationale,
                                                            "version": version})


def test_a_second_verdict_from_a_stale_page_is_refused_when_the_claim_is_already_proposed(client, make_user, claim):
    """Once a claim is 'proposed' a new verdict leaves its status alone, yet it must still move its version."""
    first, second = make_user("reviewer"), make_user("reviewer")
    login(client, first)
    assert post_verdict(client, claim.id, claim.version, 5, "Programme lists it.").status_code == 302
    db.session.refresh(claim)
    seen = claim.version  # both reviewers open the claim page now, with the claim proposed
    other = client.application.test_client()
    login(other, second)
    assert post_verdict(client, claim.id, seen, 4, "A's second look: mostly true.").status_code == 302
    response = post_verdict(other, claim.id, seen, 1, "B: the programme says otherwise.")
    assert response.status_code == 409
    page = html.unescape(response.get_data(as_text=True))
    assert first.email in page  # who got there first
    assert "A's second look: mostly true." in page and "Mostly true" in page  # the verdict saved now
    assert "B: the programme says otherwise." in page  # B's input, kept
    reviews = list(db.session.scalars(select(Verdict).order_by(Verdict.id)))
    assert [(r.state, r.rationale) for r in reviews] == [
        ("superseded", "Programme lists it."), ("proposed", "A's second look: mostly true.")]


def test_a_second_decision_on_the_same_verdict_gets_the_conflict_page_with_the_note_kept(client, make_user, claim):
    reviewer, first, second = make_user("reviewer"), make_user("editor"), make_user("editor")
    login(client, reviewer)
    post_verdict(client, claim.id, claim.version, 5, "ok")
    review = db.session.scalars(select(Verdict)).one()
    version = review.version
    client.post("/logout")
    login(client, first)
    assert client.post(f"/reviews/{review.id}/approve",
                       data={"version": version, "note": "checked the programme"}).status_code == 302
    other = client.application.test_client()
    login(other, second)
    response = other.post(f"/reviews/{review.id}/reject", data={"version": version, "note": "I reject: source is weak"})
    assert response.status_code == 409
    page = html.unescape(response.get_data(as_text=True))
    assert first.email in page and "checked the programme" in page and "I reject: source is weak" in page
    db.session.refresh(review)
    assert review.state == "approved"


def test_a_verdict_superseded_meanwhile_cannot_be_approved(client, make_user, claim):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    login(client, reviewer)
    post_verdict(client, claim.id, claim.version, 5, "first")
    old = db.session.scalars(select(Verdict)).one()
    old_version = old.version
    db.session.refresh(claim)
    post_verdict(client, claim.id, claim.version, 1, "second")
    client.post("/logout")
    login(client, editor)
    response = client.post(f"/reviews/{old.id}/approve", data={"version": old_version})
    assert response.status_code == 409
    db.session.refresh(claim)
    assert claim.status == "proposed"
    assert db.session.get(Verdict, old.id).state == "superseded"


@pytest.mark.parametrize("status", ["verified", "disputed", "proposed"])
def test_reviewers_cannot_set_a_verdict_status_by_hand(client, login_as, claim, status):
    login_as("reviewer")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f'<option value="{status}"' not in page
    response = edit(client, claim, claim.version, claim.text, status=status)
    assert response.status_code == 400
    db.session.refresh(claim)
    assert claim.status == "unreviewed" and claim.version == 1


def test_the_status_of_a_claim_with_a_verdict_follows_the_verdict(client, make_user, claim):
    reviewer = make_user("reviewer")
    login(client, reviewer)
    post_verdict(client, claim.id, claim.version, 5, "ok")
    db.session.refresh(claim)
    assert claim.status == "proposed"
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert '<option value="in_review"' not in page and '<option selected value="proposed"' in page
    # Editing the text keeps the status the verdict gives it.
    assert edit(client, claim, claim.version, "Edited text.", status="proposed").status_code == 302
    # Taking the status away from the verdict is refused, also through the service.
    assert edit(client, claim, claim.version + 1, "Edited text.", status="unreviewed").status_code == 400
    db.session.refresh(claim)
    assert (claim.text, claim.status) == ("Edited text.", "proposed")
    from workbench.history.recording import Actor
    from workbench.review.operations import ReviewError, update_claim
    with pytest.raises(ReviewError, match="follows its verdict"):
        update_claim(claim, {"status": "in_review"}, claim.version, Actor.of(reviewer))
    with pytest.raises(ReviewError, match="through its verdict"):
        update_claim(claim, {"status": "verified"}, claim.version, Actor.of(reviewer))
