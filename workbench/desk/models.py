"""Comments on a claim: a thread, each comment recorded, with the users it mentions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, utc_now
from workbench.extensions import db


class Comment(db.Model):
    __tablename__ = "claim_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)

    author = relationship("User")
    mentions = relationship("Mention", back_populates="comment")

    def __repr__(self) -> str:
        return f"<Comment {self.id} claim={self.claim_id}>"


class Mention(db.Model):
    __tablename__ = "claim_comment_mentions"

    comment_id: Mapped[int] = mapped_column(ForeignKey("claim_comments.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)

    comment = relationship("Comment", back_populates="mentions")
    user = relationship("User")

    def __repr__(self) -> str:
        return f"<Mention comment={self.comment_id} user={self.user_id}>"
