"""Cost of the revision history on the write path: a claim update with its revision vs without.

Usage: python bench/revisions_cost.py [--updates 400] [--database-url postgresql+psycopg://...]

Two measurements per database, each as medians of interleaved updates and their ratio:

- "service": the operation alone: `update_claim` (version check, status rules, changed fields
  only, one flush and one commit per update), with the claim's revision (head row update, hash,
  revision insert) switched off for the plain variant. This is the strict figure: nothing but
  the write itself to dilute the revision's cost.
- "request": what a reviewer's save costs: the claim form POSTed through the app (session
  login, CSRF check, form validation, the same service, the redirect), with the claim's
  revision switched off for the plain variant.

They run interleaved on the same claim in the same database, so drift (WAL growth, caches)
hits both alike. A fresh SQLite file is always measured; a PostgreSQL server is measured too
when --database-url or WORKBENCH_TEST_DATABASE_URL is given (a scratch database is created
there and dropped afterwards).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (the path above makes the repo importable)
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from workbench.app import create_app  # noqa: E402
from workbench.articles.models import Article  # noqa: E402
from workbench.auth.operations import create_user  # noqa: E402
from workbench.extensions import db  # noqa: E402
from workbench.history import recording  # noqa: E402
from workbench.history.recording import Actor, record, snapshot  # noqa: E402
from workbench.review import operations as review_operations  # noqa: E402
from workbench.review.models import Claim  # noqa: E402
from workbench.review.operations import update_claim  # noqa: E402

ACTOR = Actor(None, "bench")
TEXT = "The International Carbon Neutral Expo 2024 will be held from June 5 to 8 at the Shanghai expo center."


def make_claim() -> Claim:
    """An article and one claim, recorded, to edit over and over."""
    article = Article(title="Bench", language="en", body=TEXT, raw_text=TEXT, content_hash=uuid.uuid4().hex,
                      imported_by_label="bench")
    db.session.add(article)
    db.session.flush()
    record("create", "article", article.id, snapshot(article, ("title", "body")), ACTOR, article_id=article.id)
    claim = Claim(article_id=article.id, text=TEXT, start_offset=0, end_offset=len(TEXT), kind="date", score=0.9)
    db.session.add(claim)
    db.session.flush()
    record("create", "claim", claim.id, snapshot(claim, ("text", "kind")), ACTOR, claim_id=claim.id,
           article_id=article.id)
    db.session.commit()
    return claim


def _no_revision(*args, **kwargs) -> None:
    """Stands in for the claim's revision in the plain variant."""


def measure_service(updates: int) -> tuple[float, float]:
    """Median seconds per update_claim with and without the claim's revision, interleaved."""
    claim = make_claim()
    recording = review_operations._claim_revision
    with_rev: list[float] = []
    without: list[float] = []
    try:
        for i in range(updates + 20):
            for variant in ((0, 1) if i % 2 else (1, 0)):
                review_operations._claim_revision = recording if variant else _no_revision
                data = {"text": f"{TEXT} (edit {i}.{variant})", "status": "in_review" if i % 2 else "unreviewed"}
                started = time.perf_counter()
                update_claim(claim, data, claim.version, ACTOR)
                elapsed = time.perf_counter() - started
                if i >= 20:  # the first rounds warm caches and statement compilation
                    (with_rev if variant else without).append(elapsed)
    finally:
        review_operations._claim_revision = recording
    return statistics.median(with_rev), statistics.median(without)


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def measure_request(app, updates: int) -> tuple[float, float]:
    """Median seconds per claim form POST (a reviewer's save) with and without the claim's revision."""
    claim = make_claim()
    email = f"bench-reviewer-{uuid.uuid4().hex[:8]}@example.org"
    create_user(email, "bench password 1", "reviewer", ACTOR)
    db.session.commit()
    client = app.test_client()
    token = _csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": email, "password": "bench password 1",
                                "csrf_token": token})
    page = client.get(f"/claims/{claim.id}")
    assert page.status_code == 200, page.status_code
    token = _csrf_token(page.get_data(as_text=True))
    recording = review_operations._claim_revision
    with_rev: list[float] = []
    without: list[float] = []
    version = claim.version
    try:
        for i in range(updates + 20):
            for variant in ((0, 1) if i % 2 else (1, 0)):
                review_operations._claim_revision = recording if variant else _no_revision
                form = {"csrf_token": token, "version": version, "text": f"{TEXT} (edit {i}.{variant})",
                        "kind": "date", "status": "in_review" if i % 2 else "unreviewed", "assignee_id": 0}
                started = time.perf_counter()
                response = client.post(f"/claims/{claim.id}/edit", data=form)
                elapsed = time.perf_counter() - started
                assert response.status_code == 302, response.status_code
                version += 1
                if i >= 20:
                    (with_rev if variant else without).append(elapsed)
    finally:
        review_operations._claim_revision = recording
    return statistics.median(with_rev), statistics.median(without)


def measure(url: str, updates: int, path: str) -> dict[str, tuple[float, float]]:
    """Both measurements on database `url` with append path `path`:
    {"service/PATH": (with, without), "request/PATH": (with, without)}."""
    app = create_app("test", DATABASE_URL=url, WTF_CSRF_ENABLED=True)
    default = recording.append_path
    recording.append_path = path
    try:
        with app.app_context():
            upgrade()
            results = {f"service/{path}": measure_service(updates), f"request/{path}": measure_request(app, updates)}
            db.session.remove()
            db.engine.dispose()
    finally:
        recording.append_path = default
    return results


def report(name: str, results: dict[str, tuple[float, float]]) -> None:
    """Print one database's medians and their ratios."""
    for kind, (with_rev, without) in results.items():
        print(f"{name:10} {kind:15} with revision {with_rev * 1000:7.3f} ms  without {without * 1000:7.3f} ms  "
              f"ratio {with_rev / without:5.2f}")


def main() -> None:
    """Measure SQLite, and PostgreSQL when a server URL is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=400, help="measured updates per variant")
    parser.add_argument("--database-url", default=os.environ.get("WORKBENCH_TEST_DATABASE_URL"),
                        help="a PostgreSQL server URL to measure too")
    parser.add_argument("--paths", default="driver,public",
                        help="append paths to measure: driver (statements on the driver cursor), public "
                             "(Connection.execute)")
    args = parser.parse_args()
    paths = [p for p in args.paths.split(",") if p]
    unknown = set(paths) - set(recording.APPEND_PATHS)
    if unknown:
        parser.error(f"unknown append path {sorted(unknown)[0]!r}: use {', '.join(recording.APPEND_PATHS)}")
    print(f"median of {args.updates} claim updates per variant, with and without the claim's revision; "
          "service: update_claim; request: the claim form POST")
    for path in paths:  # each path on a fresh database of its own, one after the other
        with tempfile.TemporaryDirectory() as tmp:
            report("sqlite", measure(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args.updates, path))
    if args.database_url:
        for path in paths:
            measure_postgresql(args.database_url, args.updates, path)


def measure_postgresql(server_url: str, updates: int, path: str) -> None:
    """Measure on a scratch database created on the server and dropped afterwards."""
    server = make_url(server_url)
    name = f"wbbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        report("postgresql", measure(server.set(database=name).render_as_string(hide_password=False), updates, path))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
