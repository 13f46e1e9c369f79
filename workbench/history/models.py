"""The revision history: an append-only, hash-chained record of every change."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

ACTIONS = ("create", "update", "delete", "revert")
GENESIS_HASH = "0" * 64


class Revision(db.Model):
    __tablename__ = "revisions"
    __table_args__ = (
        enum_check("action", ACTIONS, "action"),
        Index("ix_revisions_entity_type_entity_id", "entity_type", "entity_id"),
        Index("ix_revisions_claim_id", "claim_id"),
        Index("ix_revisions_article_id", "article_id"),
        Index("ix_revisions_actor_id", "actor_id"),
        Index("ix_revisions_created_at", "created_at"),
        # Keyset pagination of the audit log, newest first, filtered by one field.
        Index("ix_revisions_entity_type_id", "entity_type", "id"),
        Index("ix_revisions_action_id", "action", "id"),
        Index("ix_revisions_actor_id_id", "actor_id", "id"),
    )

    # Assigned from the chain head, not by the database: the id is the position in the chain.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    # Denormalised so a claim's or article's whole timeline is one indexed query.
    claim_id: Mapped[int | None] = mapped_column(Integer)
    article_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict] = mapped_column(JSON, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)

    actor = relationship("User")

    def __repr__(self) -> str:
        return f"<Revision {self.id} {self.action} {self.entity_type}:{self.entity_id}>"


class ChainHead(db.Model):
    """One row holding the newest revision's id, hash and previous hash; appends update it first, serialising them."""

    __tablename__ = "revision_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # The newest revision's hash and prev_hash (GENESIS_HASH while the chain is empty). One
    # UPDATE of this row then both takes the append lock and yields the new revision's id,
    # previous hash and, hashed in SQL, its own hash: the head's newest committed values are
    # what the UPDATE reads after waiting for the lock, while a separate read of the revisions
    # table in the same statement would see its snapshot from before the wait.
    last_hash: Mapped[str] = mapped_column(String(64), nullable=False, default=GENESIS_HASH)
    last_prev_hash: Mapped[str] = mapped_column(String(64), nullable=False, default=GENESIS_HASH)
