"""Bulk actions on a selection of claims: one transaction, one revision per row that changed."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from workbench.core.concurrency import StaleEdit, check_version, committed
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.flags.operations import TARGET_STATUS, TRANSITIONS, flag_article_id
from workbench.history.recording import Actor, apply_changes, record
from workbench.review.models import Claim
from workbench.review.operations import MANUAL_STATUSES, ReviewError, _check_manual_status_change

MAX_SELECTION = 500


@dataclass(frozen=True, slots=True)
class BulkResult:
    changed: int  # rows that changed (each with its revision)
    unchanged: int  # rows already as asked


def parse_selection(raw: Sequence[str]) -> dict[int, int]:
    """{claim id: version seen} from checkbox values "ID:VERSION"; ReviewError on anything else."""
    selection: dict[int, int] = {}
    for item in raw:
        claim_id, _, version = item.partition(":")
        if not (claim_id.isdigit() and version.isdigit()) or len(item) > 40:
            raise ReviewError(f"unreadable selection {item[:40]!r}")
        selection[int(claim_id)] = int(version)
    if not selection:
        raise ReviewError("select at least one claim")
    if len(selection) > MAX_SELECTION:
        raise ReviewError(f"select at most {MAX_SELECTION} claims at once")
    return selection


def _claims(selection: dict[int, int]) -> list[Claim]:
    claims = list(db.session.scalars(select(Claim).where(Claim.id.in_(selection), Claim.deleted_at.is_(None))
                                     .order_by(Claim.id)))
    missing = set(selection) - {c.id for c in claims}
    if missing:
        raise ReviewError(f"no such claim: {', '.join(map(str, sorted(missing)))}", 404)
    for claim in claims:  # all or nothing: one stale row refuses the whole action
        check_version(claim, "claim", selection[claim.id])
    return claims


def _update_claims(selection: dict[int, int], data: dict, actor: Actor, reason: str | None,
                   check=None) -> BulkResult:
    changed = unchanged = 0
    with committed():
        for claim in _claims(selection):
            if check is not None:
                check(claim)
            changes = apply_changes(claim, data)
            if not changes:
                unchanged += 1
                continue
            db.session.flush()
            record("update", "claim", claim.id, changes, actor, claim_id=claim.id, article_id=claim.article_id,
                   reason=reason)
            changed += 1
    return BulkResult(changed, unchanged)


def bulk_assign(selection: dict[int, int], assignee_id: int | None, actor: Actor) -> BulkResult:
    """Assign every selected claim to one user (None: to nobody)."""
    return _update_claims(selection, {"assignee_id": assignee_id}, actor, "bulk assignment")


def bulk_set_status(selection: dict[int, int], status: str, actor: Actor) -> BulkResult:
    """Set a hand-set status (unreviewed, in review) on every selected claim; verdict states refused."""
    if status not in MANUAL_STATUSES:
        raise ReviewError(f"a claim becomes {status} through its verdict, not by a bulk action")

    def check(claim: Claim) -> None:
        if claim.status != status:
            try:
                _check_manual_status_change(claim, status)
            except ReviewError as error:
                raise ReviewError(f"claim {claim.id}: {error}") from None

    return _update_claims(selection, {"status": status}, actor, "bulk status change", check)


def bulk_dismiss_flags(selection: dict[int, int], reason: str, actor: Actor) -> BulkResult:
    """Dismiss every open or confirmed flag on the selected claims, with one reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("give a reason for dismissing the flags")
    changed = 0
    with committed():
        claims = _claims(selection)
        flags = list(db.session.scalars(
            select(Flag).where(Flag.id.in_(select(FlagMember.flag_id).where(
                FlagMember.claim_id.in_([c.id for c in claims]))),
                Flag.status.in_(TRANSITIONS["dismiss"])).order_by(Flag.id)))
        for flag in flags:
            changes = apply_changes(flag, {"status": TARGET_STATUS["dismiss"], "resolution_note": reason})
            db.session.flush()
            record("update", "flag", flag.id, changes, actor, article_id=flag_article_id(flag), reason=reason)
            changed += 1
    return BulkResult(changed, 0)


__all__ = ["BulkResult", "StaleEdit", "bulk_assign", "bulk_dismiss_flags", "bulk_set_status", "parse_selection"]
