"""Counts the list pages show, kept current by database triggers instead of COUNT(*) per request.

At a million claims, counting the corpus on every page view cost most of the page's time. The
triggers (migration 20261202_a7c3e91f5d20) update these rows in the same transaction as the
insert, update or delete that changes a count, whichever code path (operation, import, bulk
SQL) makes it, so a count is never ahead of or behind the rows it counts.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from workbench.extensions import db

ARTICLES = "articles"
CLAIMS_PREFIX = "claims:"


class SummaryCount(db.Model):
    """One named count: `articles` (live articles), `claims:<status>` (live claims of live articles)."""

    __tablename__ = "summary_counts"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)

    def __repr__(self) -> str:
        return f"<SummaryCount {self.name}={self.n}>"


class FlagCount(db.Model):
    """Flags per status, kind and severity: any filter of the flag list sums a few of these rows."""

    __tablename__ = "flag_counts"

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    severity: Mapped[str] = mapped_column(String(10), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)

    def __repr__(self) -> str:
        return f"<FlagCount {self.status}/{self.kind}/{self.severity}={self.n}>"


def live_article_count() -> int:
    """Live (not removed) articles."""
    return db.session.scalar(select(SummaryCount.n).where(SummaryCount.name == ARTICLES)) or 0


def claim_status_counts() -> dict[str, int]:
    """Live claims of live articles per status."""
    rows = db.session.execute(select(SummaryCount.name, SummaryCount.n)
                              .where(SummaryCount.name.startswith(CLAIMS_PREFIX)))
    return {name.removeprefix(CLAIMS_PREFIX): n for name, n in rows}


def flag_count(status: str | None = None, kind: str | None = None, severity: str | None = None) -> int:
    """Flags matching the filters given (None: any)."""
    query = select(func.coalesce(func.sum(FlagCount.n), 0))
    if status:
        query = query.where(FlagCount.status == status)
    if kind:
        query = query.where(FlagCount.kind == kind)
    if severity:
        query = query.where(FlagCount.severity == severity)
    return int(db.session.scalar(query) or 0)
