"""Revision history pages: global audit log, claim and article timelines, revert."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from workbench.articles.models import Article
from workbench.audit.diffs import field_changes, shown
from workbench.audit.forms import LogFilterForm, RevertForm
from workbench.audit.queries import (
    REVERTIBLE_MODELS,
    REVISION_KEY_KINDS,
    Page,
    article_timeline,
    audit_log,
    claim_timeline,
    users_for_filter,
)
from workbench.audit.revert import RevertError, is_revertible, restore_data, revert_to
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.core.pagination import Seek, seek_from_args
from workbench.core.routing import get_or_404
from workbench.extensions import db
from workbench.history.conflict_page import render_conflict
from workbench.history.models import Revision
from workbench.history.queries import chain_head
from workbench.history.recording import Actor
from workbench.review.models import Claim

bp = Blueprint("audit", __name__)


def _page_number() -> int:
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404, "There is no such page.")
    return page


def _seek() -> Seek:
    """Where the requested page starts: its number and the cursor of its link, if any."""
    try:
        return seek_from_args(request.args, REVISION_KEY_KINDS, 0, page=_page_number())
    except ValueError:
        abort(404, "There is no such page.")


def _existing(page: Page) -> Page:
    """`page`, or a 404 when its number is past the last page."""
    if not page.exists:
        abort(404, f"There is no such page: the last is page {page.pages}.")
    return page


def _entries(revisions: list[Revision]) -> list[tuple[Revision, list]]:
    return [(rev, field_changes(rev.changes)) for rev in revisions]


def _revert_rows(current: object | None, rev: Revision) -> list[tuple[str, object, object]]:
    """The fields a revert to `rev` would change: (field, saved now, restored value)."""
    if current is None:
        return []
    restored = restore_data(rev)
    return [(field.replace("_", " "), getattr(current, field), value)
            for field, value in restored.items() if getattr(current, field) != value]


@bp.route("/audit")
@role_required("editor")
def show_log():
    """The global audit log, filtered and paginated, with the chain head."""
    form = LogFilterForm(request.args, users=users_for_filter())
    if request.args and not form.validate():
        return render_template("audit/log.html", form=form, page=None, entries=[], head=chain_head(),
                               args={}), 400
    where = form.log_filter()
    page = _existing(audit_log(where, _seek(), current_app.config["PAGE_SIZE"]))
    args = {k: v for k, v in request.args.items() if k not in ("page", "after", "before") and v}
    return render_template("audit/log.html", form=form, page=page, entries=_entries(page.items),
                           head=chain_head(), args=args)


@bp.route("/claims/<int:claim_id>/history")
@login_required
def show_claim_history(claim_id: int):
    """A claim's timeline: the claim, its values, reviews, evidence and flags."""
    claim = get_or_404(Claim, claim_id, "claim", removed_too=True)
    return render_template("audit/claim_history.html", claim=claim, entries=_entries(claim_timeline(claim_id)),
                           can_revert=current_user.has_role("editor"))


@bp.route("/articles/<int:article_id>/history")
@login_required
def show_article_history(article_id: int):
    """An article's timeline, paginated."""
    article = get_or_404(Article, article_id, "article", removed_too=True)
    page = _existing(article_timeline(article_id, _seek(), current_app.config["PAGE_SIZE"]))
    return render_template("audit/article_history.html", article=article, page=page,
                           entries=_entries(page.items), can_revert=current_user.has_role("editor"))


def _get_revision(revision_id: int) -> Revision:
    rev = get_or_404(Revision, revision_id, "revision", removed_too=True)
    return rev


def _revision_page(rev: Revision, form: RevertForm, status: int = 200, problem: str | None = None):
    entity = None
    preview: list[tuple[str, str | None, str | None]] = []
    if is_revertible(rev):
        entity = db.session.get(REVERTIBLE_MODELS[rev.entity_type], rev.entity_id)
    if entity is not None:
        if form.version.data in (None, ""):
            form.version.data = entity.version
        preview = [(field, shown(getattr(entity, field)), shown(value))
                   for field, value in restore_data(rev).items() if getattr(entity, field) != value]
    return render_template("audit/revision.html", rev=rev, changes=field_changes(rev.changes), entity=entity,
                           preview=preview, form=form, problem=problem), status


@bp.route("/revisions/<int:revision_id>")
@role_required("editor")
def show_revision(revision_id: int):
    """One revision with what a revert to it would change, and the revert form."""
    return _revision_page(_get_revision(revision_id), RevertForm())


@bp.route("/revisions/<int:revision_id>/revert", methods=["POST"])
@role_required("editor")
def revert_revision(revision_id: int):
    """Revert the revision's entity to its state right after it (editors)."""
    rev = _get_revision(revision_id)
    form = RevertForm()
    if not form.validate_on_submit():
        return _revision_page(rev, form, 400)
    try:
        entity = revert_to(rev, form.posted_version(), Actor.of(current_user), reason=form.reason.data)
    except StaleEdit as error:
        current = db.session.get(REVERTIBLE_MODELS[rev.entity_type], rev.entity_id)
        return render_conflict(error, current, form, {"reason": "Reason for the revert"},
                               url_for("audit.revert_revision", revision_id=rev.id),
                               compared=_revert_rows(current, rev))
    except RevertError as error:
        return _revision_page(rev, form, 409, problem=str(error))
    flash(f"Reverted {rev.entity_type} {entity.id} to its state after revision {rev.id}.", "success")
    claim_id = entity.id if rev.entity_type == "claim" else entity.claim_id
    return redirect(url_for("audit.show_claim_history", claim_id=claim_id))
