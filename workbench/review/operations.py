"""The write path for claims under review: edits, verdicts, approval. Each call is one transaction."""
from __future__ import annotations

from workbench.core.concurrency import versioned_edit
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history.recording import Actor, apply_changes, record, snapshot
from workbench.review.models import CLAIM_STATUSES, Claim, Review

CLAIM_EDIT_FIELDS = ("text", "kind", "status", "assignee_id")
# The claim status each verdict state stands for. These statuses belong to the verdict workflow:
# a claim is verified because an editor approved its verdict, never because someone picked
# the word, so edits and reverts cannot set them (see `status_for`).
VERDICT_STATUS = {"proposed": "proposed", "approved": "verified", "rejected": "disputed"}
VERDICT_STATUSES = frozenset(VERDICT_STATUS.values())
MANUAL_STATUSES = tuple(s for s in CLAIM_STATUSES if s not in VERDICT_STATUSES)
REVIEW_FIELDS = ("claim_id", "rating_value", "rating_label", "rationale", "reviewer_id", "state")


class ReviewError(ValueError):
    """A review action that is not allowed, with the reason a user can act on and an HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _claim_revision(action: str, claim: Claim, changes: dict, actor: Actor, reason: str | None = None) -> None:
    record(action, "claim", claim.id, changes, actor, claim_id=claim.id, article_id=claim.article_id, reason=reason)


def update_claim(claim: Claim, data: dict, posted_version: int | None, actor: Actor, *,
                 reason: str | None = None) -> Claim:
    """Edit a claim's text, kind, status or assignee from the version the user saw."""
    if "status" in data and data["status"] not in CLAIM_STATUSES:
        raise ReviewError(f"unknown status {data['status']!r}")

    with versioned_edit(claim, "claim", posted_version):
        if "status" in data and data["status"] != claim.status:
            _check_manual_status_change(claim, data["status"])
        changes = apply_changes(claim, {k: v for k, v in data.items() if k in CLAIM_EDIT_FIELDS})
        if changes:
            db.session.flush()
            _claim_revision("update", claim, changes, actor, reason)
    return claim


def delete_claim(claim: Claim, posted_version: int | None, actor: Actor, *, reason: str | None = None) -> Claim:
    """Soft-delete a claim (it stays in the history and can be restored by a revert)."""
    with versioned_edit(claim, "claim", posted_version):
        changes = apply_changes(claim, {"deleted_at": utc_now()})
        db.session.flush()
        _claim_revision("delete", claim, changes, actor, reason)
    return claim


def _set_claim_status(claim: Claim, status: str, actor: Actor, reason: str | None = None) -> None:
    changes = apply_changes(claim, {"status": status})
    if changes:
        db.session.flush()
        _claim_revision("update", claim, changes, actor, reason)



def _check_manual_status_change(claim: Claim, status: str) -> None:
    """Refuse a hand-set status that would misstate the claim's verdict."""
    if status in VERDICT_STATUSES:
        raise ReviewError(f"a claim becomes {status} through its verdict: record a verdict, or approve or "
                          "reject one, instead of setting the status")
    if claim.status not in VERDICT_STATUSES:
        return  # a claim with a live verdict always has its verdict's status: nothing to load
    review = current_review(claim)
    if review is not None:
        raise ReviewError(f"the status of this claim follows its verdict (#{review.id}, {review.state}); "
                          "record a new verdict to change it")


def is_live(review: Review) -> bool:
    """True for a verdict that counts: neither superseded nor removed."""
    return review.deleted_at is None and review.state != "superseded"


def current_review(claim: Claim) -> Review | None:
    """The claim's verdict now: its newest review that is neither superseded nor removed."""
    live = [r for r in claim.reviews if is_live(r)]
    return max(live, key=lambda r: r.id) if live else None


