"""Reads for article pages."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workbench.articles.models import Article
from workbench.extensions import db
from workbench.review.models import Claim


def articles_with_claim_counts(page: int, per_page: int):
    """A page of live articles, newest first, each with its number of live claims."""
    counts = (
        select(Claim.article_id, func.count(Claim.id).label("n"))
        .where(Claim.deleted_at.is_(None))
        .group_by(Claim.article_id)
        .subquery()
    )
    query = (
        select(Article, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.article_id == Article.id)
        .where(Article.deleted_at.is_(None))
        .order_by(Article.imported_at.desc(), Article.id.desc())
    )
    total = db.session.scalar(select(func.count()).select_from(Article).where(Article.deleted_at.is_(None)))
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return rows, total


def live_claims(article_id: int) -> list[Claim]:
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.article_id == article_id, Claim.deleted_at.is_(None))
            .options(selectinload(Claim.values))
            .order_by(Claim.start_offset)
        )
    )
