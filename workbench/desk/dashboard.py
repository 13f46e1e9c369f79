"""The desk's dashboard: counts by state, verdicts, open flags, reviewers' week, drawn as SVG on the server."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from workbench.articles.models import Article
from workbench.auth.models import User
from workbench.core.counts import claim_status_counts, flag_count
from workbench.core.models import utc_now
from workbench.desk.queues import live_review_filter
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.history.models import Revision
from workbench.review.models import CLAIM_STATUSES, Claim, Review
from workbench.review.states import state_label

BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 22, 6, 150, 460


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    css: str
    y: int
    width: int


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    total: int


def chart(title: str, items: list[tuple[str, int, str]]) -> Chart:
    """Horizontal bars scaled to the largest value; geometry only, colours come from CSS classes."""
    top = max((v for _l, v, _c in items), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    bars = [Bar(label, value, css, i * (BAR_HEIGHT + GAP), max(1 if value else 0, round(span * value / top)))
            for i, (label, value, css) in enumerate(items)]
    return Chart(title, bars, max(len(bars), 1) * (BAR_HEIGHT + GAP), sum(v for _l, v, _c in items))


def _claims(article_id: int | None):
    query = select(Claim.id).join(Article, Article.id == Claim.article_id).where(
        Claim.deleted_at.is_(None), Article.deleted_at.is_(None))
    return query.where(Claim.article_id == article_id) if article_id is not None else query


@dataclass(frozen=True, slots=True)
class Dashboard:
    states: Chart
    verdicts: Chart
    reviewers: Chart
    open_flags: int
    recent: list[Revision]
    as_of: datetime | None = None  # when the verdict and reviewer charts were counted, if not just now


def _verdicts_chart(claim_ids) -> Chart:
    newest = (select(func.max(Review.id)).where(live_review_filter(), Review.claim_id.in_(select(claim_ids.c.id)))
              .group_by(Review.claim_id))
    by_rating = db.session.execute(select(Review.rating_label, func.count()).where(Review.id.in_(newest))
                                   .group_by(Review.rating_label).order_by(func.count().desc())).all()
    return chart("Current verdicts", [(label, n, "bar-rating") for label, n in by_rating])


def _reviewers_chart(article_id: int | None) -> Chart:
    week = (select(User.name, func.count()).select_from(Revision).join(User, User.id == Revision.actor_id)
            .where(Revision.created_at >= utc_now() - timedelta(days=7), Revision.actor_id.is_not(None),
                   Revision.entity_type.in_(("review", "evidence", "claim", "flag"))))
    if article_id is not None:
        week = week.where(Revision.article_id == article_id)
    by_actor = db.session.execute(week.group_by(User.id, User.name).order_by(func.count().desc()).limit(12)).all()
    return chart("Work done in the last 7 days (changes recorded)", [(a, n, "bar-person") for a, n in by_actor])


# The whole desk's verdict distribution and week of work read every verdict and a week of
# revisions: about two seconds at a million claims. They are counted at most once per
# `max_age_seconds` per database and the page says when; an article's dashboard is always live.
_whole_desk: dict[str, tuple[datetime, Chart, Chart]] = {}
_whole_desk_lock = threading.Lock()


def _whole_desk_charts(claim_ids, max_age_seconds: float) -> tuple[Chart, Chart, datetime | None]:
    key = str(db.engine.url)
    with _whole_desk_lock:
        cached = _whole_desk.get(key)
        if cached and max_age_seconds > 0 and utc_now() - cached[0] < timedelta(seconds=max_age_seconds):
            return cached[1], cached[2], cached[0]
        counted_at = utc_now()
        verdicts, reviewers = _verdicts_chart(claim_ids), _reviewers_chart(None)
        _whole_desk[key] = (counted_at, verdicts, reviewers)
    return verdicts, reviewers, (counted_at if max_age_seconds > 0 else None)


def dashboard(article_id: int | None = None, *, max_age_seconds: float = 0) -> Dashboard:
    """Everything the dashboard shows, for one article (live) or the whole desk (states and open
    flags from the trigger-kept counts; verdicts and the week's work at most `max_age_seconds` old)."""
    claim_ids = _claims(article_id).subquery()
    recent = select(Revision).order_by(Revision.id.desc()).limit(10)
    if article_id is None:
        by_state = claim_status_counts()
        open_flags = flag_count(status="open") + flag_count(status="confirmed")
        verdicts, reviewers, as_of = _whole_desk_charts(claim_ids, max_age_seconds)
    else:
        by_state = dict(db.session.execute(
            select(Claim.status, func.count()).where(Claim.id.in_(select(claim_ids.c.id)))
            .group_by(Claim.status)).all())
        open_flags = db.session.scalar(select(func.count(func.distinct(Flag.id))).join(
            FlagMember, FlagMember.flag_id == Flag.id).where(
            Flag.status.in_(("open", "confirmed")), FlagMember.claim_id.in_(select(claim_ids.c.id)))) or 0
        verdicts, reviewers, as_of = _verdicts_chart(claim_ids), _reviewers_chart(article_id), None
        recent = recent.where(Revision.article_id == article_id)
    states = chart("Claims by state", [(state_label(s), by_state.get(s, 0), f"bar-{s}") for s in CLAIM_STATUSES])
    return Dashboard(states, verdicts, reviewers, open_flags, list(db.session.scalars(recent)), as_of)
