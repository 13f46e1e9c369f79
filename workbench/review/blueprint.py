"""Claim pages: edit, verdicts, approval, evidence."""
from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.core.forms import page_form
from workbench.core.navigation import next_after_save
from workbench.core.routing import get_or_404
from workbench.extensions import db
from workbench.history.conflict_page import render_conflict
from workbench.history.queries import latest_claim_revision, latest_revision
from workbench.history.recording import Actor
from workbench.review.forms import ClaimEditForm, DecisionForm, ReviewForm
from workbench.review.models import Claim, Review
from workbench.review.operations import (
    ReviewError,
    add_review,
    current_review,
    decide_review,
    settable_statuses,
    update_claim,
)
from workbench.review.queries import active_users, claim_for_page, decision_note, live_evidence
from workbench.review.readable import readable_value
from workbench.sources import operations as source_operations
from workbench.sources.forms import EvidenceForm, EvidenceRemoveForm
from workbench.sources.models import Evidence
from workbench.sources.operations import SourceError, add_evidence

bp = Blueprint("review", __name__)

CLAIM_FIELD_LABELS = {"text": "Claim text", "kind": "Kind", "status": "Status", "assignee_id": "Assignee (user id)"}


def _claim_or_404(claim_id: int) -> Claim:
    claim = claim_for_page(claim_id)
    if claim is None:
        abort(404, f"There is no claim {claim_id}.")
    _refuse_removed_article(claim, 404)
    return claim


def _refuse_removed_article(claim: Claim, status: int) -> None:
    # A removed article's claims go with it: no page, no edit, verdict, approval or source link.
    if claim.article.is_deleted:
        abort(status, f"Claim {claim.id} belongs to article {claim.article_id}, which was removed; "
                      "its claims can no longer be reviewed.")


def _edit_form(claim: Claim) -> ClaimEditForm:
    stored = {"text": claim.text, "kind": claim.kind, "status": claim.status, "assignee_id": claim.assignee_id or 0,
              "version": claim.version}
    return page_form(ClaimEditForm, url_for("review.edit_claim", claim_id=claim.id), stored, name="edit",
                     assignees=active_users(), statuses=settable_statuses(claim))


def _review_form(claim: Claim) -> ReviewForm:
    return page_form(ReviewForm, url_for("review.create_review", claim_id=claim.id), {"version": claim.version},
                     name="verdict")


def _evidence_form(claim: Claim) -> EvidenceForm:
    return page_form(EvidenceForm, url_for("review.create_evidence", claim_id=claim.id), {}, name="evidence")


def _decision_form(review: Review) -> DecisionForm:
    actions = (url_for("review.approve_review", review_id=review.id),
               url_for("review.reject_review", review_id=review.id))
    return page_form(DecisionForm, actions, {"version": review.version}, name=f"decision-{review.id}")


def _remove_form(evidence: Evidence) -> EvidenceRemoveForm:
    return page_form(EvidenceRemoveForm, url_for("review.remove_evidence", evidence_id=evidence.id),
                     {"version": evidence.version}, name=f"remove-{evidence.id}")


def _page(claim: Claim, status: int = 200, **forms):
    """Render the claim page: the submitted form given (kept with its errors), every other one as stored."""
    edit = forms.get("edit") or _edit_form(claim)
    review = forms.get("review") or _review_form(claim)
    evidence = forms.get("evidence") or _evidence_form(claim)
    return render_template(
        "review/claim.html", claim=claim, edit_form=edit, review_form=review, evidence_form=evidence,
        evidence=live_evidence(claim.id), decision_form_for=_decision_form, remove_form_for=_remove_form,
        decision_note=decision_note, readable=readable_value,
    ), status


@bp.route("/claims/<int:claim_id>")
@login_required
def show_claim(claim_id: int):
    return _page(_claim_or_404(claim_id))


@bp.route("/claims/<int:claim_id>/edit", methods=["POST"])
@role_required("reviewer")
def edit_claim(claim_id: int):
    claim = _claim_or_404(claim_id)
    form = _edit_form(claim)
    if not form.validate():
        if form.version.data is not None and form.version.data < claim.version:
            # Someone changed the claim since this form was drawn (a verdict moved its status, so
            # the status posted is no longer offered): that is a conflict, not a bad choice.
            error = StaleEdit("claim", claim.id, form.version.data, claim.version)
            return render_conflict(error, claim, form, CLAIM_FIELD_LABELS,
                                   url_for("review.edit_claim", claim_id=claim_id))
        return _page(claim, 400, edit=form)
    data = {"text": form.text.data.strip(), "kind": form.kind.data.strip(), "status": form.status.data,
            "assignee_id": form.assignee_id.data or None}
    try:
        update_claim(claim, data, form.version.data, Actor.of(current_user), reason=form.reason.data)
    except StaleEdit as error:
        return render_conflict(error, db.session.get(Claim, claim_id), form, CLAIM_FIELD_LABELS,
                               url_for("review.edit_claim", claim_id=claim_id))
    except ReviewError as error:
        form.status.errors.append(str(error))
        return _page(claim, 400, edit=form)
    flash("Claim saved.", "success")
    return redirect(url_for("review.show_claim", claim_id=claim_id))


