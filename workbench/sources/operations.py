"""The write path for sources and the evidence links between sources and claims. Each call is one
transaction with its revisions."""
from __future__ import annotations

from typing import Protocol

from sqlalchemy import select

from workbench.core.concurrency import committed, versioned_edit
from workbench.core.models import utc_now
from workbench.core.validation import InvalidURL, check_url
from workbench.extensions import db
from workbench.history.recording import Actor, apply_changes, record, snapshot
from workbench.sources.models import Evidence, Source


class ClaimRef(Protocol):
    """What sources need of a claim (another domain's row): its id and its article's."""

    id: int
    article_id: int


SOURCE_FIELDS = ("url", "title", "publisher", "published", "accessed", "kind")
EVIDENCE_FIELDS = ("claim_id", "source_id", "quote", "stance")


class SourceError(ValueError):
    """A source that cannot be attached, with the reason a person can act on."""


def find_or_create_source(data: dict, actor: Actor) -> Source:
    """The source with this URL, or a new one (recorded)."""
    try:
        url = check_url(data["url"])
    except InvalidURL as exc:
        raise SourceError(f"source link refused: {exc}") from None
    source = db.session.scalars(select(Source).where(Source.url == url, Source.deleted_at.is_(None))).first()
    if source is not None:
        return source
    source = Source(url=url, title=data.get("title") or url, publisher=data.get("publisher") or None,
                    published=data.get("published"), accessed=data.get("accessed"), kind=data.get("kind") or "other",
                    created_by_id=actor.id)
    db.session.add(source)
    db.session.flush()
    record("create", "source", source.id, snapshot(source, SOURCE_FIELDS), actor)
    return source


def add_evidence(claim: ClaimRef, source_data: dict, stance: str, quote: str, actor: Actor) -> Evidence:
    """Attach a source to a claim with a quote and a stance."""
    with committed():
        source = find_or_create_source(source_data, actor)
        evidence = Evidence(claim_id=claim.id, source_id=source.id, quote=quote or "", stance=stance,
                            created_by_id=actor.id)
        db.session.add(evidence)
        db.session.flush()
        record("create", "evidence", evidence.id, snapshot(evidence, EVIDENCE_FIELDS), actor, claim_id=claim.id,
               article_id=claim.article_id)
    return evidence


def update_evidence(evidence: Evidence, data: dict, posted_version: int | None, actor: Actor, *,
                    reason: str | None = None) -> Evidence:
    """Change an evidence link's quote or stance, or remove it (data {"deleted_at": ...})."""
    with versioned_edit(evidence, "evidence", posted_version):
        allowed = {k: v for k, v in data.items() if k in ("quote", "stance", "deleted_at")}
        changes = apply_changes(evidence, allowed)
        if changes:
            db.session.flush()
            action = "delete" if "deleted_at" in changes and evidence.deleted_at else "update"
            record(action, "evidence", evidence.id, changes, actor, claim_id=evidence.claim_id,
                   article_id=evidence.claim.article_id, reason=reason)
    return evidence


def remove_evidence(evidence: Evidence, posted_version: int | None, actor: Actor, *,
                    reason: str | None = None) -> Evidence:
    """Take a source link off its claim (kept in the history, revertible)."""
    return update_evidence(evidence, {"deleted_at": utc_now()}, posted_version, actor, reason=reason)
