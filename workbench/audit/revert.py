"""Revert: put a claim, review or evidence back to its state right after a given revision.

The state is rebuilt by replaying that entity's revisions up to the chosen one (each revision's
`changes` holds the new value of every field it touched; a creation lists every non-empty field,
so a field absent after replaying a creation was empty). The restore is one ordinary, version-
checked write recorded as a new revision with action "revert": history is never rewritten.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, select

from workbench.audit.queries import REVERTIBLE_MODELS
from workbench.core.concurrency import versioned_edit
from workbench.core.models import UTCDateTime
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.recording import Actor, apply_changes, record
from workbench.review.operations import follow_verdict, is_live, status_for, supersede_open_verdicts

# Fields a revert may restore. Links (article, claim, reviewer) and bookkeeping stay as they are.
RESTORABLE_FIELDS = {
    "claim": ("text", "start_offset", "end_offset", "kind", "score", "status", "origin", "assignee_id",
              "deleted_at"),
    "review": ("rating_value", "rating_label", "rationale", "state", "approved_by_id", "approved_at",
               "deleted_at"),
    "evidence": ("source_id", "quote", "stance", "deleted_at"),
}


class RevertError(ValueError):
    """A revert that cannot be done; the message says why, for the user."""


def is_revertible(rev: Revision) -> bool:
    """True if `rev` belongs to an entity type that can be reverted."""
    return rev.entity_type in RESTORABLE_FIELDS


def state_after(rev: Revision) -> tuple[dict[str, Any], bool]:
    """The entity's stored field values right after `rev`, and whether its creation was replayed."""
    history = db.session.scalars(
        select(Revision)
        .where(Revision.entity_type == rev.entity_type, Revision.entity_id == rev.entity_id,
               Revision.id <= rev.id)
        .order_by(Revision.id)
    )
    state: dict[str, Any] = {}
    created = False
    for past in history:
        if past.action == "create":
            state, created = {}, True
        for field, pair in past.changes.items():
            state[field] = pair[1] if isinstance(pair, list) and len(pair) == 2 else pair
    return state, created


def _from_stored(column: Any, value: Any) -> Any:
    # Revisions store dates and datetimes as ISO strings (see operations.jsonable).
    if value is None or not isinstance(value, str):
        return value
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def restore_data(rev: Revision) -> dict[str, Any]:
    """Field values to write so the entity matches its state right after `rev`."""
    model = REVERTIBLE_MODELS[rev.entity_type]
    columns = model.__table__.c
    state, created = state_after(rev)
    data: dict[str, Any] = {}
    for field in RESTORABLE_FIELDS[rev.entity_type]:
        if field in state:
            data[field] = _from_stored(columns[field], state[field])
        elif created and columns[field].nullable:
            # A creation records every non-empty field, so a field never mentioned since was empty.
            data[field] = None
    return data


def _make_current(review: Any, actor: Actor, rev: Revision) -> None:
    """A verdict brought back by a revert becomes the claim's current one, as a new verdict would.

    Newer verdicts awaiting approval are superseded; a newer approved or rejected one is a
    decision the revert must not silently outrank, so the revert is refused.
    """
    claim = review.claim
    newer_decided = [r for r in claim.verdicts if r.id > review.id and is_live(r) and r.state != "proposed"]
    if newer_decided:
        newest = max(newer_decided, key=lambda r: r.id)
        raise RevertError(f"Verdict #{newest.id} on this claim is newer and was {newest.state}; "
                          "revert that verdict first.")
    supersede_open_verdicts(claim, actor, f"superseded: verdict {review.id} was reverted to revision {rev.id}",
                            keep=review)


def revert_to(rev: Revision, posted_version: int | None, actor: Actor, *, reason: str) -> Any:
    """Restore `rev`'s entity to its state right after `rev` as one "revert" revision; commits.

    Raises RevertError (nothing to do, entity gone, type not revertible) and StaleEdit.
    """
    if not is_revertible(rev):
        raise RevertError(f"A {rev.entity_type.replace('_', ' ')} cannot be reverted; only claims, reviews "
                          "and evidence can.")
    if not reason or not reason.strip():
        raise RevertError("Give a reason for the revert.")
    model = REVERTIBLE_MODELS[rev.entity_type]
    entity = db.session.get(model, rev.entity_id)
    if entity is None:
        raise RevertError(f"The {rev.entity_type} {rev.entity_id} no longer exists.")
    with versioned_edit(entity, rev.entity_type, posted_version):
        data = restore_data(rev)
        if rev.entity_type == "claim" and "status" in data:
            # The verdicts are not reverted with the claim, and its status must keep telling
            # the truth about them: a revert never brings back 'verified' without an approved
            # current verdict.
            data["status"] = status_for(entity, data["status"])
        changes = apply_changes(entity, data)
        if not changes:
            raise RevertError(f"The {rev.entity_type} already matches its state after revision {rev.id}.")
        db.session.flush()
        is_claim = rev.entity_type == "claim"
        record("revert", rev.entity_type, entity.id, changes, actor,
               claim_id=entity.id if is_claim else entity.claim_id,
               article_id=entity.article_id if is_claim else rev.article_id,
               reason=f"to revision {rev.id}: {reason.strip()}")
        if rev.entity_type == "review":
            if is_live(entity):
                _make_current(entity, actor, rev)
            # A claim is verified or disputed because of its verdict: a reverted verdict takes
            # the claim's status with it, or exports would show a verified claim whose verdict
            # awaits approval.
            follow_verdict(entity.claim, actor, f"its verdict {entity.id} was reverted to revision {rev.id}")
    return entity
