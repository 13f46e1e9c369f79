"""The reviewer's desk: work queues with filters kept in the URL, bulk actions, search, dashboard."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workbench.articles.models import Article
from workbench.articles.queries import live_claims
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.core.forms import page_form
from workbench.core.navigation import safe_next
from workbench.core.routing import get_or_404
from workbench.desk.boundaries import merge_claims, split_claim
from workbench.desk.bulk import bulk_assign, bulk_dismiss_flags, bulk_set_status, parse_selection
from workbench.desk.comments import add_comment, thread
from workbench.desk.dashboard import dashboard
from workbench.desk.filters import FilterError, parse_filters
from workbench.desk.keyset import parse_cursor
from workbench.desk.operations import add_missed_claim, mark_not_a_claim
from workbench.desk.queues import QUEUES, current_verdicts, open_flag_counts, queue_counts, queue_page
from workbench.desk.search import SearchError, highlight, parse_query, search_articles, search_claims
from workbench.desk.workspace import last_changes, numbered, paragraph_of, pieces, split_choices
from workbench.history.recording import Actor
from workbench.review.forms import ReviewForm
from workbench.review.models import VALUE_TYPES, Claim
from workbench.review.operations import MANUAL_STATUSES, ReviewError, current_review
from workbench.review.queries import active_users, decision_note, live_evidence
from workbench.review.readable import readable_value
from workbench.review.states import STATE_LABELS

bp = Blueprint("desk", __name__, url_prefix="/desk")


@bp.route("/")
@role_required("reviewer")
def overview():
    counts = queue_counts(current_user.id, current_user.has_role("editor"))
    return render_template("desk/overview.html", queues=QUEUES, counts=counts)


def _rating_labels() -> list[str]:
    config = current_app.config
    return [str(label) for _v, label in [*config["RATING_SCALE"], *config.get("EXTRA_RATINGS", [])]]


@bp.route("/queues/<name>")
@role_required("reviewer")
def show_queue(name: str):
    queue = QUEUES.get(name)
    if queue is None:
        abort(404, f"There is no queue {name!r}.")
    if not current_user.has_role(queue.role):
        abort(403)
    try:
        filters = parse_filters(request.args)
        page = queue_page(name, current_user.id, filters, parse_cursor(request.args.get("after")),
                          int(current_app.config["PAGE_SIZE"]))
    except FilterError as error:
        abort(400, f"This filter cannot be used: {error}.")
    ids = [c.id for c in page.rows]
    return render_template(
        "desk/queue.html", queue=queue, queues=QUEUES, page=page, filters=filters,
        verdicts=current_verdicts(ids), flag_counts=open_flag_counts(ids), users=active_users(),
        states=STATE_LABELS, manual_states=MANUAL_STATUSES, value_types=VALUE_TYPES, ratings=_rating_labels(),
    )


@bp.route("/bulk", methods=["POST"])
@role_required("reviewer")
def bulk_action():
    back = safe_next(request.form.get("next")) or url_for("desk.overview")
    action = request.form.get("action")
    actor = Actor.of(current_user)
    try:
        selection = parse_selection(request.form.getlist("claim"))
        if action == "assign":
            if not current_user.has_role("editor"):
                abort(403)
            raw = request.form.get("assignee", "")
            if not raw.isdigit() or (int(raw) and int(raw) not in {u.id for u in active_users()}):
                raise ReviewError("choose an active user to assign the claims to")
            result = bulk_assign(selection, int(raw) or None, actor)
            done = "assigned"
        elif action == "status":
            result = bulk_set_status(selection, request.form.get("status", ""), actor)
            done = "set to " + STATE_LABELS.get(request.form.get("status", ""), "")
        elif action == "dismiss":
            result = bulk_dismiss_flags(selection, request.form.get("reason", ""), actor)
            flash(f"{result.changed} flag(s) dismissed.", "success")
            return redirect(back)
        else:
            raise ReviewError("choose an action: assign, set status or dismiss flags")
    except StaleEdit as error:
        flash(f"Nothing was changed: claim {error.entity_id} was changed by someone else since you loaded "
              f"the list (version {error.posted_version}, now {error.current_version}). Reload and try again.",
              "error")
        return redirect(back, 303)
    except ReviewError as error:
        flash(f"Nothing was changed: {error}.", "error")
        return redirect(back, 303)
    flash(f"{result.changed} claim(s) {done}; {result.unchanged} already were.", "success")
    return redirect(back)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


@bp.after_request
def content_security_policy(response):
    # The desk's pages load their script and style from static/ only: no inline script or style runs.
    response.headers.setdefault("Content-Security-Policy", CSP)
    return response


@bp.route("/articles/<int:article_id>")
@role_required("reviewer")
def workspace(article_id: int):
    article = get_or_404(Article, article_id, "article")
    claims = numbered(live_claims(article.id))
    chosen = parse_cursor(request.args.get("claim"))
    index = next((i for i, c in enumerate(claims) if c.id == chosen), None)
    if chosen is not None and index is None:
        abort(404, f"Article {article_id} has no claim {chosen}.")
    ids = [c.id for c in claims]
    panel = None
    if index is not None:
        claim = claims[index]
        verdict = current_review(claim)
        panel = {
            "claim": claim, "number": index + 1, "verdict": verdict,
            "context": paragraph_of(article.body, claim.start_offset, claim.end_offset),
            "evidence": live_evidence(claim.id), "changes": last_changes(claim.id),
            "note": decision_note(verdict) if verdict else None,
            "comments": thread(claim.id), "splits": split_choices(article.body, claim),
            "prev": claims[index - 1] if index > 0 else None,
            "next": claims[index + 1] if index + 1 < len(claims) else None,
            "form": page_form(ReviewForm, url_for("review.create_review", claim_id=claim.id),
                              {"version": claim.version}, name="verdict"),
        }
    return render_template(
        "desk/workspace.html", article=article, claims=claims, pieces=pieces(article.body, claims),
        panel=panel, verdicts=current_verdicts(ids), flag_counts=open_flag_counts(ids),
        readable=readable_value,
    )


@bp.route("/search")
@role_required("reviewer")
def search():
    try:
        query = parse_query(request.args.get("q"))
    except SearchError as error:
        return render_template("desk/search.html", query=None, raw=request.args.get("q", ""), error=str(error),
                               queues=QUEUES), 400
    page = articles = None
    if query is not None:
        page = search_claims(query, parse_cursor(request.args.get("after")), int(current_app.config["PAGE_SIZE"]))
        articles = search_articles(query) if page.is_first else []
    ids = [c.id for c in page.rows] if page else []
    return render_template("desk/search.html", query=query, raw=request.args.get("q", ""), page=page,
                           articles=articles, highlight=highlight, verdicts=current_verdicts(ids), queues=QUEUES,
                           error=None)


@bp.route("/dashboard")
@role_required("reviewer")
def dashboard_page():
    try:
        article_id = parse_filters({"article": request.args.get("article")}).article
    except FilterError as error:
        abort(400, f"This filter cannot be used: {error}.")
    article = None
    if article_id is not None:
        article = get_or_404(Article, article_id, "article")
    board = dashboard(article_id, max_age_seconds=float(current_app.config["DASHBOARD_MAX_AGE_SECONDS"]))
    return render_template("desk/dashboard.html", board=board, article=article, queues=QUEUES)


def _workspace_url(article_id: int, claim_id: int | None = None) -> str:
    if claim_id is None:
        return url_for("desk.workspace", article_id=article_id)
    return url_for("desk.workspace", article_id=article_id, claim=claim_id) + "#panel"


@bp.route("/articles/<int:article_id>/claims", methods=["POST"])
@role_required("reviewer")
def add_claim(article_id: int):
    article = get_or_404(Article, article_id, "article")
    start, end, version = (parse_cursor(request.form.get(k)) for k in ("start", "end", "version"))
    if start is None or end is None:
        abort(400, "Select the text of the claim in the article first (start and end are missing).")
    try:
        claim = add_missed_claim(article, start, end, version, Actor.of(current_user), live_claims(article.id))
    except StaleEdit:
        flash("Not added: the article's text changed since you loaded it; select the claim again.", "error")
        return redirect(_workspace_url(article_id), 303)
    except ReviewError as error:
        flash(f"Not added: {error}.", "error")
        return redirect(_workspace_url(article_id), 303)
    flash("Claim added.", "success")
    return redirect(_workspace_url(article_id, claim.id))


@bp.route("/claims/<int:claim_id>/not-a-claim", methods=["POST"])
@role_required("reviewer")
def not_a_claim(claim_id: int):
    claim = get_or_404(Claim, claim_id, "claim")
    article_id = claim.article_id
    try:
        mark_not_a_claim(claim, request.form.get("reason", ""), parse_cursor(request.form.get("version")),
                         Actor.of(current_user))
    except StaleEdit:
        flash("Not changed: someone changed this claim since you loaded it; look again.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    except ReviewError as error:
        flash(f"Not changed: {error}.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    flash("Set aside as not a claim (kept in the history, can be reverted).", "success")
    return redirect(_workspace_url(article_id))


def _live_claim_or_404(claim_id: int) -> Claim:
    claim = get_or_404(Claim, claim_id, "claim")
    return claim


@bp.route("/claims/<int:claim_id>/split", methods=["POST"])
@role_required("reviewer")
def split(claim_id: int):
    claim = get_or_404(Claim, claim_id, "claim")
    article_id = claim.article_id
    at, version = parse_cursor(request.form.get("at")), parse_cursor(request.form.get("version"))
    if at is None:
        abort(400, "Choose where to split the claim (the split point is missing).")
    try:
        second = split_claim(claim, at, version, Actor.of(current_user))
    except StaleEdit:
        flash("Not split: someone changed this claim since you loaded it; look again.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    except ReviewError as error:
        flash(f"Not split: {error}.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    flash(f"Split in two: this claim keeps its verdict, sources and comments; claim {second.id} is new and "
          "unreviewed.", "success")
    return redirect(_workspace_url(article_id, claim_id))


@bp.route("/claims/<int:claim_id>/merge", methods=["POST"])
@role_required("reviewer")
def merge(claim_id: int):
    claim = get_or_404(Claim, claim_id, "claim")
    article_id = claim.article_id
    other_id = parse_cursor(request.form.get("next_claim"))
    if other_id is None:
        abort(400, "Say which claim to merge with (next_claim is missing).")
    other = get_or_404(Claim, other_id, "claim")
    try:
        merge_claims(claim, other, parse_cursor(request.form.get("version")),
                     parse_cursor(request.form.get("next_version")), Actor.of(current_user))
    except StaleEdit:
        flash("Not merged: someone changed one of the two claims since you loaded them; look again.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    except ReviewError as error:
        flash(f"Not merged: {error}.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    flash(f"Merged: claim {other_id} is now part of this claim, with its values, sources and comments.",
          "success")
    return redirect(_workspace_url(article_id, claim_id))


@bp.route("/claims/<int:claim_id>/comments", methods=["POST"])
@role_required("reviewer")
def comment(claim_id: int):
    claim = get_or_404(Claim, claim_id, "claim")
    article_id = claim.article_id
    try:
        add_comment(claim, request.form.get("body", ""), current_user)
    except ReviewError as error:
        flash(f"Comment not posted: {error}.", "error")
        return redirect(_workspace_url(article_id, claim_id), 303)
    flash("Comment posted.", "success")
    return redirect(_workspace_url(article_id, claim_id))
