"""The desk's work queues: which claims each one holds, filtered, a keyset page at a time."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import selectinload

from workbench.articles.models import Article
from workbench.core.counts import claim_status_counts
from workbench.desk.filters import ClaimFilters, FilterError
from workbench.desk.keyset import KeysetPage, keyset_page
from workbench.desk.models import Comment, Mention
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.review.models import Claim, ClaimValue, Review
from workbench.stories.queries import story_article_ids


@dataclass(frozen=True, slots=True)
class Queue:
    name: str
    title: str
    role: str  # the least role that may open it
    hint: str


QUEUES: dict[str, Queue] = {q.name: q for q in (
    Queue("mine", "Assigned to me", "reviewer", "claims assigned to you that are not yet approved"),
    Queue("unreviewed", "Unreviewed", "reviewer", "claims nobody has started"),
    Queue("in_review", "In review", "reviewer", "claims being worked on"),
    Queue("awaiting", "Awaiting my approval", "editor", "verdicts by others waiting for an editor"),
    Queue("flagged", "Flagged", "reviewer", "claims in an open or confirmed inconsistency"),
    Queue("disputed", "Returned", "reviewer", "claims whose verdict an editor returned"),
    Queue("mentions", "Mentions", "reviewer", "claims where someone mentioned you in a comment"),
    Queue("all", "All claims", "reviewer", "every live claim"),
)}


def live_review_filter():
    return and_(Review.deleted_at.is_(None), Review.state != "superseded")


def current_review_id():
    """A correlated subquery: the id of the claim's current verdict (newest live review)."""
    return (select(func.max(Review.id)).where(Review.claim_id == Claim.id, live_review_filter())
            .correlate(Claim).scalar_subquery())


def _open_flag_members():
    """Claims in an open or confirmed flag, read from the flags' side (a small part of the corpus)."""
    return (select(FlagMember.claim_id).join(Flag, Flag.id == FlagMember.flag_id)
            .where(Flag.status.in_(("open", "confirmed"))))


def queue_query(queue: str, user_id: int) -> Select:
    """Live claims of live articles in `queue`, for the user `user_id`."""
    query = select(Claim).join(Article, Article.id == Claim.article_id).where(
        Claim.deleted_at.is_(None), Article.deleted_at.is_(None))
    if queue == "mine":
        query = query.where(Claim.assignee_id == user_id, Claim.status != "verified")
    elif queue in ("unreviewed", "in_review", "disputed"):
        query = query.where(Claim.status == queue)
    elif queue == "awaiting":
        # Editors cannot approve their own verdicts, so those are not waiting for them.
        query = query.where(Claim.status == "proposed", exists().where(
            Review.claim_id == Claim.id, Review.state == "proposed", Review.deleted_at.is_(None),
            Review.reviewer_id != user_id))
    elif queue == "mentions":
        # Driven from the user's mentions (few), not by probing every claim for one.
        query = query.where(Claim.id.in_(select(Comment.claim_id).join(Mention, Mention.comment_id == Comment.id)
                                         .where(Mention.user_id == user_id)))
    elif queue == "flagged":
        query = query.where(Claim.id.in_(_open_flag_members()))
    return query


def apply_filters(query: Select, f: ClaimFilters) -> Select:
    """Narrow `query` by every filter given; they combine (AND)."""
    if f.article is not None:
        query = query.where(Claim.article_id == f.article)
    if f.story is not None:
        query = query.where(Claim.article_id.in_(_story_ids(f.story)))
    if f.status is not None:
        query = query.where(Claim.status == f.status)
    if f.kind is not None:
        query = query.where(Claim.kind == f.kind)
    if f.assignee is not None:
        query = query.where(Claim.assignee_id.is_(None) if f.assignee == 0 else Claim.assignee_id == f.assignee)
    if f.value_type is not None:
        query = query.where(exists().where(ClaimValue.claim_id == Claim.id, ClaimValue.type == f.value_type))
    if f.verdict is not None:
        query = query.where(exists().where(Review.id == current_review_id(), Review.rating_label == f.verdict))
    if f.since is not None:
        query = query.where(Claim.created_at >= datetime.combine(f.since, time(), tzinfo=UTC))
    if f.until is not None:
        query = query.where(Claim.created_at < datetime.combine(f.until + timedelta(days=1), time(),
                                                                tzinfo=UTC))
    return query


def _story_ids(article_id: int) -> list[int]:
    article = db.session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise FilterError(f"there is no article {article_id} to take the story from")
    return story_article_ids(article)


def queue_page(queue: str, user_id: int, filters: ClaimFilters, after: int | None, size: int) -> KeysetPage:
    """One page of a queue with each claim's article and values loaded (a fixed number of queries)."""
    query = apply_filters(queue_query(queue, user_id), filters).options(
        selectinload(Claim.values), selectinload(Claim.article).load_only(Article.id, Article.title,
                                                                          Article.language),
        selectinload(Claim.assignee))
    return keyset_page(db.session, query, Claim.id, after, size)


def current_verdicts(claim_ids: Sequence[int]) -> dict[int, Review]:
    """The current verdict of each claim that has one, in one query."""
    if not claim_ids:
        return {}
    newest = (select(Review.claim_id, func.max(Review.id).label("id"))
              .where(Review.claim_id.in_(claim_ids), live_review_filter()).group_by(Review.claim_id).subquery())
    rows = db.session.scalars(select(Review).join(newest, Review.id == newest.c.id))
    return {r.claim_id: r for r in rows}


def open_flag_counts(claim_ids: Sequence[int]) -> dict[int, int]:
    """How many open or confirmed flags each claim is in, in one query."""
    if not claim_ids:
        return {}
    rows = db.session.execute(
        select(FlagMember.claim_id, func.count(func.distinct(FlagMember.flag_id)))
        .join(Flag, Flag.id == FlagMember.flag_id)
        .where(FlagMember.claim_id.in_(claim_ids), Flag.status.in_(("open", "confirmed")))
        .group_by(FlagMember.claim_id))
    return dict(rows.all())


# Beyond this many claims a queue's count says "1,000+": counting further would read the queue
# to its end on every visit to the desk (seconds at a million claims) to tell a person what
# "a lot" already says. Queues that follow one claim state are counted exactly, from the
# trigger-kept summary counts.
COUNT_CAP = 1000
STATE_QUEUES = ("unreviewed", "in_review", "disputed")


@dataclass(frozen=True, slots=True)
class QueueCount:
    n: int
    more: bool = False  # the queue holds more than `n` claims

    def __str__(self) -> str:
        return f"{self.n:,}+" if self.more else f"{self.n:,}"


def _capped_count(query: Select) -> QueueCount:
    n = db.session.scalar(select(func.count()).select_from(
        query.with_only_columns(Claim.id).limit(COUNT_CAP + 1).subquery())) or 0
    return QueueCount(COUNT_CAP, more=True) if n > COUNT_CAP else QueueCount(n)


def queue_counts(user_id: int, is_editor: bool) -> dict[str, QueueCount]:
    """How many claims each queue holds now (the desk's overview), in a fixed number of bounded reads."""
    by_state = claim_status_counts()
    counts = {}
    for name, queue in QUEUES.items():
        if queue.role == "editor" and not is_editor:
            continue
        if name in STATE_QUEUES:
            counts[name] = QueueCount(by_state.get(name, 0))
        elif name == "all":
            counts[name] = QueueCount(sum(by_state.values()))
        else:
            counts[name] = _capped_count(queue_query(name, user_id))
    return counts