def settable_statuses(claim: Claim) -> tuple[str, ...]:
    """The statuses a person may pick for `claim` in its edit form (its own always included)."""
    if current_review(claim) is not None:
        return (claim.status,)
    return MANUAL_STATUSES if claim.status in MANUAL_STATUSES else (claim.status, *MANUAL_STATUSES)


def status_for(claim: Claim, wanted: str) -> str:
    """The status a claim may have when `wanted` is asked for (a revert): its verdict's, if it has one."""
    review = current_review(claim)
    if review is not None:
        return VERDICT_STATUS[review.state]
    return "in_review" if wanted in VERDICT_STATUSES else wanted


def follow_verdict(claim: Claim, actor: Actor, reason: str) -> None:
    """Set the claim's status to what its current verdict stands for, after a verdict changed outside
    the approve/reject path (a revert); a claim left without a verdict goes back to 'in_review'."""
    db.session.refresh(claim, ["reviews"])
    review = current_review(claim)
    _set_claim_status(claim, VERDICT_STATUS[review.state] if review else "in_review", actor, reason)


def supersede_open_verdicts(claim: Claim, actor: Actor, reason: str, *, keep: Review | None = None) -> None:
    """Mark the claim's verdicts still awaiting approval (but `keep`) superseded, recorded with `reason`."""
    for earlier in claim.reviews:
        if earlier is not keep and earlier.state == "proposed" and earlier.deleted_at is None:
            changes = apply_changes(earlier, {"state": "superseded"})
            db.session.flush()
            record("update", "review", earlier.id, changes, actor, claim_id=claim.id,
                   article_id=claim.article_id, reason=reason)


def add_review(claim: Claim, rating: tuple[int, str], rationale: str, user, posted_version: int | None) -> Review:
    """Record a verdict; earlier open verdicts are superseded and the claim becomes 'proposed'."""
    actor = Actor.of(user)

    with versioned_edit(claim, "claim", posted_version):
        # The verdict form carries the claim's version, so every verdict must move it, even when
        # the claim is already 'proposed' and its status does not change: otherwise a second
        # reviewer who never saw the first verdict would silently supersede it.
        claim.updated_at = utc_now()
        supersede_open_verdicts(claim, actor, "superseded by a newer verdict")
        review = Review(claim_id=claim.id, rating_value=rating[0], rating_label=rating[1], rationale=rationale,
                        reviewer_id=user.id, state="proposed")
        db.session.add(review)
        db.session.flush()
        record("create", "review", review.id, snapshot(review, REVIEW_FIELDS), actor, claim_id=claim.id,
               article_id=claim.article_id)
        _set_claim_status(claim, "proposed", actor)
    return review


def decide_review(
    review: Review, user, posted_version: int | None, *, approve: bool, note: str | None = None
) -> Review:
    """An editor other than the reviewer approves (claim verified) or rejects (claim disputed) a verdict."""
    if not user.has_role("editor"):
        raise ReviewError("only editors and admins can approve or reject verdicts", 403)
    if review.reviewer_id == user.id:
        raise ReviewError("a verdict must be approved by someone other than its reviewer", 403)
    actor = Actor.of(user)

    with versioned_edit(review, "review", posted_version):
        # After the version check, so a decision made on a page that is out of date gets the
        # conflict page (who decided, when) rather than a bare refusal.
        if review.state != "proposed":
            raise ReviewError(f"this verdict is {review.state}, not awaiting approval", 409)
        newest = current_review(review.claim)
        if newest is not review:
            raise ReviewError(f"this verdict is not the claim's current one (verdict #{newest.id} is newer)"
                              if newest else "this verdict no longer counts", 409)
        fields = {"state": "approved" if approve else "rejected"}
        if approve:
            fields.update(approved_by_id=user.id, approved_at=utc_now())
        changes = apply_changes(review, fields)
        db.session.flush()
        record("update", "review", review.id, changes, actor, claim_id=review.claim_id,
               article_id=review.claim.article_id, reason=note)
        _set_claim_status(review.claim, "verified" if approve else "disputed", actor, note)
    return review
