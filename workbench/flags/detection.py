"""Running the conflict engine over stored articles and turning its findings into flags.

The engine (claims.conflicts) works on `Document`s of engine claims; here they are rebuilt from
the stored live claims and values, so edits made by reviewers count. Detection never duplicates a
flag: `Flag.fingerprint` holds the engine's stable `Inconsistency.key`, and a fingerprint already
stored (in any status, dismissed included) is skipped, so a dismissed flag stays dismissed.

Functions here write rows and revisions but never commit: the caller owns the transaction (an
import commits the article and its flags together; the detect command and button commit once).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from claims.conflicts import SAME_STORY_THRESHOLD, Document, Inconsistency, find_across, find_inside
from claims.conflicts.align import compare_pair
from claims.detect import Claim as EngineClaim
from claims.stories import DEFAULT_DF_CAP, score_shared, story_keys
from claims.values import Value as EngineValue
from workbench.articles.models import Article, ArticleKey
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.history.recording import Actor, record, snapshot
from workbench.review.models import Claim, ClaimValue

FLAG_FIELDS = ("kind", "severity", "confidence", "explanation", "status", "detected_by", "fingerprint",
               "created_by_id")
MEMBER_FIELDS = ("flag_id", "claim_id", "value_id", "text", "value")
# Only these key kinds can lift a pair over the same-story threshold (see claims.stories), so only
# they select candidate articles.
HARD_KEY_PREFIXES = ("d:", "r:", "n:")
# article_keys.key is String(200); a longer key (a freak "name") is not worth a schema change.
MAX_KEY_LENGTH = 200


@dataclass
class DetectionReport:
    """What one detection run did: articles looked at, flags created, findings already flagged."""

    articles: int = 0
    created: list[Flag] = field(default_factory=list)
    known: int = 0
    unmapped: int = 0


def document_for(article: Article, claims: Sequence[Claim]) -> Document:
    """The engine Document of an article from its stored live claims (with values loaded)."""
    engine_claims = tuple(
        EngineClaim(
            text=c.text, start=c.start_offset, end=c.end_offset, is_claim=True, kind=c.kind,
            score=float(c.score), reasons=tuple(c.reasons or ()),
            values=tuple(
                EngineValue(type=v.type, text=v.text, start=v.start_offset, end=v.end_offset,
                            normalized=dict(v.normalized or {}))
                for v in sorted(c.values, key=lambda v: (v.start_offset, v.end_offset))
            ),
        )
        for c in sorted(claims, key=lambda c: (c.start_offset, c.end_offset))
    )
    return Document(id=str(article.id), published=article.published, language=article.language,
                    claims=engine_claims, title=article.title, length=len(article.body))


class Corpus:
    """Live articles with their live claims and values, loaded in bulk, by article id."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = {a.id: a for a in articles}
        ids = list(self.articles)
        self.claims: dict[int, list[Claim]] = {i: [] for i in ids}
        if ids:
            rows = db.session.scalars(
                select(Claim)
                .where(Claim.article_id.in_(ids), Claim.deleted_at.is_(None))
                .options(selectinload(Claim.values))
            )
            for claim in rows:
                self.claims[claim.article_id].append(claim)
        self.documents = {i: document_for(self.articles[i], self.claims[i]) for i in ids}

    @classmethod
    def of_ids(cls, ids: Iterable[int]) -> Corpus:
        """The live articles among `ids`."""
        wanted = list(ids)
        if not wanted:
            return cls([])
        return cls(db.session.scalars(
            select(Article).where(Article.id.in_(wanted), Article.deleted_at.is_(None)).order_by(Article.id)
        ))

    def merge(self, other: Corpus) -> None:
        """Add the articles of another corpus."""
        self.articles.update(other.articles)
        self.claims.update(other.claims)
        self.documents.update(other.documents)

    @classmethod
    def everything(cls) -> Corpus:
        """Every live article."""
        return cls(db.session.scalars(select(Article).where(Article.deleted_at.is_(None)).order_by(Article.id)))


def store_keys(article_id: int, doc: Document) -> frozenset[str]:
    """Replace the stored story keys of an article by those of `doc`; return them."""
    keys = frozenset(k for k in story_keys(doc) if len(k) <= MAX_KEY_LENGTH)
    # A Core delete: the ORM form would scan the whole identity map to synchronise the session,
    # which made a full run quadratic (ArticleKey rows are never loaded as objects here).
    table = ArticleKey.__table__
    db.session.execute(table.delete().where(table.c.article_id == article_id))
    if keys:
        db.session.execute(table.insert(), [{"article_id": article_id, "key": k} for k in sorted(keys)])
    return keys


def common_keys(keys: Iterable[str], df_cap: int = DEFAULT_DF_CAP) -> frozenset[str]:
    """Those of `keys` held by more than `df_cap` articles: too common to suggest a story."""
    wanted = list(keys)
    if not wanted:
        return frozenset()
    return frozenset(db.session.scalars(
        select(ArticleKey.key).where(ArticleKey.key.in_(wanted)).group_by(ArticleKey.key)
        .having(func.count(ArticleKey.article_id) > df_cap)
    ))


def candidate_articles(article_id: int, keys: frozenset[str], common: frozenset[str]) -> dict[int, set[str]]:
    """Other live articles sharing an uncommon hard key with the article, with all the keys they share."""
    hard = [k for k in keys - common if k.startswith(HARD_KEY_PREFIXES)]
    if not hard:
        return {}
    ids = select(ArticleKey.article_id).where(ArticleKey.key.in_(hard), ArticleKey.article_id != article_id)
    rows = db.session.execute(
        select(ArticleKey.article_id, ArticleKey.key)
        .join(Article, Article.id == ArticleKey.article_id)
        .where(ArticleKey.article_id.in_(ids), Article.deleted_at.is_(None), ArticleKey.key.in_(list(keys)))
    )
    shared: dict[int, set[str]] = {}
    for other_id, key in rows:
        shared.setdefault(other_id, set()).add(key)
    return shared


