"""Inconsistency flags and the claims/values they involve."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

FLAG_STATUSES = ("open", "confirmed", "dismissed", "resolved")
SEVERITIES = ("low", "medium", "high")
DETECTORS = ("system", "user")


class Flag(db.Model):
    __tablename__ = "flags"
    __table_args__ = (
        enum_check("status", FLAG_STATUSES, "status"),
        enum_check("severity", SEVERITIES, "severity"),
        enum_check("detected_by", DETECTORS, "detected_by"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        Index("ix_flags_status", "status"),
        # Keyset pagination of the flag list: newest first, whole or filtered by one field.
        Index("ix_flags_created_at_id", "created_at", "id"),
        Index("ix_flags_status_created_at_id", "status", "created_at", "id"),
        Index("ix_flags_kind_created_at_id", "kind", "created_at", "id"),
        Index("ix_flags_severity_created_at_id", "severity", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=1.0)
    explanation: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    detected_by: Mapped[str] = mapped_column(String(10), nullable=False)
    # Fingerprint of a system finding: detection never creates the same flag twice.
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    members = relationship("FlagMember", back_populates="flag", order_by="FlagMember.id")

    def __repr__(self) -> str:
        return f"<Flag {self.id} {self.kind} {self.status}>"


class FlagMember(db.Model):
    __tablename__ = "flag_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id"), nullable=False, index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), nullable=False, index=True)
    value_id: Mapped[int | None] = mapped_column(ForeignKey("claim_values.id"))
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    value: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    flag = relationship("Flag", back_populates="members")
    claim = relationship("Claim")
    claim_value = relationship("ClaimValue")
