"""Comment threads on claims: writing a comment (recorded) and finding the users it @mentions."""
from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workbench.auth.models import User
from workbench.core.concurrency import committed
from workbench.desk.models import Comment, Mention
from workbench.extensions import db
from workbench.history.recording import Actor, record, snapshot
from workbench.review.models import Claim
from workbench.review.operations import ReviewError

MAX_COMMENT_CHARS = 5000
# @ followed by an email address or its part before the @ ("@anna" or "@anna@desk.example.org").
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")


def mentioned_users(body: str) -> list[User]:
    """The active users a comment mentions; ReviewError naming any mention that is nobody."""
    handles = list(dict.fromkeys(h.lower().rstrip(".") for h in MENTION.findall(body)))
    if not handles:
        return []
    users = list(db.session.scalars(select(User).where(User.is_active.is_(True))))
    found, unknown = {}, []
    for handle in handles:
        match = [u for u in users if u.email.lower() == handle or u.email.lower().split("@")[0] == handle]
        if len(match) == 1:
            found[match[0].id] = match[0]
        else:
            unknown.append(handle)
    if unknown:
        raise ReviewError("no single active user is called " + ", ".join(f"@{h}" for h in unknown)
                          + " (mention someone by their email or the part before the @)")
    return list(found.values())


def add_comment(claim: Claim, body: str, user) -> Comment:
    """A comment on the claim with its mentions, in one transaction with its revision."""
    body = (body or "").strip()
    if not body:
        raise ReviewError("write a comment first")
    if len(body) > MAX_COMMENT_CHARS:
        raise ReviewError(f"a comment can be at most {MAX_COMMENT_CHARS} characters long")
    mentioned = mentioned_users(body)
    with committed():
        comment = Comment(claim_id=claim.id, author_id=user.id, body=body)
        db.session.add(comment)
        db.session.flush()
        for person in mentioned:
            db.session.add(Mention(comment_id=comment.id, user_id=person.id))
        changes = snapshot(comment, ("claim_id", "author_id", "body"))
        changes["mentions"] = [None, sorted(p.id for p in mentioned)]
        record("create", "comment", comment.id, changes, Actor.of(user), claim_id=claim.id,
               article_id=claim.article_id)
    return comment


def thread(claim_id: int) -> list[Comment]:
    """The claim's comments, oldest first, with authors loaded."""
    return list(db.session.scalars(select(Comment).where(Comment.claim_id == claim_id)
                                   .options(selectinload(Comment.author)).order_by(Comment.id)))


def mention_count(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Mention).where(Mention.user_id == user_id)) or 0
