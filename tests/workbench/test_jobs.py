"""Background jobs: uploads of many files, detection and re-extraction run as jobs with progress,
a per-file error log, cancel, crash recovery, role checks; Huey immediate mode and a real consumer."""
from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from huey import RedisHuey, SqliteHuey
from sqlalchemy import func, select

from tests.conftest import PASSWORD, TEST_ACTOR, csrf_token_from, login
from tests.factories import ENGLISH, do_import
from workbench.app import create_app
from workbench.articles.models import Article
from workbench.auth.operations import create_user
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.recording import Actor
from workbench.jobs import runners
from workbench.jobs.models import Job, JobError, JobInput
from workbench.jobs.operations import Upload, create_job, recover_orphans, request_cancel, start_job
from workbench.jobs.runners import run_job
from workbench.jobs.tasks import UPLOAD_BYTES_INLINE, JobQueue, QuietConsumer, huey_for, job_queue


def article_text(n: int) -> bytes:
    return (f"Report number {n}\n\nThe city council approved {100 + n} new homes on March {1 + n % 27}, 2024. "
            f"The plan costs {n + 3} million euros, according to the mayor.\n").encode()


def uploads(n: int) -> dict:
    return {"file": [(io.BytesIO(article_text(i)), f"report-{i}.txt") for i in range(n)]}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def job_revisions(job_id: int) -> list[Revision]:
    return db.session.scalars(select(Revision).where(Revision.entity_type == "job", Revision.entity_id == job_id)
                              .order_by(Revision.id)).all()


def queued_import(n: int, actor: Actor = TEST_ACTOR, bad: int | None = None) -> int:
    files = [Upload(f"report-{i}.txt", b"\x00\x01binary" if i == bad else article_text(i), {}) for i in range(n)]
    return create_job("import", actor, uploads=files)


# --- the upload threshold ------------------------------------------------------------------------


def test_more_than_three_files_become_a_job_whose_page_shows_progress(client, login_as):
    editor = login_as("editor")
    response = client.post("/articles/import", data=uploads(4), content_type="multipart/form-data")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job = db.session.scalars(select(Job)).one()
    assert (job.kind, job.state, job.done, job.total, job.owner_id) == ("import", "done", 4, 4, editor.id)
    assert job.summary == "imported 4, already present 0, failed 0 of 4 files"
    assert count(Article) == 4 and count(JobInput) == 0  # the uploaded bytes go once the job ends
    # The articles are the editor's, as if imported by hand.
    assert set(db.session.scalars(select(Article.imported_by_id))) == {editor.id}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<progress value="4" max="4">' in page and "imported 4, already present 0" in page
    assert 'http-equiv="refresh"' not in page  # a finished job's page stops reloading
    assert [r.changes.get("state") for r in job_revisions(job.id)] == [[None, "queued"], ["queued", "running"],
                                                                       ["running", "done"]]


