"""Template helpers for claims and verdicts: state labels and a claim's current verdict."""
from __future__ import annotations

from flask import Flask

from workbench.review.operations import current_verdict
from workbench.review.states import REVIEW_STATE_LABELS, state_label


def register_review_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["state"] = state_label
    app.jinja_env.globals["verdict_of"] = current_verdict
    app.jinja_env.globals["review_state_label"] = lambda s: REVIEW_STATE_LABELS.get(s, s)
