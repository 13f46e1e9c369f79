"""Imported articles and the story keys used to find articles on the same story."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.core.models import UTCDateTime, utc_now
from workbench.extensions import db


class Article(db.Model):
    __tablename__ = "articles"
    # Keyset pagination of the article list, newest first.
    __table_args__ = (Index("ix_articles_imported_at_id", "imported_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str] = mapped_column(String(12), nullable=False)
    published: Mapped[date | None] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    raw_text: Mapped[str] = mapped_column(Text, nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    source_name: Mapped[str | None] = mapped_column(String(500))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_by_label: Mapped[str] = mapped_column(String(200), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    imported_by = relationship("User")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:40]!r}>"


class ArticleKey(db.Model):
    """A language-independent story key of an article (a date, number or name); see claims.conflicts."""

    __tablename__ = "article_keys"
    __table_args__ = (Index("ix_article_keys_key", "key"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
