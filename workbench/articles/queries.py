"""Reads for article pages."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workbench.articles.models import Article
from workbench.core.counts import live_article_count
from workbench.core.pagination import Seek, page_rows
from workbench.extensions import db
from workbench.review.models import Claim

# The article list's sort key, newest first; ix_articles_imported_at_id matches it.
ARTICLE_ORDER = (Article.imported_at, Article.id)
ARTICLE_KEY_KINDS = (datetime, int)


def articles_with_claim_counts(seek: Seek, per_page: int):
    """A page of live articles, newest first, each with its number of live claims, and the live total.

    The claims are counted for the page's articles only (by ix_claims_article_id_status), and
    the total comes from the summary row, so the page costs the same at any corpus size.
    """
    n_claims = (
        select(func.count(Claim.id))
        .where(Claim.article_id == Article.id, Claim.deleted_at.is_(None))
        .correlate(Article)
        .scalar_subquery()
    )
    query = select(Article, n_claims, *ARTICLE_ORDER).where(Article.deleted_at.is_(None))
    rows = page_rows(query, ARTICLE_ORDER, seek, per_page)
    return [(row[0], row[1]) for row in rows], [tuple(row[2:]) for row in rows], live_article_count()


def live_claims(article_id: int) -> list[Claim]:
    return list(
        db.session.scalars(
            select(Claim)
            .where(Claim.article_id == article_id, Claim.deleted_at.is_(None))
            .options(selectinload(Claim.values))
            .order_by(Claim.start_offset)
        )
    )
