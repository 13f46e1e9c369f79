"""What the workflow states are called on every page.

The stored codes stay as they were (unreviewed, in_review, proposed, verified, disputed) so the
CLI contract (`export --status verified`), the history and the CHECK constraint on claims are
untouched (changing that constraint on SQLite would rebuild the claims table and drop its
triggers). People see what a state means: "verified" only ever meant "verdict approved", so a
claim rated False showed as verified; it now reads "approved" with the rating beside it.
"""
from __future__ import annotations

STATE_LABELS = {
    "unreviewed": "unreviewed",
    "in_review": "in review",
    "proposed": "awaiting approval",
    "verified": "approved",
    "disputed": "returned",
}
# A verdict's own states, named like the claim states they lead to.
REVIEW_STATE_LABELS = {"proposed": "awaiting approval", "approved": "approved", "rejected": "returned",
                       "superseded": "superseded"}
# Names people type in a URL filter (?status=approved) mapped to stored codes.
STATE_CODES = {label.replace(" ", "_"): code for code, label in STATE_LABELS.items()} | {
    code: code for code in STATE_LABELS
}


def state_label(code: str | None) -> str:
    """The name shown for a stored claim status."""
    if code is None:
        return "—"
    return STATE_LABELS.get(code, code.replace("_", " "))


def state_code(name: str) -> str | None:
    """The stored code for a state name or code from a URL, or None when unknown."""
    return STATE_CODES.get(name.strip().lower().replace(" ", "_"))
