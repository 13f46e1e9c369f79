"""Reads of jobs: the list (a user's own, or everyone's), one job, its error log."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from workbench.extensions import db
from workbench.jobs.models import Job, JobError

LIST_LIMIT = 100


def list_jobs(owner_id: int | None, *, everyone: bool, limit: int = LIST_LIMIT) -> Sequence[Job]:
    """The newest jobs: those of `owner_id`, or everyone's."""
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if not everyone:
        query = query.where(Job.owner_id == owner_id)
    return db.session.scalars(query).all()


def job_errors(job_id: int, limit: int = 1000) -> Sequence[JobError]:
    """The job's per-file errors in the order they happened."""
    return db.session.scalars(select(JobError).where(JobError.job_id == job_id).order_by(JobError.id)
                              .limit(limit)).all()


def can_see(job: Job, user) -> bool:
    """Owners see their jobs; editors and admins see every job."""
    return job.owner_id == user.id or user.has_role("editor")
