"""Reads of the revision history: the audit log, claim and article timelines, the chain head."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, or_, select

from workbench.auth.models import User
from workbench.core.pagination import Seek, capped_count, encode_key, page_rows
from workbench.core.routing import LARGEST_ROW_ID
from workbench.extensions import db
from workbench.flags.models import FlagMember
from workbench.history.models import Revision
from workbench.review.models import Claim, Verdict
from workbench.sources.models import Evidence

# Entities a revert can restore, by entity_type.
REVERTIBLE_MODELS = {"claim": Claim, "review": Verdict, "evidence": Evidence}


@dataclass(frozen=True, slots=True)
class LogFilter:
    """Filters of the global audit log; None means any."""

    actor_id: int | None = None
    by_commands: bool = False  # only changes made without a user (commands)
    entity_type: str | None = None
    action: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of revisions, newest first."""

    items: list[Revision]
    page: int
    per_page: int
    total: int
    exact: bool = True  # False: `total` is a lower bound (the count stopped at pagination.COUNT_CAP)

    @property
    def pages(self) -> int:
        """Number of pages (at least one; a lower bound when the count is not exact)."""
        pages = max(1, -(-self.total // self.per_page))
        return pages if self.exact else max(pages, self.page)

    @property
    def exists(self) -> bool:
        """Whether this page number is one of the pages (1 to `pages`)."""
        if not self.exact:
            return self.page == 1 or bool(self.items)
        return 1 <= self.page <= self.pages

    @property
    def newer(self) -> str | None:
        """Cursor of the first revision shown: the previous page ends just after it."""
        return encode_key((self.items[0].id,)) if self.items else None

    @property
    def older(self) -> str | None:
        """Cursor of the last revision shown, when a next page may follow it."""
        if len(self.items) < self.per_page or (self.exact and self.page >= self.pages):
            return None
        return encode_key((self.items[-1].id,))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def filtered(query: Select, where: LogFilter) -> Select:
    """`query` restricted by the audit log filters (dates are whole UTC days, both ends included)."""
    if where.actor_id is not None:
        query = query.where(Revision.actor_id == where.actor_id)
    if where.by_commands:
        query = query.where(Revision.actor_id.is_(None))
    if where.entity_type:
        query = query.where(Revision.entity_type == where.entity_type)
    if where.action:
        query = query.where(Revision.action == where.action)
    if where.date_from:
        query = query.where(Revision.created_at >= _start_of(where.date_from))
    if where.date_to and where.date_to < date.max:
        # The last day a date can name has no next day to stop before; every storable time is
        # on or before it, so it needs no upper bound.
        query = query.where(Revision.created_at < _start_of(where.date_to + timedelta(days=1)))
    return query


# Revisions are listed newest first by id (the chain position); ix_revisions_<filter>_id match it.
REVISION_ORDER = (Revision.id,)
REVISION_KEY_KINDS = (int,)


def paginate(query: Select, seek: Seek | int, per_page: int) -> Page:
    """A page of `query`'s revisions, newest first, with the total count; empty if the page does not exist.

    The page seeks from the cursor of its link (keyset), and the count stops at COUNT_CAP rows
    (then it is shown as "more than"), so a page of a million-row log reads about one page.
    A page that does not exist is not queried: the offset of a page number from a URL could
    overflow the database's integers (SQLite's and PostgreSQL's are 64-bit).
    """
    seek = seek if isinstance(seek, Seek) else Seek(seek)
    total, exact = capped_count(query.with_only_columns(Revision.id))
    empty = Page([], seek.page, per_page, total, exact)
    if exact and not empty.exists:
        return empty
    if not exact and seek.page > LARGEST_ROW_ID // per_page:
        return empty
    items = [row[0] for row in page_rows(query, REVISION_ORDER, seek, per_page)]
    return Page(items, seek.page, per_page, total, exact)


def audit_log(where: LogFilter, seek: Seek | int, per_page: int) -> Page:
    """The global audit log."""
    return paginate(filtered(select(Revision), where), seek, per_page)


def claim_timeline_query(claim_id: int) -> Select:
    """Revisions of a claim, its values, reviews and evidence, and the flags it is a member of."""
    flag_ids = select(FlagMember.flag_id).where(FlagMember.claim_id == claim_id)
    member_ids = select(FlagMember.id).where(FlagMember.claim_id == claim_id)
    return select(Revision).where(or_(
        Revision.claim_id == claim_id,
        (Revision.entity_type == "flag") & Revision.entity_id.in_(flag_ids),
        (Revision.entity_type == "flag_member") & Revision.entity_id.in_(member_ids),
    ))


def claim_timeline(claim_id: int) -> list[Revision]:
    """A claim's whole history, newest first."""
    return list(db.session.scalars(claim_timeline_query(claim_id).order_by(Revision.id.desc())))


def article_timeline(article_id: int, page: Seek | int, per_page: int) -> Page:
    """An article's history (the article, its claims and theirs, flags on them), newest first."""
    claim_ids = select(Claim.id).where(Claim.article_id == article_id)
    flag_ids = select(FlagMember.flag_id).where(FlagMember.claim_id.in_(claim_ids))
    query = select(Revision).where(or_(
        Revision.article_id == article_id,
        (Revision.entity_type == "flag") & Revision.entity_id.in_(flag_ids),
    ))
    return paginate(query, page, per_page)


def users_for_filter() -> list[tuple[int, str]]:
    """(id, label) of every user, for the audit log's user filter."""
    return [(row.id, f"{row.name} <{row.email}>")
            for row in db.session.execute(select(User.id, User.name, User.email).order_by(User.name))]
