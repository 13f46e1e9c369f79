"""The Huey queue of one app: SQLite storage by default, Redis when JOBS_URL names a redis:// server.

The queue is built on first use (not in create_app: opening the SQLite file is work) and kept in
app.extensions["workbench.jobs"]. Its one task, "run job N", opens an app context of its own, so
a worker thread or process has its own database session. Domain pages start jobs through this
object (current_app.extensions), so the articles and flags packages never import this one, which
imports them.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from workbench.core.concurrency import end_transaction
from workbench.history.recording import Actor
from workbench.jobs.models import Job
from workbench.jobs.operations import Upload, create_job, recover_orphans, retry_job
from workbench.jobs.runners import run_job

EXTENSION = "workbench.jobs"
JOBS_FILE = "workbench-jobs.sqlite"
# A web upload beyond either limit is imported by a job rather than inside the request.
UPLOAD_FILES_INLINE = 3
UPLOAD_BYTES_INLINE = 512 * 1024
SHUTDOWN_SECONDS = 10


def huey_for(config, instance_path: str) -> Huey:
    """The Huey instance the config asks for (no connection is opened yet for Redis)."""
    url = str(config.get("JOBS_URL") or "")
    immediate = bool(config.get("JOBS_IMMEDIATE"))
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("workbench", url=url, immediate=immediate, results=False)
    if url:
        raise RuntimeError(f"JOBS_URL must be empty (SQLite) or a redis:// address, not {url!r}")
    path = Path(config.get("JOBS_SQLITE_PATH") or Path(instance_path) / JOBS_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("workbench", filename=str(path), immediate=immediate, results=False)


class QuietConsumer(Consumer):
    """A consumer that leaves signal handling to its host (a thread of `workbench serve`, or a test)."""

    def _set_signal_handlers(self) -> None:
        pass


class JobQueue:
    """Starting jobs and running their worker, for one app."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._huey: Huey | None = None
        self._task = None
        self._lock = threading.Lock()  # request threads may reach for the queue at once

    @property
    def huey(self) -> Huey:
        with self._lock:
            if self._huey is None:
                self._build()
            return self._huey

    def _build(self) -> None:
        if self._huey is None:
            huey = huey_for(self.app.config, self.app.instance_path)
            app = self.app

            @huey.task(name="workbench.run_job")
            def run_job_task(job_id: int) -> None:
                with app.app_context():
                    run_job(job_id)

            self._huey, self._task = huey, run_job_task

    def enqueue(self, job_id: int) -> int:
        """Hand a created job to the queue; in immediate mode it runs now, in its own app context and session."""
        huey = self.huey
        if huey.immediate:
            # The caller's session must not hold a transaction (on SQLite, the write lock) meanwhile.
            end_transaction()
        self._task(job_id)
        return job_id

    def start(self, kind: str, actor: Actor, *, uploads: Sequence[Upload] = (), params: dict | None = None) -> int:
        """Create a job of `kind` owned by `actor` and queue it; the job's id."""
        return self.enqueue(create_job(kind, actor, uploads=uploads, params=params))

    @staticmethod
    def wants_upload(files: Sequence[tuple[str, bytes]]) -> bool:
        """True if an upload is too big to import inside the request: more than 3 files or 512 kB."""
        return len(files) > UPLOAD_FILES_INLINE or sum(len(data) for _, data in files) > UPLOAD_BYTES_INLINE

    def start_import(self, files: Sequence[tuple[str, bytes]], actor: Actor, metadata: dict | None = None) -> int:
        """An import job over uploaded (name, bytes) files, each with the same metadata."""
        uploads = [Upload(name, data, metadata or {}) for name, data in files]
        return self.start("import", actor, uploads=uploads)

    def retry(self, job: Job, actor: Actor) -> int:
        """Queue a new job for what failed job `job` did not finish; its id."""
        return self.enqueue(retry_job(job, actor))

    def start_export(self, actor: Actor, format_name: str, statuses: Sequence[str],
                     article_ids: Sequence[int] = ()) -> int:
        """A claims report written to a file the job page offers for download."""
        params = {"format": format_name, "statuses": list(statuses), "articles": list(article_ids)}
        return self.start("export", actor, params=params)

    def start_detection(self, actor: Actor) -> int:
        return self.start("detect", actor)

    def start_reextraction(self, actor: Actor) -> int:
        return self.start("reextract", actor)

    def consumer(self, workers: int = 1, *, quiet: bool = False) -> Consumer:
        """A Huey consumer of this queue with `workers` threads; running jobs left by a dead worker are failed first."""
        with self.app.app_context():
            for job_id in recover_orphans(int(self.app.config["JOBS_STALE_SECONDS"])):
                self.app.logger.warning("job %s was running in a worker that is gone: marked failed", job_id)
        cls = QuietConsumer if quiet else Consumer
        # A graceful stop waits this long for the running jobs; one cut short is failed at the next start.
        return cls(self.huey, workers=workers, worker_type="thread", periodic=False, check_worker_health=True,
                   initial_delay=0.1, max_delay=1.0, shutdown_timeout=SHUTDOWN_SECONDS)


def init_jobs(app: Flask) -> None:
    """Make the app's job queue available to pages and commands."""
    app.extensions[EXTENSION] = JobQueue(app)


def job_queue(app: Flask) -> JobQueue:
    return app.extensions[EXTENSION]
