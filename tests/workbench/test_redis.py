"""The team deployment's shared stores on a real Redis server: the login throttle counts guesses
across workers, and background jobs queued by one process are run by a worker in another.

A throwaway redis-server (Debian's package) is started on a free loopback port. Skipped where it
is missing, unless WORKBENCH_REDIS_REQUIRED=1 (CI sets it and installs the package)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, TEST_ACTOR
from workbench.app import create_app
from workbench.articles.models import Article
from workbench.auth.operations import create_user
from workbench.extensions import db
from workbench.history.recording import Actor
from workbench.jobs.models import Job
from workbench.jobs.tasks import job_queue

REDIS = shutil.which("redis-server")
if REDIS is None:
    if os.environ.get("WORKBENCH_REDIS_REQUIRED") == "1":
        raise RuntimeError("the Redis tests are required here but redis-server is missing")
    pytest.skip("redis-server is not installed", allow_module_level=True)
pytest.importorskip("redis")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_guesses_spread_over_two_workers_are_counted_together(database_url, redis_url):
    settings = {"LOGIN_THROTTLE_STORAGE": f"{redis_url}/1", "LOGIN_THROTTLE_ACCOUNT": "4 per 15 minutes"}
    first, second = (create_app("test", DATABASE_URL=database_url, **settings) for _ in range(2))
    with first.app_context():
        create_user("shared@example.org", PASSWORD, "reviewer", TEST_ACTOR)
        db.session.commit()
    clients = [first.test_client(), second.test_client()]
    # Four wrong passwords, two on each worker: with a store per worker neither would have seen four.
    statuses = [clients[attempt % 2].post("/login", data={"email": "shared@example.org", "password": "wrong"})
                .status_code for attempt in range(4)]
    assert statuses == [401, 401, 401, 429]
    for client in clients:  # both workers now refuse, even the right password
        response = client.post("/login", data={"email": "shared@example.org", "password": PASSWORD})
        assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    with first.app_context():
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()


def test_a_job_queued_by_the_web_process_runs_on_a_redis_worker(database_url, redis_url):
    app = create_app("test", DATABASE_URL=database_url, JOBS_IMMEDIATE=False, JOBS_URL=f"{redis_url}/2")
    worker_app = create_app("test", DATABASE_URL=database_url, JOBS_IMMEDIATE=False, JOBS_URL=f"{redis_url}/2")
    with app.app_context():
        user = create_user("redis-jobs@example.org", PASSWORD, "editor", TEST_ACTOR)
        db.session.commit()
        texts = [(f"wire-{i}.txt", f"Shipments rose {i + 3} percent in 2024, the port said.\n".encode())
                 for i in range(3)]
        job_id = job_queue(app).start_import(texts, Actor.of(user))
        db.session.commit()
    consumer = job_queue(worker_app).consumer(1, quiet=True)
    consumer.start()
    try:
        with app.app_context():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                state = db.session.scalar(select(Job.state).where(Job.id == job_id))
                db.session.rollback()
                if state in ("done", "failed", "cancelled"):
                    break
                time.sleep(0.2)
            job = db.session.get(Job, job_id)
            assert (job.state, job.done, job.total) == ("done", 3, 3)
            assert db.session.scalar(select(func.count()).select_from(Article)) == 3
            db.session.remove()
            db.engine.dispose()
    finally:
        consumer.stop(graceful=True)
    with worker_app.app_context():
        db.engine.dispose()
