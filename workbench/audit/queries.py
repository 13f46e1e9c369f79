"""Reads of the revision history."""
from __future__ import annotations

from sqlalchemy import select

from workbench.audit.models import Revision
from workbench.extensions import db


def latest_revision(entity_type: str, entity_id: int) -> Revision | None:
    """The newest revision of one entity."""
    return db.session.scalars(
        select(Revision)
        .where(Revision.entity_type == entity_type, Revision.entity_id == entity_id)
        .order_by(Revision.id.desc())
        .limit(1)
    ).first()


def chain_head() -> tuple[int, str] | None:
    """Id and hash of the newest revision (None while the history is empty)."""
    row = db.session.execute(select(Revision.id, Revision.hash).order_by(Revision.id.desc()).limit(1)).first()
    return (row.id, row.hash) if row else None