def detect_for_article(article: Article, actor: Actor, *, df_cap: int = DEFAULT_DF_CAP) -> DetectionReport:
    """Flags inside one (new) article and between it and the stored articles on the same story."""
    db.session.flush()
    corpus = Corpus([article])
    doc = corpus.documents[article.id]
    keys = store_keys(article.id, doc)
    db.session.flush()
    common = common_keys(keys, df_cap)
    found = list(find_inside(doc))
    shared = candidate_articles(article.id, keys, common)
    others = Corpus.of_ids(sorted(shared))
    for other_id, other in others.documents.items():
        score = score_shared(shared[other_id] - common, article.published, others.articles[other_id].published)
        if score < SAME_STORY_THRESHOLD:
            continue
        # The lower id first, as in a full run, so both paths give the same explanation.
        a, b = (other, doc) if other_id < article.id else (doc, other)
        # The same pair comparison as a full run (claims.conflicts.align.compare_pair): facts
        # matched by measure, period and subject, and aligned sentences for a translation.
        found.extend(compare_pair(a, b, story_score=score))
    corpus.merge(others)
    report = DetectionReport(articles=1 + len(others.articles))
    create_flags(found, corpus, actor, report)
    return report


def detect_all(actor: Actor, *, df_cap: int = DEFAULT_DF_CAP) -> DetectionReport:
    """Flags over every live article: story keys refreshed, then inside and across articles."""
    corpus = Corpus.everything()
    for article_id, doc in corpus.documents.items():
        store_keys(article_id, doc)
    db.session.flush()
    docs = list(corpus.documents.values())
    found: list[Inconsistency] = []
    for doc in docs:
        found.extend(find_inside(doc))
    found.extend(find_across(docs, df_cap=df_cap))
    report = DetectionReport(articles=len(docs))
    create_flags(found, corpus, actor, report)
    return report


def create_flags(found: Iterable[Inconsistency], corpus: Corpus, actor: Actor, report: DetectionReport) -> None:
    """Store each finding not flagged before as an open system flag with its members and revisions."""
    unique: dict[str, Inconsistency] = {}
    for item in found:
        unique.setdefault(item.key, item)
    if not unique:
        return
    stored = set(db.session.scalars(select(Flag.fingerprint).where(Flag.fingerprint.in_(list(unique)))))
    report.known += len(stored)
    for key, item in unique.items():
        if key in stored:
            continue
        members = map_members(item, corpus)
        if members is None:
            report.unmapped += 1
            continue
        flag = _insert_flag(key, item, members, actor)
        if flag is None:
            report.known += 1
        else:
            report.created.append(flag)


def map_members(item: Inconsistency, corpus: Corpus) -> list[tuple[Claim, ClaimValue | None, dict, str]] | None:
    """(claim, value, value json, text) of each member, found by offsets; None if a claim is missing."""
    mapped = []
    for member in item.members:
        try:
            claims = corpus.claims[int(member.document)]
        except (KeyError, ValueError):
            return None
        claim = next((c for c in claims if (c.start_offset, c.end_offset) == (member.claim_start, member.claim_end)),
                     None)
        if claim is None:
            return None
        value = next((v for v in claim.values if (v.start_offset, v.end_offset) == (member.start, member.end)), None)
        mapped.append((claim, value, dict(member.value), member.text))
    return mapped


def readable_explanation(item: Inconsistency) -> str:
    """The engine's explanation with bare document ids ("3 says") named as articles ("article 3 says")."""
    text = item.explanation
    for doc_id in {m.document for m in item.members}:
        text = re.sub(rf"(?<![\w-]){re.escape(doc_id)} says ", f"article {doc_id} says ", text)
    return text


def _insert_flag(key: str, item: Inconsistency, members, actor: Actor) -> Flag | None:
    # A savepoint per flag: a concurrent detection that stored the same fingerprint first makes
    # this insert fail on the unique index; that finding is then simply known, the rest goes on.
    try:
        with db.session.begin_nested():
            flag = Flag(
                kind=item.kind[:40], severity=item.severity, confidence=min(max(float(item.confidence), 0.0), 1.0),
                explanation=readable_explanation(item), status="open", detected_by="system", fingerprint=key,
                created_by_id=actor.id,
            )
            db.session.add(flag)
            db.session.flush()
            first_claim = members[0][0]
            record("create", "flag", flag.id, snapshot(flag, FLAG_FIELDS), actor, article_id=first_claim.article_id)
            for claim, value, value_json, text in members:
                add_member(flag, claim, value, value_json, text, actor)
    except IntegrityError:
        return None
    return flag


def add_member(flag: Flag, claim: Claim, value: ClaimValue | None, value_json: dict, text: str,
               actor: Actor) -> FlagMember:
    """Store one member of a flag with its revision (in the claim's and article's timelines)."""
    member = FlagMember(flag_id=flag.id, claim_id=claim.id, value_id=value.id if value else None,
                        text=text, value=value_json)
    db.session.add(member)
    db.session.flush()
    record("create", "flag_member", member.id, snapshot(member, MEMBER_FIELDS), actor,
           claim_id=claim.id, article_id=claim.article_id)
    return member
