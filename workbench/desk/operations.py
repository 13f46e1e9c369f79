"""Desk writes on an article's claims: a claim the engine missed, a false positive set aside."""
from __future__ import annotations

from claims.values import extract_values
from workbench.articles.models import Article
from workbench.articles.operations import CLAIM_FIELDS, VALUE_FIELDS
from workbench.core.concurrency import check_version, committed
from workbench.extensions import db
from workbench.history.recording import Actor, record, snapshot
from workbench.review.models import Claim, ClaimValue
from workbench.review.operations import ReviewError, delete_claim

MAX_CLAIM_CHARS = 2000


def add_missed_claim(article: Article, start: int, end: int, posted_version: int | None, actor: Actor,
                     live: list[Claim]) -> Claim:
    """A claim over body[start:end] chosen by a person, its values extracted from the selection."""
    check_version(article, "article", posted_version)  # offsets are only good for the text the person saw
    body = article.body
    if not (0 <= start < end <= len(body)):
        raise ReviewError("the selection is outside the article's text; select text in the article")
    # Trim the selection to its words so a stray space or line break does not become part of the claim.
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ReviewError("the selection holds no text")
    if end - start > MAX_CLAIM_CHARS:
        raise ReviewError(f"a claim can be at most {MAX_CLAIM_CHARS} characters long")
    for other in live:
        if other.start_offset < end and start < other.end_offset:
            raise ReviewError(f"the selection overlaps claim {other.id} ({other.text[:60]!r}); edit that "
                              "claim instead")
    text = body[start:end]
    values = list(extract_values(text, language=article.language or "en", published=article.published,
                                 offset=start))
    with committed():
        claim = Claim(article_id=article.id, text=text, start_offset=start, end_offset=end,
                      kind=values[0].type if values else "manual", score=1.0,
                      reasons=[f"added by {actor.label}"], status="unreviewed", origin="manual")
        db.session.add(claim)
        db.session.flush()
        record("create", "claim", claim.id, snapshot(claim, CLAIM_FIELDS), actor, claim_id=claim.id,
               article_id=article.id, reason="a claim the engine missed")
        for value in values:
            row = ClaimValue(claim_id=claim.id, type=value.type, text=value.text, start_offset=value.start,
                             end_offset=value.end, normalized=dict(value.normalized))
            db.session.add(row)
            db.session.flush()
            record("create", "claim_value", row.id, snapshot(row, VALUE_FIELDS), actor, claim_id=claim.id,
                   article_id=article.id)
    return claim


def mark_not_a_claim(claim: Claim, reason: str, posted_version: int | None, actor: Actor) -> Claim:
    """Set a false positive aside (soft delete, revertible from the history) with the reason why."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("say why this is not a claim")
    return delete_claim(claim, posted_version, actor, reason=f"not a claim: {reason[:480]}")
