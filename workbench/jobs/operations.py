"""The write path of jobs: create, start, report progress, finish, cancel, recover after a crash.

Every state change is its own committed transaction with a revision ("job" entity). State moves
are guarded in SQL (UPDATE ... WHERE state = the expected one), so a cancel racing a worker's
start, or two workers given the same message, cannot both win.
"""
from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update

from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history.recording import Actor, record
from workbench.jobs.models import FINISHED_STATES, Job, JobError, JobInput

ENTITY = "job"


class JobRefused(Exception):
    """A change the job's state does not allow (cancelling a finished job, say)."""


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file for an import job."""

    name: str
    data: bytes
    metadata: dict


def this_worker() -> str:
    """host:pid of the current process, stored on the jobs it runs."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_actor(worker: str) -> Actor:
    return Actor(None, f"job worker {worker}")


def owner_actor(job: Job) -> Actor:
    """The job's owner: what the job changes is recorded as theirs."""
    return Actor(job.owner_id, job.owner_label)


def _record_state(job: Job, changes: dict[str, list], actor: Actor, reason: str | None = None) -> None:
    record("update", ENTITY, job.id, changes, actor, reason=reason)


def create_job(kind: str, actor: Actor, *, total: int = 0, uploads: Sequence[Upload] = (),
               params: dict | None = None) -> int:
    """A queued job owned by `actor`, with its uploaded files stored for the worker; commits; its id."""
    try:
        job = Job(kind=kind, state="queued", owner_id=actor.id, owner_label=actor.label[:300],
                  total=total or len(uploads), params=params)
        db.session.add(job)
        db.session.flush()
        for position, upload in enumerate(uploads):
            db.session.add(JobInput(job_id=job.id, position=position, name=upload.name[:500], data=upload.data,
                                    meta=dict(upload.metadata)))
        record("create", ENTITY, job.id, {"kind": [None, kind], "state": [None, "queued"],
                                          "total": [None, job.total]}, actor)
        job_id = job.id
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return job_id


