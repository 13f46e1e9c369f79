"""Where "save and next" goes: a local page named by the form, never an outside address."""
from __future__ import annotations

from flask import request, url_for

LOCAL_PREFIXES = ("/claims/", "/desk/", "/articles/")


def safe_next(value: str | None) -> str | None:
    """`value` if it is a path on this site the desk links to, else None (no open redirect)."""
    if not value or not value.startswith(LOCAL_PREFIXES) or "//" in value or "\\" in value:
        return None
    return value


def next_after_save(claim_id: int) -> str:
    """The page after a saved verdict: the form's `next` (save and next) or the claim again."""
    return safe_next(request.form.get("next")) or url_for("review.show_claim", claim_id=claim_id)
