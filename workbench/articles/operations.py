"""The write path for articles: import (with the engine's claims and values), each in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from claims.analysis import Analysis, analyse
from claims.limits import EngineLimit
from workbench.articles.models import Article
from workbench.articles.reading import ArticleFile, ImportRefused, read_article, sidecar_metadata
from workbench.core.concurrency import end_transaction, versioned_edit
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.flags.detection import detect_for_article
from workbench.history.recording import Actor, apply_changes, record, snapshot
from workbench.review.models import Claim, ClaimValue

ARTICLE_FIELDS = ("title", "outlet", "url", "language", "published", "content_hash", "source_name", "body")
CLAIM_FIELDS = ("article_id", "text", "start_offset", "end_offset", "kind", "score", "status", "origin")
VALUE_FIELDS = ("claim_id", "type", "text", "start_offset", "end_offset", "normalized")


@dataclass(frozen=True, slots=True)
class ImportResult:
    name: str
    status: str  # "imported", "present" or "failed"
    message: str
    article_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def find_by_hash(content_hash: str) -> Article | None:
    return db.session.execute(select(Article).where(Article.content_hash == content_hash)).scalar_one_or_none()


def create_article(file: ArticleFile, analysis: Analysis, actor: Actor) -> Article:
    """Store an article with its claims and values, recording a revision for each (no commit)."""
    meta = file.metadata
    article = Article(
        title=(meta.get("title") or analysis.title or Path(file.name).stem)[:500],
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        language=meta.get("language") or analysis.language,
        published=meta.get("published") or analysis.published,
        body=analysis.body,
        raw_text=file.raw_text,
        content_hash=file.content_hash,
        source_name=file.name[:500],
        imported_by_id=actor.id,
        imported_by_label=actor.label,
    )
    db.session.add(article)
    db.session.flush()
    record("create", "article", article.id, snapshot(article, ARTICLE_FIELDS), actor, article_id=article.id)
    for found in analysis.claims:
        add_extracted_claim(article, found, actor)
    return article


def add_extracted_claim(article: Article, found, actor: Actor) -> Claim:
    """Store one engine claim and its values with their revisions."""
    claim = Claim(
        article_id=article.id, text=found.text, start_offset=found.start, end_offset=found.end,
        kind=found.kind, score=round(float(found.score), 4), reasons=list(found.reasons),
        status="unreviewed", origin="extracted",
    )
    db.session.add(claim)
    db.session.flush()
    record("create", "claim", claim.id, snapshot(claim, CLAIM_FIELDS), actor,
           claim_id=claim.id, article_id=article.id)
    for value in found.values:
        row = ClaimValue(claim_id=claim.id, type=value.type, text=value.text, start_offset=value.start,
                         end_offset=value.end, normalized=dict(value.normalized))
        db.session.add(row)
        db.session.flush()
        record("create", "claim_value", row.id, snapshot(row, VALUE_FIELDS), actor,
               claim_id=claim.id, article_id=article.id)
    return claim


def import_file(file: ArticleFile, actor: Actor, *, threshold: float) -> ImportResult:
    """Import one decoded file in its own transaction; an existing identical article is left alone.

    The engine runs between transactions: the write transaction opens after it, so it holds
    SQLite's write lock only for the inserts, not for the seconds the engine takes.
    """
    end_transaction()
    existing = find_by_hash(file.content_hash)
    end_transaction()
    if existing is not None:
        return ImportResult(file.name, "present", f"already imported as article {existing.id}", existing.id)
    try:
        analysis = analyse(
            file.text, published=file.metadata.get("published"), language=file.metadata.get("language"),
            threshold=threshold,
        )
    except EngineLimit as exc:
        return ImportResult(file.name, "failed", str(exc))
    if not analysis.body.strip():
        # Only page furniture (a menu, a footer) was found: refused like an empty file.
        kind = "HTML page" if file.format == "html" else "file"
        return ImportResult(file.name, "failed", f"no article text found in this {kind} (only menus, "
                                                 "footers or similar page furniture)")
    try:
        article = create_article(file, analysis, actor)
        detect_for_article(article, actor)
        db.session.commit()
    except IntegrityError:
        # Another import of the same text committed first: the content hash is unique.
        db.session.rollback()
        existing = find_by_hash(file.content_hash)
        if existing is None:
            raise
        return ImportResult(file.name, "present", f"already imported as article {existing.id}", existing.id)
    except Exception:
        db.session.rollback()
        raise
    return ImportResult(file.name, "imported", f"article {article.id}: {len(analysis.claims)} claims", article.id)


def import_bytes(name: str, data: bytes, actor: Actor, *, threshold: float, max_bytes: int,
                 metadata: dict | None = None) -> ImportResult:
    """Import an uploaded or read file; bad input gives a failed result, never a half-written article."""
    try:
        if len(data) > max_bytes:
            raise ImportRefused(f"file is larger than the {max_bytes // (1024 * 1024)} MB limit")
        file = read_article(name, data, metadata)
    except ImportRefused as exc:
        return ImportResult(name, "failed", str(exc))
    return import_file(file, actor, threshold=threshold)


def import_path(path: Path, actor: Actor, *, threshold: float, max_bytes: int) -> ImportResult:
    """Import one file from disk, with metadata from its sidecar or folder manifest."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportRefused(f"file is larger than the {max_bytes // (1024 * 1024)} MB limit")
        metadata = sidecar_metadata(path)
        data = path.read_bytes()
    except ImportRefused as exc:
        return ImportResult(name, "failed", str(exc))
    except OSError as exc:
        return ImportResult(name, "failed", f"cannot read file: {exc.strerror or exc}")
    return import_bytes(name, data, actor, threshold=threshold, max_bytes=max_bytes, metadata=metadata)


def delete_article(article: Article, posted_version: int | None, actor: Actor, *, reason: str) -> Article:
    """Soft-delete an article (hidden from lists, kept in the history); commits."""
    with versioned_edit(article, "article", posted_version):
        changes = apply_changes(article, {"deleted_at": utc_now()})
        db.session.flush()
        record("delete", "article", article.id, changes, actor, article_id=article.id, reason=reason)
    return article
