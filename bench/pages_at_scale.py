"""List pages at scale: median and p95 of each page with 200k and 1M claims, served by `workbench serve`.

Usage: python bench/pages_at_scale.py [--claims 200000,1000000] [--requests 30]
                                       [--database-url postgresql+psycopg://...] [--keep FILE.sqlite]

Builds a migrated database (SQLite file by default; a fresh PostgreSQL database on the server of
--database-url) and fills it through bulk SQL in the real schema: articles of 50 claims, one
typed value per claim, a review for one claim in ten (verdicts), a flag per 20 claims with two
members, and one revision per claim (the summary-count triggers run as for any write). For each
size it starts the real server in a subprocess, logs in as an editor and requests each page
`--requests` times after two warm-ups, printing the median and 95th percentile in milliseconds.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (the path above makes the repo importable)
from sqlalchemy import create_engine, insert, select, text, update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from workbench.app import create_app  # noqa: E402
from workbench.articles.models import Article  # noqa: E402
from workbench.auth.operations import create_user  # noqa: E402
from workbench.extensions import db  # noqa: E402
from workbench.flags.models import Flag, FlagMember  # noqa: E402
from workbench.history.models import ChainHead, Revision  # noqa: E402
from workbench.history.recording import Actor  # noqa: E402
from workbench.review.models import Claim, ClaimValue, Verdict  # noqa: E402

WORKBENCH = Path(sys.executable).with_name("workbench")
CLAIMS_PER_ARTICLE = 50
BATCH_ARTICLES = 400
PASSWORD = "bench password at scale"
STATUSES = ("unreviewed",) * 6 + ("in_review", "proposed", "verified", "disputed")
SENTENCE = "The plant in Region {r} produced {p} percent more power in {y} than a year before."
BASE = datetime(2025, 1, 1, tzinfo=UTC)


def build(first_article: int, last_article: int, user_id: int, next_revision: int) -> int:
    """Insert articles first..last-1 with their claims, values, reviews, flags and revisions; next revision id."""
    for start in range(first_article, last_article, BATCH_ARTICLES):
        stop = min(start + BATCH_ARTICLES, last_article)
        articles, claims, values, reviews, flags, members, revisions = [], [], [], [], [], [], []
        for a in range(start, stop):
            at = BASE + timedelta(minutes=a)
            sentences = [SENTENCE.format(r=a % 97, p=(a * 7 + i) % 90, y=2000 + i % 25)
                         for i in range(CLAIMS_PER_ARTICLE)]
            body = " ".join(sentences)
            articles.append({"id": a, "title": f"Wire story {a}: power output by region", "outlet": f"Outlet {a % 30}",
                             "language": "en", "published": at.date(), "body": body, "raw_text": body,
                             "content_hash": uuid.uuid4().hex + uuid.uuid4().hex, "imported_by_id": user_id,
                             "imported_by_label": "bench", "imported_at": at, "version": 1})
            offset = 0
            for i, sentence in enumerate(sentences):
                c = a * CLAIMS_PER_ARTICLE + i
                status = STATUSES[c % len(STATUSES)]
                claims.append({"id": c, "article_id": a, "text": sentence, "start_offset": offset,
                               "end_offset": offset + len(sentence), "kind": "percent", "score": 0.8, "reasons": [],
                               "status": status, "origin": "extracted", "created_at": at, "updated_at": at,
                               "version": 1})
                values.append({"id": c, "claim_id": c, "type": "percent", "text": "percent",
                               "start_offset": offset, "end_offset": offset + 10,
                               "normalized": {"value": (a * 7 + i) % 90, "unit": "%"}, "version": 1})
                if c % 10 == 0:
                    reviews.append({"id": c // 10, "claim_id": c, "rating_value": 4, "rating_label": "Mostly true",
                                    "rationale": "Matches the agency's figures.", "reviewer_id": user_id,
                                    "state": "approved" if status == "verified" else "proposed", "created_at": at,
                                    "version": 1})
                if c % 20 == 0:
                    f = c // 20
                    flags.append({"id": f, "kind": ("date_conflict", "number_conflict", "rank_conflict")[f % 3],
                                  "severity": ("low", "medium", "high")[f % 3], "confidence": 0.9,
                                  "explanation": "Two figures for the same output differ.",
                                  "status": ("open", "open", "confirmed", "dismissed")[f % 4],
                                  "detected_by": "system", "fingerprint": f"bench-{f}", "created_at": at,
                                  "updated_at": at, "version": 1})
                    members += [{"flag_id": f, "claim_id": c, "text": sentence[:60], "value": {}},
                                {"flag_id": f, "claim_id": c + 1, "text": sentence[:60], "value": {}}]
                revisions.append({"id": next_revision, "created_at": at + timedelta(microseconds=i),
                                  "actor_id": user_id, "actor_label": "bench", "action": "create",
                                  "entity_type": "claim", "entity_id": c, "claim_id": c, "article_id": a,
                                  "changes": {"text": [None, sentence]}, "prev_hash": f"{next_revision - 1:064x}",
                                  "hash": f"{next_revision:064x}"})
                next_revision += 1
                offset += len(sentence) + 1
        for model, rows in ((Article, articles), (Claim, claims), (ClaimValue, values), (Verdict, reviews),
                            (Flag, flags), (FlagMember, members), (Revision, revisions)):
            if rows:
                db.session.execute(insert(model.__table__), rows)
        db.session.execute(update(ChainHead).where(ChainHead.id == 1).values(
            last_id=next_revision - 1, last_hash=f"{next_revision - 1:064x}",
            last_prev_hash=f"{next_revision - 2:064x}"))
        db.session.commit()
    return next_revision


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A logged-in HTTP session against the served app."""

    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD}).encode()
        self.opener.open(base + "/login", data).read()

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path) as response:
            return response.read().decode()


