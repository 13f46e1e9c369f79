"""The demo workflow `workbench seed` stages, so every page and export has real work to show.

A newcomer who opens the demo desk should find claims at each step of a review: one in review
and assigned, one awaiting approval, one approved with a verdict and a source, one returned to
its reviewer, and a dismissed flag beside the open ones the engine raised. Everything is made
through the same operations the web forms call, so it is in the revision history like any
other work. The Shanghai article (the tour's article) is left untouched for the tour.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from workbench.articles.models import Article
from workbench.auth.models import User
from workbench.extensions import db
from workbench.flags.operations import change_status, create_manual_flag
from workbench.history.recording import Actor
from workbench.review.models import Claim, Review
from workbench.review.operations import add_review, decide_review, update_claim
from workbench.sources.operations import add_evidence

# The article the staged work goes into: the first demo article, by import order. The README's
# tour uses another one (the Shanghai publicity week), which stays fresh.
STAGED_ARTICLE_RANK = 0
DEMO_NOTE = "Demo data staged by `workbench seed` to show this step of a review."


def _live_claims(article: Article) -> list[Claim]:
    query = (select(Claim).where(Claim.article_id == article.id, Claim.deleted_at.is_(None))
             .order_by(Claim.start_offset))
    return list(db.session.scalars(query))


def _staged_article(articles: Sequence[Article]) -> Article | None:
    with_claims = [a for a in articles if len(_live_claims(a)) >= 5]
    return with_claims[STAGED_ARTICLE_RANK] if len(with_claims) > STAGED_ARTICLE_RANK else None


def _demo_source(article: Article) -> dict:
    url = article.url if article.url and article.url.startswith(("http://", "https://")) else "https://example.org/"
    return {"url": url, "title": f"Demo source: {article.outlet or 'the outlet'}", "kind": "news"}


def _verdict(claim: Claim, reviewer: User, label: str) -> Review:
    rating = next(tuple(r) for r in _rating_scale() if r[1] == label)
    return add_review(claim, rating, f"{DEMO_NOTE} Rated {label} against the attached source.", reviewer,
                      claim.version)


def _rating_scale() -> list:
    from flask import current_app

    return current_app.config["RATING_SCALE"]


def stage_demo_workflow(articles: Sequence[Article], reviewer: User, editor: User) -> list[str]:
    """Stage one claim at each review step in the demo articles; nothing if any verdict exists.

    Returns one line per step taken, for the seed command to print.
    """
    if db.session.scalar(select(func.count()).select_from(Review)):
        return ["demo     review work already exists; nothing staged"]
    article = _staged_article(articles)
    if article is None:
        return ["demo     no demo article with enough claims; nothing staged"]
    in_review, awaiting, approved, returned, flagged = _live_claims(article)[:5]
    reviewer_actor, editor_actor = Actor.of(reviewer), Actor.of(editor)
    labels = [label for _, label in _rating_scale()]
    mostly_true, mixed = labels[-2], labels[len(labels) // 2]

    update_claim(in_review, {"status": "in_review", "assignee_id": reviewer.id}, in_review.version, editor_actor,
                 reason=DEMO_NOTE)
    for claim in (awaiting, approved, returned):
        add_evidence(claim, _demo_source(article), "supports", "", reviewer_actor)
    _verdict(awaiting, reviewer, mostly_true)
    review = _verdict(approved, reviewer, mostly_true)
    decide_review(review, editor, review.version, approve=True, note=DEMO_NOTE)
    review = _verdict(returned, reviewer, mixed)
    decide_review(review, editor, review.version, approve=False,
                  note=f"{DEMO_NOTE} Returned: the source does not state this figure.")
    flag = create_manual_flag([flagged.id, returned.id], "value_mismatch", "low",
                              "Demo flag: do these two sentences disagree?", reviewer_actor, article_id=article.id)
    change_status(flag, "dismiss", flag.version, editor_actor,
                  note=f"{DEMO_NOTE} Dismissed: the two sentences state different facts.")
    return [
        f"demo     article {article.id}: claim {in_review.id} in review (assigned to {reviewer.email}), "
        f"claim {awaiting.id} awaiting approval, claim {approved.id} approved, claim {returned.id} returned, "
        f"flag {flag.id} dismissed",
    ]
