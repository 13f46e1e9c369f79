"""Splitting a claim in two and merging neighbours on the desk: recorded, version-checked, and the
reviewers' verdicts, sources, comments and flags kept on the claim they belong to."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, csrf_token_from
from workbench.desk.models import Comment
from workbench.extensions import db
from workbench.flags.models import FlagMember
from workbench.history.models import Revision
from workbench.review.models import Claim, ClaimValue, Review
from workbench.sources.models import Evidence


def _form(client, claim: Claim) -> str:
    return client.get(f"/desk/articles/{claim.article_id}?claim={claim.id}").get_data(as_text=True)


def test_split_keeps_the_work_on_the_first_part_and_moves_later_values(client, login_as, desk):
    login_as("reviewer")
    claim = desk["verified"]
    body = claim.article.body
    date = next(v for v in claim.values if v.type == "date_range")
    at = date.start_offset - 1  # the space before the date: the date goes to the second part
    page = _form(client, claim)
    assert f'<option value="{body.index(" ", claim.start_offset + 4)}">' in page  # split points are offered
    response = client.post(f"/desk/claims/{claim.id}/split", data={"at": at, "version": claim.version,
                                                                   "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    second = db.session.scalars(select(Claim).where(Claim.origin == "manual")).one()
    assert claim.text == body[claim.start_offset:at].rstrip() and claim.end_offset <= at
    assert second.text == body[date.start_offset:second.end_offset] and second.status == "unreviewed"
    assert db.session.get(ClaimValue, date.id).claim_id == second.id
    assert claim.status == "verified"  # the verdict, its source and the flag stay with the claim
    assert db.session.scalars(select(Evidence).where(Evidence.claim_id == claim.id)).first() is not None
    assert db.session.scalars(select(FlagMember).where(FlagMember.claim_id == claim.id)).first() is not None
    reasons = {r.reason for r in db.session.scalars(select(Revision).where(Revision.reason.like("split of%")))}
    assert reasons == {f"split of claim {claim.id} into {claim.id} and {second.id}"}
    kinds = {(r.action, r.entity_type) for r in db.session.scalars(select(Revision).where(
        Revision.reason.like("split of%")))}
    assert kinds == {("create", "claim"), ("update", "claim"), ("update", "claim_value")}


def test_split_refuses_a_point_inside_a_value_or_outside_and_stale_versions(client, login_as, desk):
    login_as("reviewer")
    claim = desk["verified"]
    date = next(v for v in claim.values if v.type == "date_range")
    token = csrf_token_from(_form(client, claim))
    before = db.session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1))
    for at, message in ((date.start_offset + date.text.index(" "), "falls inside the value"),
                        (claim.end_offset + 5, "must fall inside the claim"),
                        (claim.start_offset + 1, "falls inside a word"),
                        (claim.end_offset - 1, "both parts of a split need words")):
        response = client.post(f"/desk/claims/{claim.id}/split", data={"at": at, "version": claim.version,
                                                                       "csrf_token": token},
                               follow_redirects=True)
        assert message in response.get_data(as_text=True)
    response = client.post(f"/desk/claims/{claim.id}/split", data={"at": date.start_offset - 1,
                                                                   "version": claim.version - 1,
                                                                   "csrf_token": token}, follow_redirects=True)
    assert "Not split: someone changed this claim" in response.get_data(as_text=True)
    assert db.session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1)) == before
    assert client.post(f"/desk/claims/{claim.id}/split", data={"version": claim.version,
                                                               "csrf_token": token}).status_code == 400
    assert client.post("/desk/claims/99999/split", data={"at": 3, "version": 1,
                                                         "csrf_token": token}).status_code == 404


def test_merge_moves_values_comments_and_sources_and_sets_the_second_aside(client, login_as, desk):
    user = login_as("reviewer")
    first, second = desk["proposed"], desk["unreviewed"]
    db.session.add(Comment(claim_id=second.id, author_id=user.id, body="Same sentence really."))
    db.session.commit()
    second_values = [v.id for v in second.values]
    page = _form(client, first)
    assert f'name="next_claim" value="{second.id}"' in page
    response = client.post(f"/desk/claims/{first.id}/merge", data={
        "next_claim": second.id, "version": first.version, "next_version": second.version,
        "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    body = first.article.body
    assert first.text == body[first.start_offset:second.end_offset] and first.end_offset == second.end_offset
    assert second.is_deleted and first.status == "proposed"
    assert all(db.session.get(ClaimValue, v).claim_id == first.id for v in second_values)
    assert db.session.scalars(select(Comment).where(Comment.claim_id == first.id)).one().body == "Same sentence really."
    deleted = db.session.scalars(select(Revision).where(Revision.entity_id == second.id,
                                                        Revision.entity_type == "claim")).all()[-1]
    assert deleted.action == "delete" and deleted.reason == f"merge of claim {second.id} into claim {first.id}"


def test_merge_takes_the_second_claims_verdict_when_the_first_has_none(client, login_as, desk):
    login_as("reviewer")
    first, second = desk["unreviewed"], desk["proposed"]
    # Make the unreviewed claim come first: the merge joins a claim with the next one in the text.
    second_review = db.session.scalars(select(Review).where(Review.claim_id == second.id)).one()
    page = _form(client, desk["verified"])
    token = csrf_token_from(page)
    response = client.post(f"/desk/claims/{desk['verified'].id}/merge", data={
        "next_claim": second.id, "version": desk["verified"].version, "next_version": second.version,
        "csrf_token": token}, follow_redirects=True)
    assert "both claims have verdicts" in response.get_data(as_text=True)
    assert not second.is_deleted
    response = client.post(f"/desk/claims/{second.id}/merge", data={
        "next_claim": desk["verified"].id, "version": second.version, "next_version": desk["verified"].version,
        "csrf_token": token}, follow_redirects=True)
    assert "only a claim and the next claim" in response.get_data(as_text=True)
    # The proposed claim's verdict moves when it is merged into an earlier claim without one: split the
    # verified claim, whose new second part has no verdict, then merge that part with the proposed claim.
    verified = desk["verified"]
    date = next(v for v in verified.values if v.type == "date_range")
    client.post(f"/desk/claims/{verified.id}/split", data={"at": date.start_offset - 1, "version": verified.version,
                                                          "csrf_token": token})
    part = db.session.scalars(select(Claim).where(Claim.origin == "manual")).one()
    response = client.post(f"/desk/claims/{part.id}/merge", data={
        "next_claim": second.id, "version": part.version, "next_version": second.version, "csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, second_review.id).claim_id == part.id and part.status == "proposed"
    assert first.status == "unreviewed"


def test_split_and_merge_need_login(client, desk):
    claim, after = desk["verified"], desk["proposed"]
    for url, data in ((f"/desk/claims/{claim.id}/split", {"at": claim.start_offset + 3, "version": claim.version}),
                      (f"/desk/claims/{claim.id}/merge", {"next_claim": after.id, "version": claim.version,
                                                          "next_version": after.version})):
        response = client.post(url, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalars(select(Claim).where(Claim.origin == "manual")).first() is None


@pytest.mark.csrf
def test_split_and_merge_need_the_csrf_token(client, make_user, desk):
    claim, after = desk["verified"], desk["proposed"]
    user = make_user("reviewer")
    client.post("/login", data={"email": user.email, "password": PASSWORD,
                                "csrf_token": csrf_token_from(client.get("/login").get_data(as_text=True))})
    date = next(v for v in claim.values if v.type == "date_range")
    split = {"at": date.start_offset - 1, "version": claim.version}
    merge = {"next_claim": after.id, "version": claim.version, "next_version": after.version}
    assert client.post(f"/desk/claims/{claim.id}/split", data=split).status_code == 400
    assert client.post(f"/desk/claims/{claim.id}/merge", data=merge).status_code == 400
    db.session.expire_all()
    assert db.session.scalars(select(Claim).where(Claim.origin == "manual")).first() is None
    assert not after.is_deleted
    token = csrf_token_from(_form(client, claim))
    assert client.post(f"/desk/claims/{claim.id}/split", data={**split, "csrf_token": token}).status_code == 302
