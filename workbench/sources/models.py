"""Sources and the evidence linking them to claims."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

SOURCE_KINDS = ("primary", "official", "report", "news", "dataset", "other")
STANCES = ("supports", "refutes", "context")


class Source(db.Model):
    __tablename__ = "sources"
    __table_args__ = (
        enum_check("kind", SOURCE_KINDS, "kind"),
        # Links are rendered to reviewers: only http(s), never javascript: or data:.
        CheckConstraint("url LIKE 'http://%' OR url LIKE 'https://%'", name="url_scheme"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), nullable=False)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    publisher: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date)
    accessed: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Source {self.id} {self.url}>"


class Evidence(db.Model):
    __tablename__ = "evidence"
    __table_args__ = (enum_check("stance", STANCES, "stance"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), nullable=False, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False, index=True)
    quote: Mapped[str] = mapped_column(Text, nullable=False, default="")
    stance: Mapped[str] = mapped_column(String(20), nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    claim = relationship("Claim")
    source = relationship("Source")

    def __repr__(self) -> str:
        return f"<Evidence {self.id} claim={self.claim_id} source={self.source_id} {self.stance}>"