@bp.route("/claims/<int:claim_id>/reviews", methods=["POST"])
@role_required("reviewer")
def create_review(claim_id: int):
    claim = _claim_or_404(claim_id)
    form = _review_form(claim)
    if not form.validate():
        return _page(claim, 400, review=form)
    try:
        add_review(claim, form.rating_pair(), form.rationale.data.strip(), current_user, form.version.data)
    except StaleEdit as error:
        current = db.session.get(Claim, claim_id)
        verdict = current_review(current) if current is not None else None
        saved = SimpleNamespace(rating=verdict.rating_value if verdict else None,
                                rationale=verdict.rationale if verdict else None)
        return render_conflict(error, current, form, {"rating": "Verdict", "rationale": "Rationale"},
                               url_for("review.create_review", claim_id=claim_id), saved=saved,
                               other=latest_claim_revision(claim_id))
    flash("Verdict recorded; it now awaits an editor's approval.", "success")
    return redirect(next_after_save(claim_id))


def _decide(review_id: int, approve: bool):
    review = get_or_404(Review, review_id, "verdict")
    _refuse_removed_article(review.claim, 409)
    form = _decision_form(review)
    if not form.validate():
        abort(400, "The approval form was incomplete; reload the claim page and try again.")
    try:
        decide_review(review, current_user, form.version.data, approve=approve, note=form.note.data)
    except StaleEdit as error:
        other = latest_revision("review", review_id)
        return render_conflict(error, db.session.get(Review, review_id), form, {"note": "Note"},
                               url_for("review.approve_review" if approve else "review.reject_review",
                                       review_id=review_id),
                               saved=SimpleNamespace(note=other.reason if other else None), other=other)
    except ReviewError as error:
        abort(error.status, f"Not done: {error}.")
    flash("Verdict approved: the claim is approved." if approve else "Verdict returned to its reviewer.",
          "success")
    return redirect(url_for("review.show_claim", claim_id=review.claim_id))


@bp.route("/reviews/<int:review_id>/approve", methods=["POST"])
@role_required("editor")
def approve_review(review_id: int):
    return _decide(review_id, approve=True)


@bp.route("/reviews/<int:review_id>/reject", methods=["POST"])
@role_required("editor")
def reject_review(review_id: int):
    return _decide(review_id, approve=False)


@bp.route("/claims/<int:claim_id>/evidence", methods=["POST"])
@role_required("reviewer")
def create_evidence(claim_id: int):
    claim = _claim_or_404(claim_id)
    form = _evidence_form(claim)
    if not form.validate():
        return _page(claim, 400, evidence=form)
    source = {"url": form.url.data, "title": form.title.data, "publisher": form.publisher.data, "kind": form.kind.data}
    try:
        add_evidence(claim, source, form.stance.data, form.quote.data or "", Actor.of(current_user))
    except SourceError as error:
        form.url.errors.append(str(error))
        return _page(claim, 400, evidence=form)
    flash("Source attached.", "success")
    return redirect(url_for("review.show_claim", claim_id=claim_id))


@bp.route("/evidence/<int:evidence_id>/remove", methods=["POST"])
@role_required("reviewer")
def remove_evidence(evidence_id: int):
    evidence = get_or_404(Evidence, evidence_id, "evidence link", removed_too=True)
    _refuse_removed_article(evidence.claim, 409)
    if evidence.deleted_at is not None:
        removed = latest_revision("evidence", evidence_id)
        abort(409, "Nothing to do: this source link was already removed"
                   + (f" by {removed.actor_label} on {removed.created_at:%Y-%m-%d %H:%M} UTC" if removed else "")
                   + (f" (reason: {removed.reason})" if removed and removed.reason else "") + ".")
    form = _remove_form(evidence)
    if not form.validate():
        abort(400, "The form was incomplete; reload the claim page and try again.")
    try:
        source_operations.remove_evidence(evidence, form.version.data, Actor.of(current_user), reason=form.reason.data)
    except StaleEdit as error:
        return render_conflict(error, db.session.get(Evidence, evidence_id), form, {"reason": "Reason"},
                               url_for("review.remove_evidence", evidence_id=evidence_id))
    flash("Source link removed (kept in the history).", "success")
    return redirect(url_for("review.show_claim", claim_id=evidence.claim_id))
