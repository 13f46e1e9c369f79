"""The help page: open to everyone, so a newcomer can read it before logging in."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from workbench.flags.models import FLAG_STATUSES
from workbench.flags.operations import MANUAL_KINDS
from workbench.help.glossary import CLAIM_STATE_HELP, FLAG_KIND_HELP, FLAG_STATUS_HELP, ROLE_HELP, explain
from workbench.review.models import CLAIM_STATUSES

bp = Blueprint("help", __name__)


@bp.route("/help")
def show_help():
    return render_template(
        "help/index.html",
        states=[(s, CLAIM_STATE_HELP[s]) for s in CLAIM_STATUSES],
        flag_kinds=[(k, FLAG_KIND_HELP[k]) for k in MANUAL_KINDS],
        flag_statuses=[(s, FLAG_STATUS_HELP[s]) for s in FLAG_STATUSES],
        roles=ROLE_HELP,
        threshold=float(current_app.config["CLAIM_THRESHOLD"]),
        ratings=[label for _, label in current_app.config["RATING_SCALE"]],
    )


@bp.app_template_filter("flag_kind_help")
def flag_kind_help(kind: str | None) -> str:
    """One sentence on what a flag kind means, for beside the kind on flag pages."""
    return explain(FLAG_KIND_HELP, kind)


@bp.app_template_filter("claim_state_help")
def claim_state_help(state: str | None) -> str:
    return explain(CLAIM_STATE_HELP, state)
