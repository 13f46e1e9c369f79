"""`workbench worker` (runs the job queue) and `workbench jobs list|show|cancel`."""
from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from workbench.extensions import db
from workbench.history.recording import Actor
from workbench.jobs.models import Job
from workbench.jobs.operations import JobRefused, request_cancel
from workbench.jobs.queries import job_errors, list_jobs
from workbench.jobs.tasks import job_queue

BAR_WIDTH = 30


def progress_text(job: Job) -> str:
    """The job's progress as a text bar: [#######.......] 7 of 20."""
    if not job.total:
        return f"{job.done} done"
    filled = round(BAR_WIDTH * job.done / job.total)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {job.done} of {job.total}"


@click.command("worker")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Jobs run at once by this process (threads).")
@with_appcontext
def worker_command(workers: int) -> None:
    """Run background jobs (imports, detection, re-extraction) until stopped with Ctrl+C."""
    queue = job_queue(current_app)
    if queue.huey.immediate:
        raise click.ClickException("JOBS_IMMEDIATE is set: jobs run where they are started; no worker is needed.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Running background jobs with {workers} worker(s) (Ctrl+C stops)")
    queue.consumer(workers).run()


@click.group("jobs")
def jobs_group() -> None:
    """Background jobs: list them, show one, cancel one."""


@jobs_group.command("list")
@with_appcontext
def jobs_list() -> None:
    """The newest background jobs of every user."""
    for job in list_jobs(None, everyone=True):
        click.echo(f"{job.id:6} {job.state:9} {job.kind:9} {progress_text(job):45} {job.owner_label}")


def _job(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None:
        raise click.ClickException(f"no job {job_id}")
    return job


@jobs_group.command("show")
@click.argument("job_id", type=click.IntRange(1))
@with_appcontext
def jobs_show(job_id: int) -> None:
    """One job: state, progress, result and its per-file errors."""
    job = _job(job_id)
    click.echo(f"job {job.id}: {job.label}")
    click.echo(f"state     {job.state}" + (" (stopping)" if job.cancel_requested and not job.is_finished else ""))
    click.echo(f"progress  {progress_text(job)}")
    click.echo(f"owner     {job.owner_label}")
    for name in ("created_at", "started_at", "finished_at"):
        if getattr(job, name):
            click.echo(f"{name.removesuffix('_at'):9} {getattr(job, name):%Y-%m-%d %H:%M:%S} UTC")
    if job.summary:
        click.echo(f"result    {job.summary}")
    if job.failure:
        click.echo(f"failure   {job.failure}")
    for error in job_errors(job.id):
        click.echo(f"error     {error.name}: {error.message}")


@jobs_group.command("cancel")
@click.argument("job_id", type=click.IntRange(1))
@with_appcontext
def jobs_cancel(job_id: int) -> None:
    """Cancel a queued job, or stop a running one after its current article."""
    try:
        job = request_cancel(_job(job_id), Actor.for_command("jobs cancel"))
    except JobRefused as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"job {job.id}: " + ("cancelled" if job.state == "cancelled" else "stops after its current article"))
