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
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from claims.conflicts import SAME_STORY_THRESHOLD, Document, Inconsistency, find_inside
from claims.conflicts.align import compare_pair
from claims.conflicts.candidates import find_stories
from claims.detect import Claim as EngineClaim
from claims.stories import DEFAULT_DF_CAP, score_shared, story_keys
from claims.values import Value as EngineValue
from workbench.articles.models import Article, ArticleKey
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.history.recording import Actor, discard_pending, pending_mark, record, snapshot
from workbench.review.models import Claim, ClaimValue

FLAG_FIELDS = ("kind", "severity", "confidence", "explanation", "status", "detected_by", "fingerprint",
               "created_by_id")
MEMBER_FIELDS = ("flag_id", "claim_id", "value_id", "text", "value")
# Only these key kinds can lift a pair over the same-story threshold (see claims.stories), so only
# they select candidate articles.
HARD_KEY_PREFIXES = ("d:", "r:", "n:")
# article_keys.key is String(200); a longer key (a freak "name") is not worth a schema change.
MAX_KEY_LENGTH = 200
# Articles loaded at a time by a full detection run (bounded memory whatever the corpus).
DETECT_BATCH = 200


class KeyCounts:
    """Story keys already known to be common (held by more than the cap), for a run of many imports.

    A key's article count only grows while articles are imported, so once common it stays
    common; remembering that spares counting its postings again for every article, which grew
    with the corpus (a year or a city in thousands of articles). `forget` after a rollback.
    """

    def __init__(self) -> None:
        self.common: dict[int, set[str]] = {}

    def known(self, df_cap: int) -> set[str]:
        return self.common.setdefault(df_cap, set())

    def forget(self) -> None:
        self.common.clear()


# The KeyCounts of the batch import running in this context (see remembering_common_keys).
_KEY_COUNTS: ContextVar[KeyCounts | None] = ContextVar("key_counts", default=None)


@contextmanager
def remembering_common_keys(key_counts: KeyCounts) -> Iterator[KeyCounts]:
    """Inside, detect_for_article remembers common keys in `key_counts` between calls."""
    token = _KEY_COUNTS.set(key_counts)
    try:
        yield key_counts
    finally:
        _KEY_COUNTS.reset(token)


@dataclass
class DetectionReport:
    """What one detection run did: articles looked at, flags created, findings already flagged."""

    articles: int = 0
    created: list[Flag] = field(default_factory=list)
    known: int = 0
    unmapped: int = 0


def document_for(article: Article, claims: Sequence[Claim | LiveClaim]) -> Document:
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


@dataclass(slots=True)
class LiveValue:
    """A stored live value as detection reads it (a plain row, not an ORM object)."""

    id: int
    claim_id: int
    type: str
    text: str
    start_offset: int
    end_offset: int
    normalized: dict


@dataclass(slots=True)
class LiveClaim:
    """A stored live claim with its values as detection reads it (a plain row, not an ORM object)."""

    id: int
    article_id: int
    text: str
    start_offset: int
    end_offset: int
    kind: str
    score: float
    reasons: list
    values: list[LiveValue] = field(default_factory=list)


_CLAIM_COLUMNS = (Claim.id, Claim.article_id, Claim.text, Claim.start_offset, Claim.end_offset, Claim.kind,
                  Claim.score, Claim.reasons)
_VALUE_COLUMNS = (ClaimValue.id, ClaimValue.claim_id, ClaimValue.type, ClaimValue.text, ClaimValue.start_offset,
                  ClaimValue.end_offset, ClaimValue.normalized)


