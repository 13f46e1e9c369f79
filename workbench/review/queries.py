"""Reads for claim pages."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workbench.auth.models import User
from workbench.extensions import db
from workbench.history.queries import latest_revision
from workbench.review.models import Claim, Verdict
from workbench.sources.models import Evidence


def claim_for_page(claim_id: int) -> Claim | None:
    """A live claim with its article, values and reviews loaded."""
    return db.session.scalars(
        select(Claim)
        .where(Claim.id == claim_id, Claim.deleted_at.is_(None))
        .options(selectinload(Claim.values), selectinload(Claim.verdicts).selectinload(Verdict.reviewer),
                 selectinload(Claim.article))
    ).first()


def live_evidence(claim_id: int) -> list[Evidence]:
    return list(db.session.scalars(
        select(Evidence).where(Evidence.claim_id == claim_id, Evidence.deleted_at.is_(None))
        .options(selectinload(Evidence.source)).order_by(Evidence.id)
    ))


def active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.is_active.is_(True)).order_by(User.name)))



def decision_note(review: Verdict) -> str | None:
    """The approver's note or the reason a verdict was returned (kept on the decision's revision)."""
    if review.state not in ("approved", "rejected"):
        return None
    from_revision = latest_revision("review", review.id)
    return from_revision.reason if from_revision is not None else None
