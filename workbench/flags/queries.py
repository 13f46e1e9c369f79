"""Reads for flag pages: filtered lists, a flag with its members in context, flags of claims."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import g
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from workbench.articles.models import Article
from workbench.core.counts import FlagCount, flag_count
from workbench.core.pagination import Seek, capped_count, page_rows
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.history.models import Revision
from workbench.review.models import Claim

# Characters of article text shown either side of a member's claim on the flag page.
CONTEXT_CHARS = 240


@dataclass(frozen=True, slots=True)
class FlagFilters:
    """Filters of a flag list; None means any."""

    status: str | None = None
    kind: str | None = None
    severity: str | None = None
    article_id: int | None = None


def _filtered(query: Select, filters: FlagFilters) -> Select:
    if filters.status:
        query = query.where(Flag.status == filters.status)
    if filters.kind:
        query = query.where(Flag.kind == filters.kind)
    if filters.severity:
        query = query.where(Flag.severity == filters.severity)
    if filters.article_id is not None:
        in_article = (
            select(FlagMember.flag_id).join(Claim, Claim.id == FlagMember.claim_id)
            .where(Claim.article_id == filters.article_id)
        )
        query = query.where(Flag.id.in_(in_article))
    return query


# The flag list's sort key, newest first; ix_flags_*created_at_id match it, whole and filtered.
FLAG_ORDER = (Flag.created_at, Flag.id)
FLAG_KEY_KINDS = (datetime, int)


def flag_total(filters: FlagFilters) -> tuple[int, bool]:
    """Flags matching `filters`: (count, exact). From the summary rows, or counted up to a cap for one article."""
    if filters.article_id is None:
        return flag_count(filters.status, filters.kind, filters.severity), True
    return capped_count(_filtered(select(Flag.id), filters))


def list_flags(filters: FlagFilters, seek: Seek, per_page: int) -> tuple[list[Flag], list[tuple]]:
    """A page of flags matching `filters`, newest first, with members, claims and article titles loaded,
    and the sort keys of the rows shown."""
    keys = [tuple(row) for row in page_rows(_filtered(select(*FLAG_ORDER), filters), FLAG_ORDER, seek, per_page)]
    ids = [key[1] for key in keys]
    query = (
        select(Flag).where(Flag.id.in_(ids))
        .options(
            selectinload(Flag.members)
            .joinedload(FlagMember.claim)
            .load_only(Claim.id, Claim.article_id, Claim.text, Claim.deleted_at)
            .joinedload(Claim.article)
            .load_only(Article.id, Article.title)
        )
    )
    by_id = {flag.id: flag for flag in db.session.scalars(query)}
    return [by_id[i] for i in ids], keys


def flag_kinds() -> list[str]:
    """The kinds of the stored flags, for the list filter."""
    # From the summary rows: a DISTINCT over the flags table reads all of it.
    return list(db.session.scalars(select(FlagCount.kind).where(FlagCount.n > 0).distinct().order_by(FlagCount.kind)))


def get_flag(flag_id: int) -> Flag | None:
    """One flag with its members, their claims, values and articles."""
    return db.session.scalars(
        select(Flag).where(Flag.id == flag_id).options(
            selectinload(Flag.members).joinedload(FlagMember.claim).joinedload(Claim.article),
            selectinload(Flag.members).joinedload(FlagMember.claim_value),
        )
    ).first()


@dataclass(frozen=True, slots=True)
class MemberContext:
    """One member on the flag page: the text before its claim, the claim split around the value, the text after."""

    member: FlagMember
    article: Article
    before: str
    claim_before: str
    highlight: str
    claim_after: str
    after: str


def member_context(member: FlagMember, chars: int = CONTEXT_CHARS) -> MemberContext:
    """The member's claim in its article with surrounding text and the value picked out."""
    claim, body = member.claim, member.claim.article.body
    start, end = claim.start_offset, claim.end_offset
    value = member.claim_value
    if value is not None and start <= value.start_offset <= value.end_offset <= end:
        vs, ve = value.start_offset, value.end_offset
    else:
        vs = ve = end
    lo = max(0, start - chars)
    hi = min(len(body), end + chars)
    # Cut the context at whitespace so it does not begin or end inside a word.
    if lo > 0:
        space = body.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(body):
        space = body.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return MemberContext(
        member=member, article=claim.article,
        before=("…" if lo > 0 else "") + body[lo:start],
        claim_before=body[start:vs], highlight=body[vs:ve], claim_after=body[ve:end],
        after=body[end:hi] + ("…" if hi < len(body) else ""),
    )


def flag_revisions(flag: Flag) -> list[Revision]:
    """The revisions of a flag and of its members, oldest first."""
    member_ids = [m.id for m in flag.members]
    query = select(Revision).where(
        ((Revision.entity_type == "flag") & (Revision.entity_id == flag.id))
        | ((Revision.entity_type == "flag_member") & Revision.entity_id.in_(member_ids))
    )
    return list(db.session.scalars(query.order_by(Revision.id)))


def flags_by_claim(article_id: int) -> dict[int, list[Flag]]:
    """Flags of every claim of an article, by claim id, in one query (cached for the request)."""
    cache = g.setdefault("flags_by_article", {})
    if article_id not in cache:
        rows = db.session.execute(
            select(FlagMember.claim_id, Flag)
            .join(Flag, Flag.id == FlagMember.flag_id)
            .join(Claim, Claim.id == FlagMember.claim_id)
            .where(Claim.article_id == article_id)
            .order_by(Flag.id)
        ).all()
        index: dict[int, list[Flag]] = {}
        for claim_id, flag in rows:
            flags = index.setdefault(claim_id, [])
            if flag not in flags:
                flags.append(flag)
        cache[article_id] = index
    return cache[article_id]


def flags_of_claim(claim: Claim) -> list[Flag]:
    """The flags a claim is a member of (all claims of its article are looked up at once)."""
    return flags_by_claim(claim.article_id).get(claim.id, [])

