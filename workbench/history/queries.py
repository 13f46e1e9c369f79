"""Reads of the revision history that every domain needs: an entity's newest revision, the chain head."""
from __future__ import annotations

from sqlalchemy import select

from workbench.extensions import db
from workbench.history.models import ChainHead, Revision


def latest_revision(entity_type: str, entity_id: int) -> Revision | None:
    """The newest revision of one entity."""
    return db.session.scalars(
        select(Revision)
        .where(Revision.entity_type == entity_type, Revision.entity_id == entity_id)
        .order_by(Revision.id.desc())
        .limit(1)
    ).first()


def chain_head() -> tuple[int, str] | None:
    """Id and hash of the newest revision, as the chain head row records it (None while the history is empty).

    Read from the head row that every append updates, not from the newest row of `revisions`: a
    row written there directly, beyond the head, is not part of the chain (`audit verify` names
    it) and must not be shown or exported as its head. In a healthy chain the two agree.
    """
    row = db.session.execute(select(ChainHead.last_id, ChainHead.last_hash).where(ChainHead.id == 1)).first()
    return (row.last_id, row.last_hash) if row and row.last_id else None


def latest_claim_revision(claim_id: int) -> Revision | None:
    """The newest revision recorded on a claim: of the claim itself, its values, verdicts or evidence."""
    return db.session.scalars(
        select(Revision).where(Revision.claim_id == claim_id).order_by(Revision.id.desc()).limit(1)
    ).first()
