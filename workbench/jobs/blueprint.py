"""Job pages: my jobs (editors and admins: everyone's), one job with its progress, cancel, corpus-wide starts."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_from_directory, url_for
from flask_login import current_user, login_required

from workbench.auth.roles import role_required
from workbench.core.routing import get_or_404
from workbench.exports.blueprint import OPEN_TO_REVIEWERS
from workbench.exports.formats import export_format
from workbench.exports.report import parse_statuses
from workbench.history.recording import Actor
from workbench.jobs.forms import (
    CancelJobForm,
    ExportJobForm,
    RetryJobForm,
    StartDetectionForm,
    StartReextractionForm,
)
from workbench.jobs.models import Job
from workbench.jobs.operations import JobRefused, request_cancel
from workbench.jobs.queries import can_see, job_errors, list_jobs
from workbench.jobs.runners import files_dir
from workbench.jobs.tasks import job_queue

bp = Blueprint("jobs", __name__)
# Seconds between reloads of a job page while the job is queued or running.
REFRESH_SECONDS = 2


@bp.route("/jobs")
@login_required
def list_all_jobs():
    everyone = current_user.has_role("editor")
    return render_template("jobs/list.html", jobs=list_jobs(current_user.id, everyone=everyone), everyone=everyone,
                           reextract_form=StartReextractionForm(), detect_form=StartDetectionForm())


def _visible_job(job_id: int) -> Job:
    job = get_or_404(Job, job_id, "job")
    if not can_see(job, current_user):
        abort(403)
    return job


@bp.route("/jobs/<int:job_id>")
@login_required
def show_job(job_id: int):
    job = _visible_job(job_id)
    mine = job.owner_id == current_user.id or current_user.has_role("admin")
    may_retry = job.state == "failed" and current_user.has_role("editor")
    return render_template("jobs/show.html", job=job, errors=job_errors(job.id), refresh=REFRESH_SECONDS,
                           cancel_form=CancelJobForm() if mine and not job.is_finished else None,
                           retry_form=RetryJobForm() if may_retry else None)


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
@login_required
def cancel_job(job_id: int):
    job = _visible_job(job_id)
    if job.owner_id != current_user.id and not current_user.has_role("admin"):
        abort(403)
    if not CancelJobForm().validate_on_submit():
        abort(400, "The form's security token is missing; reload the job page and try again.")
    try:
        request_cancel(job, Actor.of(current_user))
    except JobRefused as error:
        abort(409, str(error))
    flash(f"Job {job_id} cancelled." if job.state == "cancelled"
          else f"Job {job_id} stops after its current article.", "success")
    return redirect(url_for("jobs.show_job", job_id=job_id))


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
@role_required("editor")
def retry_job(job_id: int):
    """Run again what a failed job did not finish (the files left, or the whole run), as a new job."""
    job = _visible_job(job_id)
    if not RetryJobForm().validate_on_submit():
        abort(400, "The form's security token is missing; reload the job page and try again.")
    try:
        new_id = job_queue(current_app).retry(job, Actor.of(current_user))
    except JobRefused as error:
        abort(409, str(error))
    return redirect(url_for("jobs.show_job", job_id=new_id))


@bp.route("/jobs/reextract", methods=["POST"])
@role_required("editor")
def start_reextraction():
    """Re-run the claim engine over every live article, as a job (editors)."""
    if not StartReextractionForm().validate_on_submit():
        abort(400, "The form's security token is missing; reload the jobs page and try again.")
    job_id = job_queue(current_app).start_reextraction(Actor.of(current_user))
    return redirect(url_for("jobs.show_job", job_id=job_id))


@bp.route("/jobs/detect", methods=["POST"])
@role_required("editor")
def start_detection():
    """Detect inconsistencies over every live article, as a job (editors)."""
    if not StartDetectionForm().validate_on_submit():
        abort(400, "The form's security token is missing; reload the jobs page and try again.")
    job_id = job_queue(current_app).start_detection(Actor.of(current_user))
    return redirect(url_for("jobs.show_job", job_id=job_id))


@bp.route("/jobs/export", methods=["POST"])
@role_required("reviewer")
def start_export():
    """A claims report too large for a request (a PDF beyond PDF_MAX_CLAIMS), written by a job."""
    form = ExportJobForm()
    if not form.validate_on_submit():
        abort(400, "Choose one of the listed formats and statuses, from the export page.")
    statuses = parse_statuses(form.status.data)
    if not current_user.has_role("editor") and any(s not in OPEN_TO_REVIEWERS for s in statuses):
        abort(403, "Reviewers can export verified claims; other statuses are for editors and admins.")
    articles = (form.article.data,) if form.article.data else ()
    job_id = job_queue(current_app).start_export(Actor.of(current_user), form.format.data, statuses, articles)
    return redirect(url_for("jobs.show_job", job_id=job_id))


@bp.route("/jobs/<int:job_id>/download")
@login_required
def download_result(job_id: int):
    """The file a finished job produced (a claims report)."""
    job = _visible_job(job_id)
    if job.state != "done" or not job.result_file:
        abort(404, f"Job {job_id} has no file to download.")
    extension = export_format(job.params["format"]).extension
    return send_from_directory(files_dir(), job.result_file, as_attachment=True,
                               download_name=f"claims-job{job.id}.{extension}")
