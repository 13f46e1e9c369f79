"""The desk at scale: server time of every desk page on a database of many claims.

Usage: python bench/desk_at_scale.py [--claims 1000000] [--articles 25000] [--requests 40]
                                     [--database-url URL]   (default: a fresh SQLite file)

Fills a migrated database by bulk SQL (articles with bodies, claims with offsets, a value on each
claim, verdicts on a fifth of them, flags on a fiftieth, a revision per claim), then requests each
page through the app's test client as a logged-in editor and prints the median and 95th
percentile server time per page and the number of SQL statements one request runs (it must not
grow with the page size or the corpus). The revisions are filler for the "last changes" list:
their hash chain is not valid, so do not run `audit verify` on a bench database.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (the path above makes the repo importable)
from sqlalchemy import event, insert, text  # noqa: E402

from workbench.app import create_app  # noqa: E402
from workbench.articles.models import Article  # noqa: E402
from workbench.auth.operations import create_user  # noqa: E402
from workbench.extensions import db  # noqa: E402
from workbench.flags.models import Flag, FlagMember  # noqa: E402
from workbench.history.models import Revision  # noqa: E402
from workbench.history.recording import Actor  # noqa: E402
from workbench.review.models import Claim, ClaimValue, Verdict  # noqa: E402

BATCH = 20_000
PASSWORD = "bench password 123"
SENTENCES = ("The expo will be held from June {n} to 8 at the Shanghai centre.",
             "China ranks fifth among {n} countries in carbon-neutral policies.",
             "About {n} percent of new solar capacity came online in 2023.",
             "More than {n} enterprises registered for the forum.")
STATES = ("unreviewed", "unreviewed", "in_review", "proposed", "verified", "disputed")


def fill(claims: int, articles: int) -> dict:
    """Bulk-insert the corpus; returns ids the page list needs."""
    rng = random.Random(13)
    editor = create_user("bench-editor@example.org", PASSWORD, "editor", Actor(None, "bench"), name="Bench Editor")
    reviewer = create_user("bench-rev@example.org", PASSWORD, "reviewer", Actor(None, "bench"), name="Bench Rev")
    db.session.commit()
    per_article = max(1, claims // articles)
    now = datetime.now(UTC)
    claim_id = value_id = review_id = flag_id = 0
    rev_id = db.session.scalar(text("SELECT COALESCE(MAX(id), 0) FROM revisions"))  # the users' own revisions
    rows: dict[str, list] = {"a": [], "c": [], "v": [], "r": [], "f": [], "m": [], "rev": []}

    def flush(force: bool = False) -> None:
        if not force and len(rows["c"]) < BATCH:
            return
        # Parents first, all together, so no row points at one not yet written.
        for key, model in (("a", Article), ("c", Claim), ("v", ClaimValue), ("r", Verdict), ("f", Flag),
                           ("m", FlagMember), ("rev", Revision)):
            if rows[key]:
                db.session.execute(insert(model.__table__), rows[key])
                rows[key].clear()
        # One transaction per batch: the summary-count triggers update one row per insert, and on
        # PostgreSQL a single transaction of a million updates to that row slows down quadratically.
        db.session.commit()

    for a in range(1, articles + 1):
        sentences = [rng.choice(SENTENCES).format(n=rng.randint(5, 900)) for _ in range(per_article)]
        body = "\n\n".join(sentences)
        rows["a"].append({"id": a, "title": f"Bench article {a} on carbon and expo", "language": "en",
                          "body": body, "raw_text": body, "content_hash": f"{a:064d}", "imported_by_label": "bench",
                          "imported_at": now, "version": 1})
        pos = 0
        for sentence in sentences:
            claim_id += 1
            status = rng.choice(STATES)
            rows["c"].append({"id": claim_id, "article_id": a, "text": sentence, "start_offset": pos,
                              "end_offset": pos + len(sentence), "kind": "quantity", "score": 0.8, "reasons": [],
                              "status": status, "origin": "extracted", "created_at": now, "updated_at": now,
                              "version": 1, "assignee_id": editor.id if claim_id % 7 == 0 else None})
            value_id += 1
            rows["v"].append({"id": value_id, "claim_id": claim_id, "type": "quantity", "text": sentence[:8],
                              "start_offset": pos, "end_offset": pos + 8, "normalized": {"value": 5}, "version": 1})
            if status in ("proposed", "verified", "disputed"):
                review_id += 1
                state = {"proposed": "proposed", "verified": "approved", "disputed": "rejected"}[status]
                rows["r"].append({"id": review_id, "claim_id": claim_id, "rating_value": rng.randint(1, 5),
                                  "rating_label": "Mixed", "rationale": "bench", "reviewer_id": reviewer.id,
                                  "state": state, "created_at": now, "version": 1,
                                  "approved_by_id": editor.id if state == "approved" else None})
            if claim_id % 50 == 0:
                flag_id += 1
                rows["f"].append({"id": flag_id, "kind": "date_conflict", "severity": "high", "confidence": 1.0,
                                  "explanation": "bench", "status": "open", "detected_by": "system",
                                  "created_at": now, "updated_at": now, "version": 1})
                rows["m"].append({"flag_id": flag_id, "claim_id": claim_id, "text": sentence[:20], "value": {}})
            rev_id += 1
            rows["rev"].append({"id": rev_id, "created_at": now, "actor_id": editor.id, "actor_label": "bench",
                                "action": "create", "entity_type": "claim", "entity_id": claim_id,
                                "claim_id": claim_id, "article_id": a, "changes": {}, "prev_hash": "0" * 64,
                                "hash": f"{rev_id:064x}"})
            pos += len(sentence) + 2
        flush()
    flush(force=True)
    db.session.commit()
    return {"article": articles // 2, "claim": (articles // 2 - 1) * per_article + 1, "last_claim": claim_id}


def time_pages(app, ids: dict, requests: int) -> list[tuple[str, float, float, float, int]]:
    client = app.test_client()
    client.post("/login", data={"email": "bench-editor@example.org", "password": PASSWORD})
    pages = [("queue: unreviewed", "/desk/queues/unreviewed"), ("queue: assigned to me", "/desk/queues/mine"),
             ("queue: awaiting approval", "/desk/queues/awaiting"), ("queue: flagged", "/desk/queues/flagged"),
             ("queue: returned", "/desk/queues/disputed"), ("queue: mentions", "/desk/queues/mentions"),
             ("queue: filtered (state+verdict)", "/desk/queues/all?status=approved&verdict=Mixed"),
             ("queue: deep page", f"/desk/queues/all?after={ids['last_claim'] // 3}"),
             ("search: 'expo shang'", "/desk/search?q=expo+shang"),
             ("queue: one story", f"/desk/queues/all?story={ids['article']}"),
             ("article workspace", f"/desk/articles/{ids['article']}"),
             ("workspace with panel", f"/desk/articles/{ids['article']}?claim={ids['claim']}"),
             ("dashboard (desk)", "/desk/dashboard"),
             ("dashboard (article)", f"/desk/dashboard?article={ids['article']}"),
             ("desk overview (counts)", "/desk/")]
    statements = [0]

    @event.listens_for(db.engine, "before_cursor_execute")
    def count(*_args) -> None:
        statements[0] += 1

    results = []
    for name, url in pages:
        times = []
        for _ in range(requests):
            statements[0] = 0
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        first = times[0]
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        results.append((name, first, statistics.median(times), p95, statements[0]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=25_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if args.claims < 1 or args.articles < 1 or args.articles > args.claims:
        sys.exit("error: need 1 <= --articles <= --claims")
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='desk-bench-')}/desk.sqlite"
    app = create_app("development", DATABASE_URL=url, WTF_CSRF_ENABLED=False)
    with app.app_context():
        upgrade()
        start = time.perf_counter()
        ids = fill(args.claims, args.articles)
        db.session.execute(text("ANALYZE"))  # both databases plan from fresh statistics
        db.session.commit()
        print(f"{db.engine.dialect.name}: {args.claims:,} claims over {args.articles:,} articles filled in "
              f"{time.perf_counter() - start:.1f} s; {args.requests} requests per page")
        print(f"{'page':34} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, first, median, p95, queries in time_pages(app, ids, args.requests):
            print(f"{name:34} {first:9.1f} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