def test_up_to_three_small_files_are_imported_inside_the_request(client, login_as):
    login_as("editor")
    response = client.post("/articles/import", data=uploads(3), content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    assert count(Article) == 3 and count(Job) == 0
    one = client.post("/articles/import", data={"file": (io.BytesIO(ENGLISH.encode()), "expo.txt")},
                      content_type="multipart/form-data")
    assert "/articles/" in one.headers["Location"] and count(Job) == 0


def test_the_byte_threshold_is_512_kb_in_all():
    assert not JobQueue.wants_upload([("a.txt", b"x" * UPLOAD_BYTES_INLINE)])
    assert JobQueue.wants_upload([("a.txt", b"x" * (UPLOAD_BYTES_INLINE - 10)), ("b.txt", b"x" * 11)])
    assert JobQueue.wants_upload([(f"{i}.txt", b"x") for i in range(4)])
    assert not JobQueue.wants_upload([(f"{i}.txt", b"x") for i in range(3)])


def test_a_file_that_fails_is_logged_while_the_others_import(client, login_as):
    login_as("editor")
    data = uploads(4)
    data["file"].insert(2, (io.BytesIO(b"\x00\x01\x02 not text"), "broken.bin"))
    response = client.post("/articles/import", data=data, content_type="multipart/form-data")
    job = db.session.scalars(select(Job)).one()
    assert (job.state, job.done, job.total, job.error_count) == ("done", 5, 5, 1)
    assert count(Article) == 4
    error = db.session.scalars(select(JobError)).one()
    assert error.name == "broken.bin" and error.message
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "broken.bin" in page and "failed 1 of 5 files" in page


# --- progress, cancel, failure, crash ------------------------------------------------------------


def test_progress_is_stored_after_each_file_and_cancel_stops_between_articles(app, monkeypatch):
    job_id = queued_import(5)
    seen: list[int] = []
    real = runners.import_bytes

    def import_and_watch(*args, **kwargs):
        seen.append(db.session.get(Job, job_id).done)  # what the page shows at this point
        result = real(*args, **kwargs)
        if len(seen) == 2:
            request_cancel(db.session.get(Job, job_id), Actor(None, "someone"))
        return result

    monkeypatch.setattr(runners, "import_bytes", import_and_watch)
    job = run_job(job_id, "tests:1")
    assert seen == [0, 1]
    assert (job.state, job.done, job.total) == ("cancelled", 2, 5)
    assert "cancelled" in job.summary and count(Article) == 2
    states = [r.changes for r in job_revisions(job_id)]
    assert {"cancel_requested": [False, True]} in states and states[-1]["state"] == ["running", "cancelled"]


def test_a_queued_job_cancelled_never_runs(app):
    job_id = queued_import(4)
    request_cancel(db.session.get(Job, job_id), TEST_ACTOR)
    assert run_job(job_id, "tests:1") is None
    job = db.session.get(Job, job_id)
    assert job.state == "cancelled" and count(Article) == 0 and job.finished_at is not None


def test_an_exception_fails_the_job_and_keeps_the_articles_already_done(app, monkeypatch):
    job_id = queued_import(3)
    real = runners.import_bytes
    calls = []

    def second_one_breaks(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(runners, "import_bytes", second_one_breaks)
    job = run_job(job_id, "tests:1")
    assert (job.state, job.done) == ("failed", 1)
    assert job.failure == "RuntimeError: disk full" and count(Article) == 1
    # "Run the rest again": a new job over the two files not finished.
    again = db.session.get(Job, job_queue(app).retry(job, TEST_ACTOR))
    assert (again.state, again.done, again.total, again.summary) == (
        "done", 2, 2, "imported 2, already present 0, failed 0 of 2 files")
    assert count(Article) == 3 and count(JobInput) == 0
    assert job_revisions(again.id)[0].reason == f"retry of job {job_id}"


def test_only_a_failed_job_can_be_run_again_and_only_by_an_editor(client, make_user):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    job_id = queued_import(4, Actor.of(reviewer))
    login(client, reviewer)
    assert client.post(f"/jobs/{job_id}/retry").status_code == 403
    client.post("/logout")
    login(client, editor)
    assert client.post(f"/jobs/{job_id}/retry").status_code == 409  # queued: nothing failed
    start_job(job_id, "another-machine:1")
    db.session.get(Job, job_id).heartbeat_at -= timedelta(seconds=3600)
    db.session.commit()
    recover_orphans(600)
    assert "Run the rest again" in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    response = client.post(f"/jobs/{job_id}/retry")
    new = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert response.headers["Location"].endswith(f"/jobs/{new.id}")
    assert (new.state, new.total, new.owner_id) == ("done", 4, editor.id) and count(Article) == 4


def test_a_worker_that_died_leaves_its_job_failed_when_a_worker_starts(app):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    here = socket.gethostname()
    crashed, silent, alive = queued_import(3), queued_import(2), queued_import(2)
    start_job(crashed, f"{here}:{int(dead.stdout)}")
    start_job(silent, "another-machine:42")
    start_job(alive, f"{here}:{__import__('os').getppid()}")
    # The other machine's worker has not reported for longer than the stale limit.
    db.session.get(Job, silent).heartbeat_at -= timedelta(seconds=3600)
    db.session.commit()
    assert recover_orphans(600) == [crashed, silent]
    job = db.session.get(Job, crashed)
    assert job.state == "failed" and "stopped while running this job" in job.failure and job.finished_at
    assert job_revisions(crashed)[-1].changes["state"] == ["running", "failed"]
    assert db.session.get(Job, alive).state == "running"


# --- pages: roles, CSRF ------------------------------------------------------------------------------


def test_jobs_are_seen_by_their_owner_and_by_editors_and_cancelled_by_owner_or_admin(client, make_user):
    owner, other_reviewer = make_user("reviewer"), make_user("reviewer")
    editor, admin = make_user("editor"), make_user("admin")
    job_id = queued_import(4, Actor.of(owner))
    other_job = queued_import(4, Actor.of(editor))
    login(client, other_reviewer)
    assert client.get(f"/jobs/{job_id}").status_code == 403
    assert client.post(f"/jobs/{job_id}/cancel").status_code == 403
    assert client.post("/jobs/reextract").status_code == 403
    assert client.post("/jobs/detect").status_code == 403
    assert client.get("/jobs/999").status_code == 404
    assert f"/jobs/{job_id}\"" not in client.get("/jobs").get_data(as_text=True)
    client.post("/logout")
    login(client, owner)
    page = client.get("/jobs").get_data(as_text=True)
    assert f"/jobs/{job_id}\"" in page and f"/jobs/{other_job}\"" not in page
    shown = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' in shown and "<progress" in shown and "Cancel this job" in shown
    client.post("/logout")
    login(client, editor)
    assert f"/jobs/{job_id}\"" in client.get("/jobs").get_data(as_text=True)
    assert "Cancel this job" not in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert client.post(f"/jobs/{job_id}/cancel").status_code == 403
    client.post("/logout")
    login(client, admin)
    assert client.post(f"/jobs/{job_id}/cancel").status_code == 302
    assert db.session.get(Job, job_id).state == "cancelled"
    assert client.post(f"/jobs/{job_id}/cancel").status_code == 409  # nothing left to cancel


def test_job_pages_need_login(client):
    for url in ("/jobs", "/jobs/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.csrf
def test_cancel_needs_the_csrf_token(client, make_user):
    user = make_user("editor")
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token_from(login_page)})
    job_id = queued_import(4, Actor.of(user))
    assert client.post(f"/jobs/{job_id}/cancel").status_code == 400
    assert db.session.get(Job, job_id).state == "queued"
    token = csrf_token_from(client.get(f"/jobs/{job_id}").get_data(as_text=True))
    assert client.post(f"/jobs/{job_id}/cancel", data={"csrf_token": token}).status_code == 302
    assert db.session.get(Job, job_id).state == "cancelled"


def test_reextraction_of_every_article_runs_as_a_job(client, login_as):
    for i in range(3):
        do_import(f"report-{i}.txt", article_text(i))
    login_as("editor")
    response = client.post("/jobs/reextract")
    job = db.session.scalars(select(Job)).one()
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert (job.kind, job.state, job.done, job.total) == ("reextract", "done", 3, 3)
    assert job.summary.startswith("re-extracted 3 of 3 articles")


def test_the_flags_detect_button_starts_a_detection_job(client, login_as):
    do_import("expo.txt", ENGLISH.encode())
    login_as("editor")
    response = client.post("/flags/detect")
    job = db.session.scalars(select(Job)).one()
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert (job.kind, job.state, job.done, job.total) == ("detect", "done", 1, 1)
    assert job.summary.startswith("Checked 1 articles")


# --- command line ---------------------------------------------------------------------------------


def test_jobs_commands_list_show_and_cancel(runner, app):
    job_id = queued_import(4, bad=1)
    listed = runner.invoke(args=["jobs", "list"])
    assert listed.exit_code == 0 and f"{job_id:6} queued" in listed.output
    cancelled = runner.invoke(args=["jobs", "cancel", str(job_id)])
    assert cancelled.exit_code == 0 and "cancelled" in cancelled.output
    again = runner.invoke(args=["jobs", "cancel", str(job_id)])
    assert again.exit_code == 1 and "nothing to cancel" in again.output
    done_id = queued_import(3, bad=1)
    run_job(done_id, "tests:1")
    shown = runner.invoke(args=["jobs", "show", str(done_id)])
    assert shown.exit_code == 0, shown.output
    assert "[" + "#" * 30 + "] 3 of 3" in shown.output and "error     report-1.txt:" in shown.output
    assert runner.invoke(args=["jobs", "show", "999"]).exit_code == 1
    # The test config runs jobs where they start: a worker would wait for nothing.
    assert runner.invoke(args=["worker"]).exit_code == 1


# --- the queue: storage, a real consumer -----------------------------------------------------------


def test_sqlite_storage_by_default_and_redis_when_jobs_url_names_it(tmp_path):
    sqlite = huey_for({"JOBS_URL": "", "JOBS_SQLITE_PATH": ""}, str(tmp_path))
    assert isinstance(sqlite, SqliteHuey) and sqlite.storage.filename == str(tmp_path / "workbench-jobs.sqlite")
    pytest.importorskip("redis")
    assert isinstance(huey_for({"JOBS_URL": "redis://127.0.0.1:6399/0"}, str(tmp_path)), RedisHuey)
    with pytest.raises(RuntimeError):
        huey_for({"JOBS_URL": "amqp://broker"}, str(tmp_path))


def test_a_real_consumer_thread_runs_queued_jobs(database_url, tmp_path):
    app = create_app("test", DATABASE_URL=database_url, JOBS_IMMEDIATE=False,
                     JOBS_SQLITE_PATH=str(tmp_path / "jobs.sqlite"))
    with app.app_context():
        user = create_user("worker-test@example.org", PASSWORD, "editor", TEST_ACTOR)
        db.session.commit()
        queue = job_queue(app)
        first = queue.start_import([(f"r{i}.txt", article_text(i)) for i in range(4)], Actor.of(user))
        second = queue.start_detection(Actor.of(user))
        assert db.session.get(Job, first).state == "queued"  # nothing runs until a worker takes it
        db.session.commit()
        consumer = queue.consumer(2, quiet=True)
        assert isinstance(consumer, QuietConsumer)
        consumer.start()
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                states = set(db.session.scalars(select(Job.state).where(Job.id.in_((first, second)))))
                db.session.rollback()  # let go of SQLite's write lock while the worker writes
                if states <= {"done", "failed", "cancelled"}:
                    break
                time.sleep(0.2)
        finally:
            consumer.stop(graceful=True)
        db.session.expire_all()
        job = db.session.get(Job, first)
        assert (job.state, job.done, job.worker.startswith(socket.gethostname())) == ("done", 4, True)
        assert db.session.get(Job, second).state == "done"
        assert count(Article) == 4
        db.session.remove()
        db.engine.dispose()


def test_serve_runs_queued_jobs_in_its_own_process(database_url, tmp_path):
    queue_file = tmp_path / "serve-jobs.sqlite"
    app = create_app("test", DATABASE_URL=database_url, JOBS_IMMEDIATE=False, JOBS_SQLITE_PATH=str(queue_file))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**__import__("os").environ, "WORKBENCH_ENV": "test", "WORKBENCH_DATABASE_URL": database_url,
           "WORKBENCH_JOBS_IMMEDIATE": "false", "WORKBENCH_JOBS_SQLITE_PATH": str(queue_file)}
    server = subprocess.Popen([sys.executable, "-c", "from workbench.cli import main; main()", "serve", "--port",
                               str(port), "--job-workers", "1"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        with app.app_context():
            job_id = job_queue(app).start_import([(f"r{i}.txt", article_text(i)) for i in range(4)], TEST_ACTOR)
            deadline = time.monotonic() + 60
            state = "queued"
            while time.monotonic() < deadline and state not in ("done", "failed"):
                time.sleep(0.3)
                state = db.session.scalar(select(Job.state).where(Job.id == job_id))
                db.session.rollback()
            job = db.session.get(Job, job_id)
            assert (job.state, job.done, job.worker.endswith(f":{server.pid}")) == ("done", 4, True)
            db.session.remove()
            db.engine.dispose()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "1 background job worker(s) in this process" in output


def test_a_large_export_runs_as_a_job_whose_page_offers_the_file(app, client, make_user, tmp_path):
    app.config.update(JOBS_FILES_DIR=str(tmp_path), PDF_MAX_CLAIMS=1)
    do_import("expo.txt", ENGLISH.encode())
    editor, reviewer = make_user("editor"), make_user("reviewer")
    login(client, reviewer)
    assert client.post("/jobs/export", data={"format": "csv", "status": "all"}).status_code == 403
    client.post("/logout")
    login(client, editor)
    refused = client.get("/exports/download?format=pdf&status=all")
    assert refused.status_code == 400 and "Run this export as a background job" in refused.get_data(as_text=True)
    response = client.post("/jobs/export", data={"format": "csv", "status": "all"})
    job = db.session.scalars(select(Job)).one()
    assert response.headers["Location"].endswith(f"/jobs/{job.id}")
    assert (job.kind, job.state, job.result_file) == ("export", "done", f"job-{job.id}.csv")
    assert job.summary.startswith(f"exported {job.total} claims (") and job.total >= 3
    assert "Download the report" in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    download = client.get(f"/jobs/{job.id}/download")
    body = download.get_data(as_text=True)
    download.close()  # a file response holds the file open until closed
    assert download.status_code == 200 and "International Carbon Neutral Expo" in body
    assert f'filename=claims-job{job.id}.csv' in download.headers["Content-Disposition"]
    client.post("/logout")
    login(client, reviewer)
    assert client.get(f"/jobs/{job.id}/download").status_code == 403
