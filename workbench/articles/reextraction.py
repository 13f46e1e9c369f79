"""Re-running the engine over stored articles (after an engine upgrade) without losing reviewer work.

A claim whose text is unchanged keeps its row, so its verdicts, evidence, status, assignee and
flags stay attached; only its offsets, kind, score and values follow the new engine (the kind
only if no person chose it). A claim the
engine no longer finds is soft-deleted if nobody has worked on it, and kept (reported) if someone
has. New claims are added. Every change is a revision, all in one transaction per article.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from claims.analysis import Analysis, analyse
from claims.detect import Claim as FoundClaim
from workbench.articles.models import Article
from workbench.articles.operations import VALUE_FIELDS, add_extracted_claim
from workbench.articles.reading import read_article
from workbench.core.concurrency import committed, end_transaction
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.flags.detection import detect_for_article
from workbench.flags.models import FlagMember
from workbench.history.models import Revision
from workbench.history.recording import Actor, apply_changes, record, removal, snapshot
from workbench.review.models import Claim, ClaimValue
from workbench.sources.models import Evidence


@dataclass(frozen=True, slots=True)
class ReextractResult:
    article_id: int
    kept: int
    added: int
    removed: int
    kept_with_work: int  # claims the engine no longer finds but reviewers worked on: left in place

    def summary(self) -> str:
        return (f"article {self.article_id}: {self.kept} claims kept, {self.added} added, {self.removed} removed"
                + (f", {self.kept_with_work} no longer found but kept for their review work"
                   if self.kept_with_work else ""))


REEXTRACTION = "re-extraction"


def _has_review_work(claim: Claim) -> bool:
    """True if a person changed, judged, sourced, assigned or flagged this claim."""
    if claim.status != "unreviewed" or claim.assignee_id or claim.origin != "extracted" or claim.verdicts:
        return True
    if db.session.scalar(select(Evidence.id).where(Evidence.claim_id == claim.id).limit(1)) is not None:
        return True
    if db.session.scalar(select(FlagMember.id).where(FlagMember.claim_id == claim.id).limit(1)) is not None:
        return True
    # An edit of the text (or a revert) by anyone but the engine is work too.
    edited = select(Revision.id).where(
        Revision.entity_type == "claim", Revision.entity_id == claim.id, Revision.action.in_(("update", "revert")),
        or_(Revision.reason.is_(None), ~Revision.reason.startswith(REEXTRACTION)),
    ).limit(1)
    return db.session.scalar(edited) is not None


def _kinds_chosen_by_people(article_id: int) -> set[int]:
    """Ids of the article's claims whose current kind a person set (an edit or revert), not the engine."""
    touching_kind = db.session.execute(
        select(Revision.entity_id, Revision.action, Revision.reason, Revision.changes)
        .where(Revision.article_id == article_id, Revision.entity_type == "claim",
               Revision.action.in_(("create", "update", "revert")))
        .order_by(Revision.id)
    )
    chosen: set[int] = set()
    for claim_id, action, reason, changes in touching_kind:
        if "kind" not in changes:
            continue
        by_engine = action == "create" or (reason or "").startswith(REEXTRACTION)
        (chosen.discard if by_engine else chosen.add)(claim_id)
    return chosen


def _replace_values(claim: Claim, found, actor: Actor) -> None:
    """Make the claim's stored values match the engine's, keeping rows whose value is unchanged."""
    unmatched = list(claim.values)
    for value in found.values:
        match = next((row for row in unmatched if (row.type, row.text, row.normalized)
                      == (value.type, value.text, dict(value.normalized))), None)
        if match is not None:
            unmatched.remove(match)
            changes = apply_changes(match, {"start_offset": value.start, "end_offset": value.end})
            if changes:
                db.session.flush()
                record("update", "claim_value", match.id, changes, actor, claim_id=claim.id,
                       article_id=claim.article_id, reason=REEXTRACTION)
            continue
        row = ClaimValue(claim_id=claim.id, type=value.type, text=value.text, start_offset=value.start,
                         end_offset=value.end, normalized=dict(value.normalized))
        db.session.add(row)
        db.session.flush()
        record("create", "claim_value", row.id, snapshot(row, VALUE_FIELDS), actor, claim_id=claim.id,
               article_id=claim.article_id, reason=REEXTRACTION)
    for row in unmatched:
        _detach_flag_members(row, actor)
        record("delete", "claim_value", row.id, removal(row, VALUE_FIELDS), actor, claim_id=claim.id,
               article_id=claim.article_id, reason=REEXTRACTION)
        db.session.delete(row)
    db.session.flush()


def _detach_flag_members(value: ClaimValue, actor: Actor) -> None:
    # A flag keeps its own copy of the value's text and normalised form, so it stays readable.
    for member in db.session.scalars(select(FlagMember).where(FlagMember.value_id == value.id)):
        changes = apply_changes(member, {"value_id": None})
        record("update", "flag_member", member.id, changes, actor, claim_id=member.claim_id,
               reason=f"{REEXTRACTION} removed the value")
    db.session.flush()


