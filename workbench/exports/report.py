"""What an export holds: claims with article, values, verdict, evidence and flags, plus the chain head.

Everything in one export is read in one snapshot, so the chain head printed in it is the
revision history's state for exactly the claims it lists: on SQLite a deferred transaction
keeps the WAL snapshot of its first read (see consistent_read in core/concurrency.py), on
PostgreSQL it runs at REPEATABLE READ; neither holds up editors while the export is read.
Someone holding the export can later prove nothing before it was rewritten with
`workbench audit verify --anchor ID:HASH`.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workbench.articles.models import Article
from workbench.auth.models import User
from workbench.core.concurrency import consistent_read
from workbench.core.counts import claim_status_counts
from workbench.core.models import utc_now
from workbench.core.routing import LARGEST_ROW_ID
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.history.models import GENESIS_HASH
from workbench.history.queries import chain_head
from workbench.review.models import CLAIM_STATUSES, Claim, Verdict
from workbench.review.operations import current_verdict
from workbench.sources.models import Evidence

CHUNK = 500  # claims loaded per round of queries: bounded memory per step, few round trips


@dataclass(frozen=True, slots=True)
class ChainHeadStamp:
    """The chain head when the export was read: the anchor to check the history against later."""

    revision_id: int
    hash: str

    @property
    def anchor(self) -> str:
        """The `--anchor` argument of `workbench audit verify` for this head."""
        return f"{self.revision_id}:{self.hash}"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: int
    title: str
    outlet: str | None
    url: str | None
    language: str
    published: date | None


@dataclass(frozen=True, slots=True)
class ValueRow:
    type: str
    text: str
    normalized: dict


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """The claim's current verdict: its newest review that is neither superseded nor removed."""

    rating_value: int
    rating_label: str
    rationale: str
    state: str
    reviewer: str
    reviewed_at: datetime
    approved_by: str | None
    approved_at: datetime | None


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    url: str
    title: str
    publisher: str | None
    published: date | None
    stance: str
    quote: str


@dataclass(frozen=True, slots=True)
class FlagRow:
    id: int
    kind: str
    severity: str
    status: str
    explanation: str


@dataclass(frozen=True, slots=True)
class ReportClaim:
    id: int
    text: str
    kind: str
    status: str
    updated_at: datetime
    article: ArticleRef
    values: tuple[ValueRow, ...]
    verdict: VerdictRow | None
    evidence: tuple[EvidenceRow, ...]
    flags: tuple[FlagRow, ...]


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What the export is: when, for whom, which statuses, how many claims, and the chain head."""

    generated_at: datetime
    generated_by: str
    statuses: tuple[str, ...]
    article_ids: tuple[int, ...]  # empty: every live article
    claim_count: int
    chain_head: ChainHeadStamp


@dataclass(frozen=True, slots=True)
class Report:
    header: ReportHeader
    claims: Iterator[ReportClaim]  # read lazily, inside the snapshot


class ExportError(ValueError):
    """An export request that cannot be served, with the reason a user can act on."""


def current_head() -> ChainHeadStamp:
    """The chain head now (the genesis hash at revision 0 while the history is empty)."""
    head = chain_head()
    return ChainHeadStamp(*head) if head else ChainHeadStamp(0, GENESIS_HASH)


def parse_statuses(value: str) -> tuple[str, ...]:
    """'verified', 'all' or a comma-separated list of claim statuses, validated."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    if names == ("all",):
        return CLAIM_STATUSES
    unknown = [n for n in names if n not in CLAIM_STATUSES]
    if not names or unknown:
        raise ExportError(f"unknown status {', '.join(unknown) or repr(value)}: use all, or one or more of "
                          f"{', '.join(CLAIM_STATUSES)} separated by commas")
    return names


def _claim_ids(statuses: Sequence[str], article_ids: Sequence[int]) -> list[int]:
    query = (select(Claim.id).join(Claim.article)
             .where(Claim.deleted_at.is_(None), Article.deleted_at.is_(None), Claim.status.in_(statuses))
             .order_by(Claim.article_id, Claim.start_offset, Claim.id))
    if article_ids:
        query = query.where(Claim.article_id.in_(article_ids))
    return list(db.session.scalars(query))


