"""Claims under review, their typed values, and reviewers' verdicts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

CLAIM_STATUSES = ("unreviewed", "in_review", "proposed", "verified", "disputed")
CLAIM_ORIGINS = ("extracted", "manual", "split", "merged")
VALUE_TYPES = ("date", "date_range", "percent", "quantity", "rank", "year_target", "money", "duration")
REVIEW_STATES = ("proposed", "approved", "rejected", "superseded")


class Claim(db.Model):
    __tablename__ = "claims"
    __table_args__ = (
        enum_check("status", CLAIM_STATUSES, "status"),
        enum_check("origin", CLAIM_ORIGINS, "origin"),
        CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="offsets"),
        CheckConstraint("score >= 0 AND score <= 1", name="score"),
        Index("ix_claims_article_id_status", "article_id", "status"),
        Index("ix_claims_status", "status"),
        Index("ix_claims_assignee_id_status", "assignee_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start_offset: Mapped[int] = mapped_column(Integer, nullable=False)
    end_offset: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    reasons: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="unreviewed")
    origin: Mapped[str] = mapped_column(String(20), nullable=False, default="extracted")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now
    )
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    article = relationship("Article")
    assignee = relationship("User")
    values = relationship("ClaimValue", back_populates="claim", order_by="ClaimValue.start_offset")
    verdicts = relationship("Verdict", back_populates="claim", order_by="Verdict.id")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.status} {self.text[:40]!r}>"


class ClaimValue(db.Model):
    __tablename__ = "claim_values"
    __table_args__ = (
        enum_check("type", VALUE_TYPES, "type"),
        CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="offsets"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), nullable=False, index=True)
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start_offset: Mapped[int] = mapped_column(Integer, nullable=False)
    end_offset: Mapped[int] = mapped_column(Integer, nullable=False)
    normalized: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    claim = relationship("Claim", back_populates="values")

    def __repr__(self) -> str:
        return f"<ClaimValue {self.id} {self.type} {self.text!r}>"


class Verdict(db.Model):
    """A verdict on a claim. An editor other than the reviewer approves it; the claim is then verified.

    The table keeps its first name, `reviews`, and so do the revisions recorded on it (entity type
    "review"): the revision chain is hashed, so its past entries cannot be renamed.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        enum_check("state", REVIEW_STATES, "state"),
        CheckConstraint(
            "approved_by_id IS NULL OR approved_by_id <> reviewer_id", name="approver_not_reviewer"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), nullable=False, index=True)
    rating_value: Mapped[int] = mapped_column(Integer, nullable=False)
    rating_label: Mapped[str] = mapped_column(String(100), nullable=False)
    rationale: Mapped[str] = mapped_column(Text, nullable=False)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="proposed")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    claim = relationship("Claim", back_populates="verdicts")
    reviewer = relationship("User", foreign_keys=[reviewer_id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])

    def __repr__(self) -> str:
        return f"<Verdict {self.id} claim={self.claim_id} {self.rating_label} {self.state}>"