class Corpus:
    """Live articles with their live claims and values, loaded in bulk, by article id.

    Claims and values are read as plain rows (LiveClaim, LiveValue): building ORM objects for
    them cost more than the rest of an import's detection.
    """

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = {a.id: a for a in articles}
        ids = list(self.articles)
        self.claims: dict[int, list[LiveClaim]] = {i: [] for i in ids}
        if ids:
            by_id: dict[int, LiveClaim] = {}
            for row in db.session.execute(
                select(*_CLAIM_COLUMNS).where(Claim.article_id.in_(ids), Claim.deleted_at.is_(None))
            ):
                claim = LiveClaim(*row)
                by_id[claim.id] = claim
                self.claims[claim.article_id].append(claim)
            if by_id:
                claim_ids = select(Claim.id).where(Claim.article_id.in_(ids), Claim.deleted_at.is_(None))
                for row in db.session.execute(select(*_VALUE_COLUMNS).where(ClaimValue.claim_id.in_(claim_ids))):
                    by_id[row.claim_id].values.append(LiveValue(*row))
        self.documents = {i: document_for(self.articles[i], self.claims[i]) for i in ids}

    @classmethod
    def of_ids(cls, ids: Iterable[int]) -> Corpus:
        """The live articles among `ids`."""
        wanted = list(ids)
        if not wanted:
            return cls([])
        # raw_text (the file as imported) is not needed to detect; it loads if someone reads it.
        return cls(db.session.scalars(
            select(Article).where(Article.id.in_(wanted), Article.deleted_at.is_(None)).order_by(Article.id)
            .options(defer(Article.raw_text))
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


def common_keys(keys: Iterable[str], df_cap: int = DEFAULT_DF_CAP,
                key_counts: KeyCounts | None = None) -> frozenset[str]:
    """Those of `keys` held by more than `df_cap` articles: too common to suggest a story.

    With `key_counts`, keys known to be common are not counted again (see KeyCounts).
    """
    wanted = set(keys)
    known = key_counts.known(df_cap) if key_counts is not None else set()
    already = wanted & known
    wanted -= already
    if not wanted:
        return frozenset(already)
    found = set(db.session.scalars(
        select(ArticleKey.key).where(ArticleKey.key.in_(sorted(wanted))).group_by(ArticleKey.key)
        .having(func.count(ArticleKey.article_id) > df_cap)
    ))
    known |= found
    return frozenset(already | found)


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


def detect_for_article(article: Article, actor: Actor, *, df_cap: int = DEFAULT_DF_CAP,
                       key_counts: KeyCounts | None = None) -> DetectionReport:
    """Flags inside one (new) article and between it and the stored articles on the same story.

    The stored articles are found through the story-key index (article_keys), never by reading
    the corpus: only those sharing an uncommon hard key are loaded. `key_counts` (a batch
    import) remembers which keys are common between calls.
    """
    db.session.flush()
    corpus = Corpus([article])
    doc = corpus.documents[article.id]
    keys = store_keys(article.id, doc)
    db.session.flush()
    common = common_keys(keys, df_cap, key_counts if key_counts is not None else _KEY_COUNTS.get())
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


def detect_all(actor: Actor, *, df_cap: int = DEFAULT_DF_CAP, batch_size: int = DETECT_BATCH) -> DetectionReport:
    """Flags over every live article: story keys refreshed, then inside and across articles.

    Streams: articles are loaded `batch_size` at a time (keys stored, findings inside each
    flagged), only their story keys and dates are kept; stories are then found from the keys
    (claims.conflicts.candidates, the rules of find_across) and the articles of a few stories
    at a time are loaded again for the pair comparisons. Memory stays bounded by the batch and
    the key sets, not the corpus.
    """
    ids = list(db.session.scalars(select(Article.id).where(Article.deleted_at.is_(None)).order_by(Article.id)))
    report = DetectionReport(articles=len(ids))
    seen: set[str] = set()
    keys: list[tuple[str, ...]] = []
    published = []
    for start in range(0, len(ids), batch_size):
        corpus = Corpus.of_ids(ids[start:start + batch_size])
        found: list[Inconsistency] = []
        for article_id in ids[start:start + batch_size]:
            doc = corpus.documents.get(article_id)
            if doc is None:  # removed since the ids were read
                keys.append(())
                published.append(None)
                continue
            store_keys(article_id, doc)
            # Interned (the same key in thousands of articles is held once) and a tuple in the
            # set's own order: a fifth of a frozenset's memory; made a set again when a pair is scored.
            keys.append(tuple(sys.intern(k) for k in story_keys(doc)))
            published.append(doc.published)
            found.extend(find_inside(doc))
        db.session.flush()
        _create_new(found, corpus, actor, report, seen)
        del corpus, found
    stories = find_stories(keys, published, df_cap=df_cap)
    del keys, published
    pending: list[list[int]] = []
    size = 0
    for members in stories.groups:
        pending.append(members)
        size += len(members)
        if size >= batch_size:
            _compare_groups(pending, ids, stories, actor, report, seen)
            pending, size = [], 0
    if pending:
        _compare_groups(pending, ids, stories, actor, report, seen)
    return report


def _compare_groups(groups: list[list[int]], ids: list[int], stories, actor: Actor, report: DetectionReport,
                    seen: set[str]) -> None:
    """Compare every pair of each story in `groups` (indexes into `ids`) and flag what is new."""
    corpus = Corpus.of_ids(sorted({ids[i] for members in groups for i in members}))
    found: list[Inconsistency] = []
    for members in groups:
        for i, j, score in stories.pairs(members):
            a, b = corpus.documents.get(ids[i]), corpus.documents.get(ids[j])
            if a is not None and b is not None:
                found.extend(compare_pair(a, b, story_score=score))
    _create_new(found, corpus, actor, report, seen)


def _create_new(found: list[Inconsistency], corpus: Corpus, actor: Actor, report: DetectionReport,
                seen: set[str]) -> None:
    """create_flags for the findings whose key this run has not handled yet."""
    fresh = []
    for item in found:
        if item.key not in seen:
            seen.add(item.key)
            fresh.append(item)
    create_flags(fresh, corpus, actor, report)


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


def map_members(item: Inconsistency,
                corpus: Corpus) -> list[tuple[LiveClaim, LiveValue | None, dict, str]] | None:
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
    mark = pending_mark()
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
        discard_pending(mark)  # the savepoint's revisions went with it (inside batched_appends)
        return None
    return flag


def add_member(flag: Flag, claim: Claim | LiveClaim, value: ClaimValue | LiveValue | None, value_json: dict,
               text: str, actor: Actor) -> FlagMember:
    """Store one member of a flag with its revision (in the claim's and article's timelines)."""
    member = FlagMember(flag_id=flag.id, claim_id=claim.id, value_id=value.id if value else None,
                        text=text, value=value_json)
    db.session.add(member)
    db.session.flush()
    record("create", "flag_member", member.id, snapshot(member, MEMBER_FIELDS), actor,
           claim_id=claim.id, article_id=claim.article_id)
    return member