def _check_articles(article_ids: Sequence[int]) -> None:
    # Ids beyond the column's range name no article; asking the database for them would overflow.
    possible = [i for i in article_ids if i <= LARGEST_ROW_ID]
    live = set(db.session.scalars(
        select(Article.id).where(Article.id.in_(possible), Article.deleted_at.is_(None))))
    missing = [str(i) for i in article_ids if i not in live]
    if missing:
        raise ExportError(f"no such article: {', '.join(missing)} (removed, or never imported)")


def _current_verdict(claim: Claim) -> VerdictRow | None:
    review = current_verdict(claim)
    if review is None:
        return None
    return VerdictRow(
        rating_value=review.rating_value, rating_label=review.rating_label, rationale=review.rationale,
        state=review.state, reviewer=review.reviewer.name, reviewed_at=review.created_at,
        approved_by=review.approved_by.name if review.approved_by else None, approved_at=review.approved_at,
    )


def _evidence_by_claim(ids: Sequence[int]) -> dict[int, list[EvidenceRow]]:
    found: dict[int, list[EvidenceRow]] = {}
    rows = db.session.scalars(
        select(Evidence).where(Evidence.claim_id.in_(ids), Evidence.deleted_at.is_(None))
        .options(selectinload(Evidence.source)).order_by(Evidence.id)
    )
    for ev in rows:
        src = ev.source
        found.setdefault(ev.claim_id, []).append(EvidenceRow(
            url=src.url, title=src.title, publisher=src.publisher, published=src.published, stance=ev.stance,
            quote=ev.quote))
    return found


def _flags_by_claim(ids: Sequence[int]) -> dict[int, list[FlagRow]]:
    found: dict[int, list[FlagRow]] = {}
    rows = db.session.execute(
        select(FlagMember.claim_id, Flag).join(Flag, Flag.id == FlagMember.flag_id)
        .where(FlagMember.claim_id.in_(ids)).order_by(Flag.id)
    )
    for claim_id, flag in rows:
        flags = found.setdefault(claim_id, [])
        if all(f.id != flag.id for f in flags):  # a flag may hold two values of one claim
            flags.append(FlagRow(flag.id, flag.kind, flag.severity, flag.status, flag.explanation))
    return found


def _report_claims(ids: list[int]) -> Iterator[ReportClaim]:
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        claims = db.session.scalars(
            select(Claim).where(Claim.id.in_(chunk))
            .options(selectinload(Claim.article), selectinload(Claim.values),
                     selectinload(Claim.verdicts).selectinload(Verdict.reviewer),
                     selectinload(Claim.verdicts).selectinload(Verdict.approved_by))
        ).all()
        by_id = {c.id: c for c in claims}
        evidence = _evidence_by_claim(chunk)
        flags = _flags_by_claim(chunk)
        for claim_id in chunk:
            claim = by_id[claim_id]
            art = claim.article
            yield ReportClaim(
                id=claim.id, text=claim.text, kind=claim.kind, status=claim.status, updated_at=claim.updated_at,
                article=ArticleRef(art.id, art.title, art.outlet, art.url, art.language, art.published),
                values=tuple(ValueRow(v.type, v.text, v.normalized) for v in claim.values),
                verdict=_current_verdict(claim),
                evidence=tuple(evidence.get(claim_id, ())),
                flags=tuple(flags.get(claim_id, ())),
            )


@contextmanager
def open_report(statuses: Sequence[str], generated_by: str, article_ids: Sequence[int] = ()) -> Iterator[Report]:
    """A report over live claims with these statuses (of these articles, if any are given), read in
    one snapshot that lasts for the block; ExportError names an article that does not exist."""
    with consistent_read():
        head = current_head()
        article_ids = tuple(dict.fromkeys(article_ids))
        _check_articles(article_ids)
        ids = _claim_ids(statuses, article_ids)
        header = ReportHeader(
            generated_at=utc_now(), generated_by=generated_by, statuses=tuple(statuses),
            article_ids=article_ids, claim_count=len(ids),
            chain_head=head,
        )
        yield Report(header, _report_claims(ids))


def claim_counts_by_status() -> dict[str, int]:
    """Live claims of live articles per status, for the export page (from the trigger-kept summary rows)."""
    counts = dict.fromkeys(CLAIM_STATUSES, 0)
    counts.update(claim_status_counts())
    return counts


def user_label(user: User) -> str:
    """How an export names the user who made it."""
    return f"{user.name} <{user.email}>"
