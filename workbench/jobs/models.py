"""Jobs, the uploaded files an import job reads, and the per-file errors a job logs."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.core.models import UTCDateTime, enum_check, utc_now
from workbench.extensions import db

JOB_KINDS = ("import", "detect", "reextract", "export")
JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
FINISHED_STATES = ("done", "failed", "cancelled")
KIND_LABELS = {
    "import": "Import of uploaded files",
    "detect": "Inconsistency detection over every article",
    "reextract": "Re-extraction of every article",
    "export": "Claims report",
}


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (
        enum_check("kind", JOB_KINDS, "kind"),
        enum_check("state", JOB_STATES, "state"),
        # "My jobs" and "all jobs", newest first; a worker's look for running jobs.
        Index("ix_jobs_owner_id_id", "owner_id", "id"),
        Index("ix_jobs_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    state: Mapped[str] = mapped_column(String(12), nullable=False, default="queued")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    owner_label: Mapped[str] = mapped_column(String(300), nullable=False)
    total: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    done: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    summary: Mapped[str | None] = mapped_column(Text)
    # Why the whole job failed (a crash, an exception); per-file problems are JobError rows.
    failure: Mapped[str | None] = mapped_column(Text)
    # What the job works on beyond uploaded files (an export's format, statuses, articles).
    params: Mapped[dict | None] = mapped_column(JSON)
    # The file a job produced (an export), under the instance folder's job-files/, and its download name.
    result_file: Mapped[str | None] = mapped_column(String(300))
    cancel_requested: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # host:pid of the worker running it, and when it last reported progress (crash detection).
    worker: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state} {self.done}/{self.total}>"


class JobInput(db.Model):
    """One uploaded file of an import job, kept until the job ends so any worker can read it."""

    __tablename__ = "job_inputs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(500), nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    meta: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)


class JobError(db.Model):
    """One file (or article) a job could not handle, with why; the job goes on with the others."""

    __tablename__ = "job_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(500), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utc_now)
