"""The write path for articles: import (with the engine's claims and values), each in one transaction.

Many files are imported in batches (`import_prepared`, `import_paths`): the engine runs first
(workbench.articles.preparing, in worker processes for many files), then up to `batch_size`
articles are written in one transaction with their revisions appended together. An article that
fails makes its batch roll back and be written again article by article, each in its own
transaction, so one bad file costs nobody else's; a crash loses at most the open transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from claims.analysis import Analysis
from workbench.articles.models import Article
from workbench.articles.preparing import Prepared, analyse_file, prepare_paths, read_from_disk, read_upload
from workbench.articles.reading import ArticleFile, ImportRefused
from workbench.core.concurrency import end_transaction, versioned_edit
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.flags.detection import KeyCounts, detect_for_article, remembering_common_keys
from workbench.history.recording import Actor, apply_changes, batched_appends, jsonable, record, snapshot
from workbench.review.models import Claim, ClaimValue

ARTICLE_FIELDS = ("title", "outlet", "url", "language", "published", "content_hash", "source_name", "body")
CLAIM_FIELDS = ("article_id", "text", "start_offset", "end_offset", "kind", "score", "status", "origin")
VALUE_FIELDS = ("claim_id", "type", "text", "start_offset", "end_offset", "normalized")
# Articles written per transaction by a batch import.
BATCH_SIZE = 20


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
    now = utc_now()
    row = {
        "title": (meta.get("title") or analysis.title or Path(file.name).stem)[:500],
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "language": meta.get("language") or analysis.language,
        "published": meta.get("published") or analysis.published,
        "body": analysis.body,
        "raw_text": file.raw_text,
        "content_hash": file.content_hash,
        "source_name": file.name[:500],
        "imported_by_id": actor.id,
        "imported_by_label": actor.label,
        "imported_at": now,
        "version": 1,
    }
    # Core statements, not the ORM's unit of work: per row it cost more than the row itself.
    table = Article.__table__
    article_id = db.session.execute(insert(table).returning(table.c.id), row).scalar_one()
    record("create", "article", article_id, _created(row, ARTICLE_FIELDS), actor, article_id=article_id)
    store_extracted_claims(article_id, analysis.claims, actor)
    article = db.session.get(Article, article_id)
    assert article is not None
    return article


def _created(row: dict, fields: tuple[str, ...]) -> dict[str, list]:
    """What `snapshot` gives for a row written from `row`: each set field from None to its value."""
    return {f: [None, jsonable(row[f])] for f in fields if row.get(f) is not None}


_CLAIMS = Claim.__table__
_VALUES = ClaimValue.__table__
_INSERT_CLAIMS = insert(_CLAIMS).returning(_CLAIMS.c.id, sort_by_parameter_order=True)
_INSERT_VALUES = insert(_VALUES).returning(_VALUES.c.id, sort_by_parameter_order=True)


def store_extracted_claims(article_id: int, found: Sequence, actor: Actor) -> list[int]:
    """Store engine claims and their values with their revisions: two Core executemany; the claims' ids.

    Revisions come in the order the ORM path gave them: each claim, then its values.
    """
    if not found:
        return []
    now = utc_now()
    claims = [
        {"article_id": article_id, "text": c.text, "start_offset": c.start, "end_offset": c.end,
         "kind": c.kind, "score": round(float(c.score), 4), "reasons": list(c.reasons),
         "status": "unreviewed", "origin": "extracted", "created_at": now, "updated_at": now, "version": 1}
        for c in found
    ]
    claim_ids = db.session.execute(_INSERT_CLAIMS, claims).scalars().all()
    values = [
        [{"claim_id": claim_id, "type": v.type, "text": v.text, "start_offset": v.start, "end_offset": v.end,
          "normalized": dict(v.normalized), "version": 1} for v in c.values]
        for claim_id, c in zip(claim_ids, found, strict=True)
    ]
    flat = [v for per_claim in values for v in per_claim]
    value_ids = iter(db.session.execute(_INSERT_VALUES, flat).scalars().all() if flat else ())
    for claim_id, row, per_claim in zip(claim_ids, claims, values, strict=True):
        record("create", "claim", claim_id, _created(row, CLAIM_FIELDS), actor, claim_id=claim_id,
               article_id=article_id)
        for value in per_claim:
            record("create", "claim_value", next(value_ids), _created(value, VALUE_FIELDS), actor,
                   claim_id=claim_id, article_id=article_id)
    return list(claim_ids)


def add_extracted_claim(article: Article, found, actor: Actor) -> Claim:
    """Store one engine claim and its values with their revisions, as ORM objects (re-extraction)."""
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


def _present(name: str, article_id: int) -> ImportResult:
    return ImportResult(name, "present", f"already imported as article {article_id}", article_id)


def _existing_ids(hashes: Iterable[str]) -> dict[str, int]:
    """Article id by content hash, for those of `hashes` already stored (read outside any write transaction)."""
    wanted = list(set(hashes))
    end_transaction()
    found = {h: i for h, i in db.session.execute(
        select(Article.content_hash, Article.id).where(Article.content_hash.in_(wanted)))} if wanted else {}
    end_transaction()
    return found


def _write(prepared: Prepared, actor: Actor, key_counts: KeyCounts | None) -> ImportResult:
    """Store one analysed file and detect its flags, in the open transaction (no commit)."""
    assert prepared.file is not None and prepared.analysis is not None
    article = create_article(prepared.file, prepared.analysis, actor)
    if key_counts is None:
        detect_for_article(article, actor)
    else:
        with remembering_common_keys(key_counts):
            detect_for_article(article, actor)
    return ImportResult(prepared.name, "imported",
                        f"article {article.id}: {len(prepared.analysis.claims)} claims", article.id)


def write_one(prepared: Prepared, actor: Actor, *, key_counts: KeyCounts | None = None) -> ImportResult:
    """Store one analysed file in its own transaction; an identical article stored meanwhile makes it present."""
    try:
        with batched_appends():
            result = _write(prepared, actor, key_counts)
        db.session.commit()
    except IntegrityError:
        # Another import of the same text committed first: the content hash is unique.
        db.session.rollback()
        if key_counts is not None:
            key_counts.forget()
        assert prepared.file is not None
        existing = _existing_ids([prepared.file.content_hash])
        if prepared.file.content_hash not in existing:
            raise
        return _present(prepared.name, existing[prepared.file.content_hash])
    except Exception:
        db.session.rollback()
        if key_counts is not None:
            key_counts.forget()
        raise
    return result


def import_prepared(batch: Sequence[Prepared], actor: Actor, *,
                    key_counts: KeyCounts | None = None) -> list[ImportResult]:
    """Write prepared files in one transaction, in order; on any error again one by one. Results in order.

    Files already stored (or earlier in the batch) are reported present. Writing one by one after
    a failed batch gives each file its own transaction: a file failing on its own is reported
    failed with the reason, the others are stored.
    """
    results: list[ImportResult | None] = [None] * len(batch)
    existing = _existing_ids(p.file.content_hash for p in batch if p.file is not None)
    first_of: dict[str, int] = {}
    todo: list[int] = []
    for i, prepared in enumerate(batch):
        if not prepared.ok:
            results[i] = ImportResult(prepared.name, "failed", prepared.failure or "failed")
            continue
        assert prepared.file is not None
        digest = prepared.file.content_hash
        if digest in existing:
            results[i] = _present(prepared.name, existing[digest])
        elif digest in first_of:
            continue  # the same text twice in one import: filled in below
        else:
            first_of[digest] = i
            todo.append(i)
    if len(todo) == 1:
        results[todo[0]] = write_one(batch[todo[0]], actor, key_counts=key_counts)
    elif todo:
        try:
            with batched_appends():
                for i in todo:
                    results[i] = _write(batch[i], actor, key_counts)
            db.session.commit()
        except Exception:
            db.session.rollback()
            if key_counts is not None:
                key_counts.forget()
            for i in todo:
                try:
                    results[i] = write_one(batch[i], actor, key_counts=key_counts)
                except Exception as exc:
                    results[i] = ImportResult(batch[i].name, "failed", f"not stored: {exc}"[:500])
    for i, prepared in enumerate(batch):
        if results[i] is None:
            assert prepared.file is not None
            first = results[first_of[prepared.file.content_hash]]
            assert first is not None
            results[i] = (_present(prepared.name, first.article_id) if first.article_id is not None
                          else ImportResult(prepared.name, first.status, first.message))
    return [r for r in results if r is not None]


def import_paths(paths: Sequence[Path], actor: Actor, *, threshold: float, max_bytes: int,
                 batch_size: int = BATCH_SIZE, workers: int | None = None,
                 progress: Callable[[ImportResult], None] | None = None) -> list[ImportResult]:
    """Import files from disk: the engine in worker processes (many files), writes in batches. Results in order.

    `progress`, if given, is called with each result as its batch is committed.
    """
    results: list[ImportResult] = []
    key_counts = KeyCounts()
    batch: list[Prepared] = []

    def flush() -> None:
        for result in import_prepared(batch, actor, key_counts=key_counts):
            results.append(result)
            if progress is not None:
                progress(result)
        batch.clear()

    for prepared in prepare_paths(paths, threshold=threshold, max_bytes=max_bytes, workers=workers):
        batch.append(prepared)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return results


def import_file(file: ArticleFile, actor: Actor, *, threshold: float) -> ImportResult:
    """Import one decoded file in its own transaction; an existing identical article is left alone.

    The engine runs between transactions: the write transaction opens after it, so it holds
    SQLite's write lock only for the inserts, not for the seconds the engine takes.
    """
    existing = _existing_ids([file.content_hash])
    if file.content_hash in existing:
        return _present(file.name, existing[file.content_hash])
    prepared = analyse_file(file, threshold=threshold)
    if not prepared.ok:
        return ImportResult(file.name, "failed", prepared.failure or "failed")
    return write_one(prepared, actor)


def import_bytes(name: str, data: bytes, actor: Actor, *, threshold: float, max_bytes: int,
                 metadata: dict | None = None) -> ImportResult:
    """Import an uploaded or read file; bad input gives a failed result, never a half-written article."""
    try:
        file = read_upload(name, data, max_bytes=max_bytes, metadata=metadata)
    except ImportRefused as exc:
        return ImportResult(name, "failed", str(exc))
    return import_file(file, actor, threshold=threshold)


def import_path(path: Path, actor: Actor, *, threshold: float, max_bytes: int) -> ImportResult:
    """Import one file from disk, with metadata from its sidecar or folder manifest."""
    try:
        data, metadata = read_from_disk(path, max_bytes=max_bytes)
    except ImportRefused as exc:
        return ImportResult(str(path), "failed", str(exc))
    return import_bytes(str(path), data, actor, threshold=threshold, max_bytes=max_bytes, metadata=metadata)


def delete_article(article: Article, posted_version: int | None, actor: Actor, *, reason: str) -> Article:
    """Soft-delete an article (hidden from lists, kept in the history); commits."""
    with versioned_edit(article, "article", posted_version):
        changes = apply_changes(article, {"deleted_at": utc_now()})
        db.session.flush()
        record("delete", "article", article.id, changes, actor, article_id=article.id, reason=reason)
    return article