def reextract_article(article: Article, actor: Actor, *, threshold: float) -> ReextractResult:
    """Run the current engine over `article` and reconcile its stored claims; commits.

    The engine runs before the write transaction opens (it holds SQLite's write lock only for
    the reconciliation); if the article's text changed meanwhile, the engine runs again on it.
    """
    inputs = _engine_inputs(article)
    end_transaction()
    analysis = _analyse(*inputs, threshold)
    with committed():
        if _engine_inputs(article) != inputs:
            analysis = _analyse(*_engine_inputs(article), threshold)
        return _reextract(article, analysis, actor)


def _engine_inputs(article: Article) -> tuple:
    return article.source_name, article.raw_text, article.published, article.language


def _analyse(source_name: str | None, raw_text: str, published, language: str | None, threshold: float) -> Analysis:
    file = read_article(source_name or "article.txt", raw_text.encode("utf-8"))
    return analyse(file.text, published=published, language=language, threshold=threshold)


def _match_claims(live: Sequence[Claim], found_claims: Sequence[FoundClaim], *,
                  same_body: bool) -> list[tuple[FoundClaim, Claim | None]]:
    """Pair each engine claim with the stored claim it continues, or None for a new one.

    First by identical text; then, if the body is unchanged, by identical span, which is how a
    claim whose text a reviewer reworded is recognised.
    """
    by_text: dict[str, list[Claim]] = defaultdict(list)
    for claim in live:
        by_text[claim.text].append(claim)
    pairs: list[tuple[FoundClaim, Claim | None]] = []
    used: set[int] = set()
    for found in found_claims:
        same = [c for c in by_text.get(found.text, ()) if c.id not in used]
        claim = same[0] if same else None
        if claim is not None:
            used.add(claim.id)
        pairs.append((found, claim))
    if same_body:
        by_span = {(c.start_offset, c.end_offset): c for c in live if c.id not in used}
        for index, (found, claim) in enumerate(pairs):
            candidate = by_span.get((found.start, found.end))
            if claim is None and candidate is not None and candidate.id not in used:
                used.add(candidate.id)
                pairs[index] = (found, candidate)
    return pairs


def _reextract(article: Article, analysis: Analysis, actor: Actor) -> ReextractResult:
    changes = apply_changes(article, {"body": analysis.body})
    if changes:
        db.session.flush()
        record("update", "article", article.id, changes, actor, article_id=article.id, reason=REEXTRACTION)

    live = db.session.scalars(
        select(Claim).where(Claim.article_id == article.id, Claim.deleted_at.is_(None)).order_by(Claim.start_offset)
    ).all()
    matches = _match_claims(live, analysis.claims, same_body=not changes)
    kinds_kept = _kinds_chosen_by_people(article.id)
    kept = added = 0
    for found, claim in matches:
        if claim is None:
            add_extracted_claim(article, found, actor)
            added += 1
            continue
        # The engine's view of the sentence; a reviewer's wording of the claim text, and a kind
        # a person chose, are left alone.
        fields = {"start_offset": found.start, "end_offset": found.end, "kind": found.kind,
                  "score": round(float(found.score), 4), "reasons": list(found.reasons)}
        if claim.id in kinds_kept:
            del fields["kind"]
        claim_changes = apply_changes(claim, fields)
        if claim_changes:
            db.session.flush()
            record("update", "claim", claim.id, claim_changes, actor, claim_id=claim.id, article_id=article.id,
                   reason=REEXTRACTION)
        _replace_values(claim, found, actor)
        kept += 1

    matched = {claim.id for _, claim in matches if claim is not None}
    leftovers = [claim for claim in live if claim.id not in matched]
    removed = kept_with_work = 0
    for claim in leftovers:
        if _has_review_work(claim):
            kept_with_work += 1
            _relocate(claim, analysis.body, actor)
            continue
        changes = apply_changes(claim, {"deleted_at": utc_now()})
        db.session.flush()
        record("delete", "claim", claim.id, changes, actor, claim_id=claim.id, article_id=article.id,
               reason=f"{REEXTRACTION}: no longer found by the engine")
        removed += 1
    # New claims and values may agree or disagree with other articles: refresh the story keys and flags.
    detect_for_article(article, actor)
    return ReextractResult(article.id, kept, added, removed, kept_with_work)


def _relocate(claim: Claim, body: str, actor: Actor) -> None:
    """Point a kept claim's offsets at its text in the new body, if the text is still there."""
    if body[claim.start_offset:claim.end_offset] == claim.text:
        return
    start = body.find(claim.text)
    if start < 0:
        return
    changes = apply_changes(claim, {"start_offset": start, "end_offset": start + len(claim.text)})
    db.session.flush()
    record("update", "claim", claim.id, changes, actor, claim_id=claim.id, article_id=claim.article_id,
           reason=REEXTRACTION)
