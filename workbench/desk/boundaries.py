"""Where a claim begins and ends, set by a person: split one claim in two, merge two neighbours.

Both are one transaction with a revision per changed row, and both keep the reviewers' work: a
split leaves the verdict, sources, comments and flags on the first part (the claim keeps its id) and
moves the values of the second part to the new claim; a merge moves the second claim's values,
sources, comments, flag memberships and (when the first has none) its verdicts to the first claim,
then sets the second aside. A merge of two claims that both have verdicts is refused, because one
of the two verdicts would no longer say what it was given for.
"""
from __future__ import annotations

from sqlalchemy import select

from workbench.articles.models import Article
from workbench.articles.operations import CLAIM_FIELDS
from workbench.core.concurrency import check_version, versioned_edit
from workbench.core.models import utc_now
from workbench.desk.models import Comment
from workbench.extensions import db
from workbench.flags.models import FlagMember
from workbench.history.recording import Actor, apply_changes, record, snapshot
from workbench.review.models import Claim, ClaimValue, Review
from workbench.review.operations import ReviewError
from workbench.sources.models import Evidence


def _move(rows, entity_type: str, to: Claim, actor: Actor, reason: str) -> int:
    """Point each row at claim `to`, with an update revision per row; how many moved."""
    moved = 0
    for row in rows:
        changes = apply_changes(row, {"claim_id": to.id})
        if changes:
            db.session.flush()
            record("update", entity_type, row.id, changes, actor, claim_id=to.id, article_id=to.article_id,
                   reason=reason)
            moved += 1
    return moved


def _claim_update(claim: Claim, data: dict, actor: Actor, reason: str) -> None:
    changes = apply_changes(claim, data)
    if changes:
        db.session.flush()
        record("update", "claim", claim.id, changes, actor, claim_id=claim.id, article_id=claim.article_id,
               reason=reason)


def split_point(body: str, claim: Claim, at: int) -> tuple[int, int]:
    """The end of the first part and the start of the second for a split at `at` (spaces trimmed)."""
    if not (claim.start_offset < at < claim.end_offset):
        raise ReviewError("the split point must fall inside the claim's text")
    if body[at - 1].isalnum() and body[at].isalnum():
        raise ReviewError("the split point falls inside a word; split between two words")
    left_end, right_start = at, at
    while left_end > claim.start_offset and body[left_end - 1].isspace():
        left_end -= 1
    while right_start < claim.end_offset and body[right_start].isspace():
        right_start += 1
    def has_words(text: str) -> bool:
        return any(ch.isalnum() for ch in text)

    if not has_words(body[claim.start_offset:left_end]) or not has_words(body[right_start:claim.end_offset]):
        raise ReviewError("both parts of a split need words; choose a point between two words")
    return left_end, right_start


def split_claim(claim: Claim, at: int, posted_version: int | None, actor: Actor) -> Claim:
    """Split `claim` at body offset `at`; the claim keeps the first part, the new claim (returned)
    takes the second part and its values."""
    with versioned_edit(claim, "claim", posted_version):
        body = db.session.get(Article, claim.article_id).body
        left_end, right_start = split_point(body, claim, at)
        values = list(db.session.scalars(select(ClaimValue).where(ClaimValue.claim_id == claim.id)))
        for value in values:
            if value.start_offset < left_end and right_start < value.end_offset:
                raise ReviewError(f"the split point falls inside the value {value.text!r}; split before or "
                                  "after it")
        moving = [v for v in values if v.start_offset >= right_start]
        second = Claim(article_id=claim.article_id, text=body[right_start:claim.end_offset],
                       start_offset=right_start, end_offset=claim.end_offset,
                       kind=moving[0].type if moving else claim.kind, score=claim.score,
                       reasons=[f"split from claim {claim.id} by {actor.label}"], status="unreviewed",
                       origin="manual", assignee_id=claim.assignee_id)
        db.session.add(second)
        db.session.flush()
        reason = f"split of claim {claim.id} into {claim.id} and {second.id}"
        record("create", "claim", second.id, snapshot(second, CLAIM_FIELDS), actor, claim_id=second.id,
               article_id=claim.article_id, reason=reason)
        _claim_update(claim, {"text": body[claim.start_offset:left_end], "end_offset": left_end}, actor, reason)
        _move(moving, "claim_value", second, actor, reason)
    return second


def next_claim(claim: Claim) -> Claim | None:
    """The article's next live claim after `claim` (the one a merge joins it with)."""
    return db.session.scalars(
        select(Claim).where(Claim.article_id == claim.article_id, Claim.deleted_at.is_(None),
                            Claim.id != claim.id, Claim.start_offset >= claim.start_offset)
        .order_by(Claim.start_offset, Claim.id).limit(1)).first()


def _live_reviews(claim: Claim) -> list[Review]:
    return list(db.session.scalars(select(Review).where(Review.claim_id == claim.id, Review.deleted_at.is_(None))
                                   .order_by(Review.id)))


def merge_claims(first: Claim, second: Claim, first_version: int | None, second_version: int | None,
                 actor: Actor) -> Claim:
    """Join `first` with its next claim `second` into `first`, keeping the work done on both."""
    with versioned_edit(first, "claim", first_version):
        check_version(second, "claim", second_version)
        if second.is_deleted or first.is_deleted or next_claim(first) is not second:
            raise ReviewError("only a claim and the next claim of the same article can be merged")
        first_reviews, second_reviews = _live_reviews(first), _live_reviews(second)
        if first_reviews and second_reviews:
            raise ReviewError(f"both claims have verdicts (claim {first.id} and claim {second.id}); keep one "
                              "claim's verdict by rejecting or removing the other's before merging")
        body = db.session.get(Article, first.article_id).body
        reason = f"merge of claim {second.id} into claim {first.id}"
        data = {"text": body[first.start_offset:second.end_offset], "end_offset": second.end_offset}
        if second_reviews:
            data["status"] = second.status  # the verdict moves, and the claim's state follows its verdict
        if first.assignee_id is None and second.assignee_id is not None:
            data["assignee_id"] = second.assignee_id
        _claim_update(first, data, actor, reason)
        _move(db.session.scalars(select(ClaimValue).where(ClaimValue.claim_id == second.id)), "claim_value",
              first, actor, reason)
        _move(second_reviews, "review", first, actor, reason)
        _move(db.session.scalars(select(Evidence).where(Evidence.claim_id == second.id,
                                                        Evidence.deleted_at.is_(None))), "evidence", first, actor,
              reason)
        _move(db.session.scalars(select(Comment).where(Comment.claim_id == second.id)), "comment", first, actor,
              reason)
        already = set(db.session.scalars(select(FlagMember.flag_id).where(FlagMember.claim_id == first.id)))
        _move([m for m in db.session.scalars(select(FlagMember).where(FlagMember.claim_id == second.id))
               if m.flag_id not in already], "flag_member", first, actor, reason)
        changes = apply_changes(second, {"deleted_at": utc_now()})
        db.session.flush()
        record("delete", "claim", second.id, changes, actor, claim_id=second.id, article_id=second.article_id,
               reason=reason)
    return first