def time_page(browser: Browser, path: str, n: int) -> tuple[float, float]:
    """Median and 95th percentile (ms) of `n` requests of `path`, after two warm-ups."""
    for _ in range(2):
        browser.get(path)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        browser.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def pages(n_articles: int) -> list[tuple[str, str]]:
    """The pages to time, with cursors of deep pages read from the database as their links would carry."""
    per_page = 50
    deep = min(500, n_articles // per_page)
    key = db.session.execute(select(Article.imported_at, Article.id).where(Article.deleted_at.is_(None))
                             .order_by(Article.imported_at.desc(), Article.id.desc())
                             .offset((deep - 1) * per_page - 1).limit(1)).one()
    after = urllib.parse.quote(f"{key[0].isoformat()}~{key[1]}")
    last_day = (BASE + timedelta(minutes=n_articles)).date()
    week = f"date_from={last_day - timedelta(days=7)}&date_to={last_day}"
    mid = n_articles // 2
    claim = mid * CLAIMS_PER_ARTICLE + 3
    return [("article list, first page", "/"), (f"article list, page {deep}", f"/?page={deep}&after={after}"),
            ("flags list, first page", "/flags"), ("flags list, open", "/flags?status=open"),
            ("flags list, high severity", "/flags?severity=high"), ("exports page", "/exports"),
            ("audit log, first page", "/audit"), ("audit log, one week", f"/audit?{week}"),
            ("audit log, claims created", "/audit?entity_type=claim&action=create"),
            ("an article with 50 claims", f"/articles/{mid}"), ("a claim", f"/claims/{claim}")]


def fresh_url(server: str | None, tmp: Path) -> str:
    if not server:
        return f"sqlite:///{tmp / 'pages-bench.sqlite'}"
    name = f"bench_pages_{uuid.uuid4().hex[:8]}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="200000,1000000", help="corpus sizes in claims (comma-separated)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: a SQLite file)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.claims.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_url(args.database_url, Path(tmp))
        app = create_app("test", DATABASE_URL=url)
        with app.app_context():
            upgrade()
            user = create_user("bench-editor@example.org", PASSWORD, "editor", Actor(None, "bench"), name="Bench")
            db.session.commit()
            user_id = user.id
            # The user's own revision is number 1; the bulk revisions follow it.
            next_revision = db.session.scalar(select(ChainHead.last_id)) + 1
            built_articles = 0
            for size in sizes:
                n_articles = size // CLAIMS_PER_ARTICLE
                started = time.perf_counter()
                next_revision = build(built_articles, n_articles, user_id, next_revision)
                built_articles = n_articles
                if db.engine.dialect.name == "postgresql":
                    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                        conn.execute(text("VACUUM ANALYZE"))
                else:
                    db.session.execute(text("ANALYZE"))
                    db.session.commit()
                print(f"{db.engine.dialect.name}: {size:,} claims in {n_articles:,} articles "
                      f"built in {time.perf_counter() - started:.0f} s", flush=True)
                targets = pages(n_articles)
                db.session.remove()
                port = free_port()
                env = {**os.environ, "WORKBENCH_DATABASE_URL": url, "WORKBENCH_ENV": "development"}
                server = subprocess.Popen([str(WORKBENCH), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    for _ in range(100):
                        try:
                            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                            break
                        except OSError:
                            time.sleep(0.1)
                    browser = Browser(f"http://127.0.0.1:{port}", "bench-editor@example.org")
                    for label, path in targets:
                        median, p95 = time_page(browser, path, args.requests)
                        print(f"  {label:<32} median {median:7.1f} ms   p95 {p95:7.1f} ms", flush=True)
                finally:
                    server.terminate()
                    server.wait()
            db.engine.dispose()


if __name__ == "__main__":
    main()
