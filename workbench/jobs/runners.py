"""The work of each job kind, run by a worker inside an app context.

Each article is its own transaction (the import and re-extraction operations commit per
article); progress is stored after each one, and a cancel is honoured between articles.
An export reads one snapshot and writes its file complete or not at all.
Full detection is one transaction over the corpus (workbench.flags.operations.run_detection),
so it reports its progress once, at the end, and cannot stop half-way.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from workbench.articles.models import Article
from workbench.articles.operations import import_bytes
from workbench.articles.reextraction import reextract_article
from workbench.exports.formats import export_format, write
from workbench.exports.report import open_report
from workbench.extensions import db
from workbench.flags.operations import run_detection
from workbench.jobs.models import Job, JobInput
from workbench.jobs.operations import finish_job, owner_actor, report_progress, start_job, this_worker


def _threshold() -> float:
    return float(current_app.config["CLAIM_THRESHOLD"])


def _run_import(job: Job) -> tuple[str, str]:
    actor, job_id = owner_actor(job), job.id
    max_bytes = int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024
    ids = db.session.scalars(select(JobInput.id).where(JobInput.job_id == job_id).order_by(JobInput.position)).all()
    db.session.commit()
    counts = {"imported": 0, "present": 0, "failed": 0}
    for done, input_id in enumerate(ids, start=1):
        upload = db.session.get(JobInput, input_id)  # one file's bytes in memory at a time
        name, data, meta = upload.name, upload.data, dict(upload.meta or {})
        db.session.expunge(upload)
        db.session.commit()
        result = import_bytes(name, data, actor, threshold=_threshold(), max_bytes=max_bytes, metadata=meta)
        counts[result.status] += 1
        errors = [(result.name, result.message)] if result.status == "failed" else []
        if report_progress(job_id, done, errors) and done < len(ids):
            return "cancelled", _import_summary(counts, len(ids), stopped=True)
    return "done", _import_summary(counts, len(ids))


def _import_summary(counts: dict[str, int], total: int, *, stopped: bool = False) -> str:
    text = (f"imported {counts['imported']}, already present {counts['present']}, failed {counts['failed']} "
            f"of {total} files")
    return text + (" (cancelled: the other files were not imported)" if stopped else "")


def _run_detection(job: Job) -> tuple[str, str]:
    report = run_detection(owner_actor(job))
    report_progress(job.id, report.articles, total=report.articles)
    summary = (f"Checked {report.articles} articles: {len(report.created)} new flags, "
               f"{report.known} already flagged.")
    if report.unmapped:
        summary += f" {report.unmapped} findings could not be matched to stored claims."
    return "done", summary


def _run_reextraction(job: Job) -> tuple[str, str]:
    actor, job_id = owner_actor(job), job.id
    ids = db.session.scalars(select(Article.id).where(Article.deleted_at.is_(None)).order_by(Article.id)).all()
    db.session.commit()
    report_progress(job_id, 0, total=len(ids))
    kept = added = removed = failed = 0
    for done, article_id in enumerate(ids, start=1):
        errors: list[tuple[str, str]] = []
        article = db.session.get(Article, article_id)
        if article is None or article.is_deleted:
            errors.append((f"article {article_id}", "removed before the job reached it"))
        else:
            try:
                result = reextract_article(article, actor, threshold=_threshold())
            except Exception as exc:  # one article's failure is logged; the others go on
                db.session.rollback()
                errors.append((f"article {article_id}", f"{type(exc).__name__}: {exc}"))
            else:
                kept, added, removed = kept + result.kept, added + result.added, removed + result.removed
        failed += len(errors)
        db.session.expunge_all()  # bounded memory over the whole corpus
        if report_progress(job_id, done, errors) and done < len(ids):
            return "cancelled", _reextract_summary(done, len(ids), kept, added, removed, failed, stopped=True)
    return "done", _reextract_summary(len(ids), len(ids), kept, added, removed, failed)


def _reextract_summary(done: int, total: int, kept: int, added: int, removed: int, failed: int, *,
                       stopped: bool = False) -> str:
    text = (f"re-extracted {done - failed} of {total} articles: {kept} claims kept, {added} added, "
            f"{removed} removed" + (f"; {failed} articles failed" if failed else ""))
    return text + (" (cancelled: the other articles were not re-extracted)" if stopped else "")


def files_dir() -> Path:
    """Where jobs leave the files they produce (JOBS_FILES_DIR, default instance/job-files)."""
    return Path(current_app.config.get("JOBS_FILES_DIR") or Path(current_app.instance_path) / "job-files")


def _run_export(job: Job) -> tuple[str, str]:
    job_id, params, label = job.id, dict(job.params or {}), job.owner_label
    fmt = export_format(params["format"])
    folder = files_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"job-{job_id}.{fmt.extension}"
    skipped: list[int] = []
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        # One snapshot for the whole report (no progress is written inside it).
        with open_report(params["statuses"], label, params.get("articles") or ()) as report, \
                os.fdopen(handle, "wb") as out:
            for chunk in write(fmt, report, skipped):
                out.write(chunk)
        os.replace(tmp, target)  # complete or not at all
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    header = report.header
    written = header.claim_count - len(skipped)
    report_progress(job_id, header.claim_count, total=header.claim_count, result_file=target.name)
    summary = (f"exported {written} claims ({', '.join(header.statuses)}) as {fmt.name}; "
               f"revision chain head {header.chain_head.anchor}")
    if skipped:
        summary += f"; {len(skipped)} claims without an approved verdict left out"
    return "done", summary


RUNNERS: dict[str, Callable[[Job], tuple[str, str]]] = {
    "import": _run_import,
    "detect": _run_detection,
    "reextract": _run_reextraction,
    "export": _run_export,
}


def run_job(job_id: int, worker: str | None = None) -> Job | None:
    """Run queued job `job_id` to its end; None if it was not queued (cancelled first, or taken by another worker)."""
    job = start_job(job_id, worker or this_worker())
    if job is None:
        return None
    try:
        state, summary = RUNNERS[job.kind](job)
    except Exception as exc:
        current_app.logger.exception("job %s failed", job_id)
        db.session.rollback()
        job = db.session.get(Job, job_id)
        finish_job(job_id, "failed", f"{job.done} of {job.total} done when the job stopped.",
                   failure=f"{type(exc).__name__}: {exc}")
    else:
        finish_job(job_id, state, summary)
    db.session.expire_all()
    return db.session.get(Job, job_id)