def start_job(job_id: int, worker: str) -> Job | None:
    """Move a queued job to running for `worker`; None if it is not queued (cancelled, or taken)."""
    now = utc_now()
    try:
        moved = db.session.execute(
            update(Job).where(Job.id == job_id, Job.state == "queued")
            .values(state="running", worker=worker[:200], started_at=now, heartbeat_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved != 1:
            db.session.rollback()
            return None
        job = db.session.get(Job, job_id)
        db.session.refresh(job)
        _record_state(job, {"state": ["queued", "running"], "worker": [None, job.worker]}, worker_actor(worker))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return job


def report_progress(job_id: int, done: int, errors: Iterable[tuple[str, str]] = (), *,
                    total: int | None = None, result_file: str | None = None) -> bool:
    """Store progress (and per-file errors) of a running job; True if someone asked to cancel it. Commits."""
    try:
        rows = [JobError(job_id=job_id, name=name[:500], message=message) for name, message in errors]
        db.session.add_all(rows)
        values = {"done": done, "heartbeat_at": utc_now(), "error_count": Job.error_count + len(rows)}
        if total is not None:
            values["total"] = total
        if result_file is not None:
            values["result_file"] = result_file
        db.session.execute(update(Job).where(Job.id == job_id).values(**values)
                           .execution_options(synchronize_session=False))
        cancel = db.session.scalar(select(Job.cancel_requested).where(Job.id == job_id))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return bool(cancel)


def finish_job(job_id: int, state: str, summary: str, *, failure: str | None = None) -> bool:
    """End a running job as done, failed or cancelled with its result summary; False if it was no longer running."""
    if state not in FINISHED_STATES:
        raise ValueError(f"not a final state: {state}")
    db.session.rollback()  # whatever the work left unsaved is not part of the job's result
    job = db.session.get(Job, job_id)
    try:
        moved = db.session.execute(
            update(Job).where(Job.id == job.id, Job.state == "running")
            .values(state=state, summary=summary, failure=failure, finished_at=utc_now())
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved != 1:
            db.session.rollback()
            return False
        if state != "failed":  # a failed import keeps its files, for a retry of the rest
            db.session.execute(delete(JobInput).where(JobInput.job_id == job.id))
        changes = {"state": ["running", state], "summary": [None, summary]}
        if failure:
            changes["failure"] = [None, failure]
        _record_state(job, changes, worker_actor(job.worker or this_worker()))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return True


def request_cancel(job: Job, actor: Actor) -> Job:
    """Cancel a queued job at once; ask a running one to stop after its current article. Commits."""
    try:
        now = utc_now()
        moved = db.session.execute(
            update(Job).where(Job.id == job.id, Job.state == "queued")
            .values(state="cancelled", finished_at=now, summary="Cancelled before it started.")
            .execution_options(synchronize_session=False)
        ).rowcount
        if moved == 1:
            db.session.execute(delete(JobInput).where(JobInput.job_id == job.id))
            _record_state(job, {"state": ["queued", "cancelled"]}, actor, reason="cancelled")
        else:
            asked = db.session.execute(
                update(Job).where(Job.id == job.id, Job.state == "running", Job.cancel_requested.is_(False))
                .values(cancel_requested=True).execution_options(synchronize_session=False)
            ).rowcount
            if asked != 1:
                state = db.session.scalar(select(Job.state).where(Job.id == job.id))
                if state == "running":
                    raise JobRefused(f"Job {job.id} is already stopping: it ends after its current article.")
                raise JobRefused(f"Job {job.id} is {state}: there is nothing to cancel.")
            _record_state(job, {"cancel_requested": [False, True]}, actor, reason="cancel requested")
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    db.session.refresh(job)
    return job


def retry_job(job: Job, actor: Actor) -> int:
    """A new queued job doing what a failed one did not: the files it had not finished, or the whole run again.

    Articles the failed job finished are recognised by their content hash and reported as
    already present, so nothing is imported twice. Commits; the new job's id.
    """
    if job.state != "failed":
        raise JobRefused(f"Job {job.id} is {job.state}: only a failed job can be run again.")
    rest = db.session.scalars(select(JobInput).where(JobInput.job_id == job.id, JobInput.position >= job.done)
                              .order_by(JobInput.position)).all()
    if job.kind == "import" and not rest:
        raise JobRefused(f"Job {job.id} has no files left to import.")
    uploads = [Upload(row.name, row.data, dict(row.meta or {})) for row in rest]
    try:
        new = Job(kind=job.kind, state="queued", owner_id=actor.id, owner_label=actor.label[:300],
                  total=len(uploads), params=job.params)
        db.session.add(new)
        db.session.flush()
        for position, upload in enumerate(uploads):
            db.session.add(JobInput(job_id=new.id, position=position, name=upload.name[:500], data=upload.data,
                                    meta=upload.metadata))
        db.session.execute(delete(JobInput).where(JobInput.job_id == job.id))
        record("create", ENTITY, new.id, {"kind": [None, new.kind], "state": [None, "queued"],
                                          "total": [None, new.total]}, actor, reason=f"retry of job {job.id}")
        new_id = new.id
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return new_id


def _worker_is_gone(worker: str | None, heartbeat, stale_before) -> bool:
    """True if the process named `worker` is dead (same host) or has not reported since `stale_before`."""
    if heartbeat is None or heartbeat < stale_before:
        return True
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True  # this process is only now starting its consumer: nothing of its own runs yet
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_orphans(stale_seconds: int) -> list[int]:
    """Mark failed the running jobs whose worker is gone (dead process here, or silent too long); their ids.

    Run when a worker starts. The articles such a job finished stay (each was its own
    transaction); the one it was working on was rolled back with the crash.
    """
    stale_before = utc_now() - timedelta(seconds=stale_seconds)
    running = db.session.scalars(select(Job).where(Job.state == "running").order_by(Job.id)).all()
    failed: list[int] = []
    for job in running:
        if not _worker_is_gone(job.worker, job.heartbeat_at, stale_before):
            continue
        message = (f"The worker {job.worker} stopped while running this job (after {job.done} of {job.total}); "
                   "what it finished is kept, the rest was not done (\"Run the rest again\" on this page does it).")
        try:
            moved = db.session.execute(
                update(Job).where(Job.id == job.id, Job.state == "running")
                .values(state="failed", failure=message, summary=f"{job.done} of {job.total} done before the "
                        "worker stopped.", finished_at=utc_now())
                .execution_options(synchronize_session=False)
            ).rowcount
            if moved == 1:
                _record_state(job, {"state": ["running", "failed"], "failure": [None, message]},
                              worker_actor(this_worker()), reason="worker gone")
                failed.append(job.id)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
    return failed
