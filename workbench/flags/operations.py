"""The write path for flags: detection runs, confirm / dismiss / resolve, manual flags.

Each function is one transaction: rows change, a revision is recorded for every change, one
commit; any exception rolls everything back.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workbench.core.concurrency import committed, versioned_edit
from workbench.extensions import db
from workbench.flags.detection import FLAG_FIELDS, DetectionReport, add_member, detect_all
from workbench.flags.models import Flag
from workbench.history.recording import Actor, apply_changes, record, snapshot
from workbench.review.models import Claim

ENGINE_KINDS = ("date_outside_span", "value_mismatch", "total_mismatch", "duration_mismatch", "tense_mismatch",
                "cross_article_mismatch", "cross_contradiction", "cross_different_basis", "cross_different_source",
                "cross_revision", "cross_terminology")
MANUAL_KINDS = (*ENGINE_KINDS, "other")
# Which statuses each action may start from. A dismissed or resolved flag is closed: detection
# never reopens it, and neither do these actions (the revision history can revert a mistake).
TRANSITIONS = {
    "confirm": ("open",),
    "dismiss": ("open", "confirmed"),
    "resolve": ("open", "confirmed"),
}
TARGET_STATUS = {"confirm": "confirmed", "dismiss": "dismissed", "resolve": "resolved"}


class FlagError(Exception):
    """A flag change refused for a reason the user can fix; the message says which."""


def run_detection(actor: Actor) -> DetectionReport:
    """Detect inconsistencies over every live article and commit the new flags."""
    with committed():
        return detect_all(actor)


def flag_article_id(flag: Flag) -> int | None:
    """The article a flag's revisions are filed under: that of its first member's claim."""
    return flag.members[0].claim.article_id if flag.members else None


def change_status(flag: Flag, action: str, posted_version: int | None, actor: Actor, *,
                  note: str | None = None) -> Flag:
    """Confirm, dismiss or resolve a flag, refusing a stale version; `note` is the reason or resolution."""
    note = (note or "").strip() or None
    with versioned_edit(flag, "flag", posted_version):
        if flag.status not in TRANSITIONS[action]:
            raise FlagError(f"This flag is {flag.status}; it cannot be {TARGET_STATUS[action]} now.")
        if action in ("dismiss", "resolve") and note is None:
            what = "a reason for dismissing" if action == "dismiss" else "a note on how it was resolved"
            raise FlagError(f"Give {what} this flag.")
        data: dict = {"status": TARGET_STATUS[action]}
        if action != "confirm":
            data["resolution_note"] = note
        changes = apply_changes(flag, data)
        db.session.flush()
        record("update", "flag", flag.id, changes, actor, article_id=flag_article_id(flag), reason=note)
    return flag


def create_manual_flag(claim_ids: Sequence[int], kind: str, severity: str, explanation: str,
                       actor: Actor, *, article_id: int | None = None) -> Flag:
    """A flag a reviewer raises by hand over two or more live claims (all of `article_id`'s, if given)."""
    with committed():
        wanted = list(dict.fromkeys(claim_ids))
        if len(wanted) < 2:
            raise FlagError("A flag links at least two different claims.")
        if kind not in MANUAL_KINDS:
            raise FlagError(f"Unknown kind {kind!r}.")
        claims = {c.id: c for c in db.session.scalars(
            select(Claim).where(Claim.id.in_(wanted)).options(selectinload(Claim.article))
        )}
        missing = [str(i) for i in wanted if i not in claims or claims[i].is_deleted or claims[i].article.is_deleted]
        if missing:
            raise FlagError(f"No live claim with id {', '.join(missing)}.")
        elsewhere = [str(i) for i in wanted if article_id is not None and claims[i].article_id != article_id]
        if elsewhere:
            raise FlagError(f"Claim id {', '.join(elsewhere)} is not a claim of this article.")
        flag = Flag(kind=kind, severity=severity, confidence=1.0, explanation=explanation.strip(), status="open",
                    detected_by="user", created_by_id=actor.id)
        db.session.add(flag)
        db.session.flush()
        record("create", "flag", flag.id, snapshot(flag, FLAG_FIELDS), actor,
               article_id=claims[wanted[0]].article_id)
        for claim_id in wanted:
            claim = claims[claim_id]
            add_member(flag, claim, None, {}, claim.text, actor)
    return flag
