"""The reviewer's desk: work queues with filters kept in the URL, bulk actions, search, dashboard."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workbench.audit.operations import Actor
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.desk.bulk import bulk_assign, bulk_dismiss_flags, bulk_set_status, parse_selection
from workbench.desk.filters import FilterError, parse_filters
from workbench.desk.keyset import parse_cursor
from workbench.desk.navigation import safe_next
from workbench.desk.queues import QUEUES, current_verdicts, open_flag_counts, queue_counts, queue_page
from workbench.review.models import VALUE_TYPES
from workbench.review.operations import MANUAL_STATUSES, ReviewError
from workbench.review.queries import active_users
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
    except FilterError as error:
        abort(400, f"This filter cannot be used: {error}.")
    page = queue_page(name, current_user.id, filters, parse_cursor(request.args.get("after")),
                      int(current_app.config["PAGE_SIZE"]))
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
