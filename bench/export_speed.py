"""Export at scale: time and peak memory of `workbench export` in each format.

Usage: python bench/export_speed.py [--claims 20000] [--pdf-claims 500] [--path FILE.sqlite]

Builds a migrated SQLite file with synthetic verified claims (each with two values, an approved
verdict, one evidence link; every tenth in a flag), bulk-inserted directly, plus one revision
so there is a chain head. Then runs the real command, `workbench export --format F --status all
-o FILE`, in a subprocess per format and reports its wall time and peak RSS, and checks that the
file names the chain head. PDF is measured on a smaller database (--pdf-claims): a report of
tens of thousands of pages is not a document anyone prints.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKBENCH = Path(sys.executable).with_name("workbench")
CLAIMS_PER_ARTICLE = 20
TEXT = ("The International Carbon Neutral Expo {n} will be held from June 5 to 8, bringing together more than "
        "{m} enterprises; China ranks fifth among 197 countries.")


def build(url: str, claims: int) -> None:
    """A migrated database at `url` holding `claims` verified claims with their verdicts, evidence and flags."""
    # Imported here: this runs in its own process (see main), so the measuring process stays
    # small and its children's peak RSS is their own (a forked child starts with its parent's).
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from workbench.app import create_app
    from workbench.articles.models import Article
    from workbench.auth.models import User
    from workbench.extensions import db
    from workbench.flags.models import Flag, FlagMember
    from workbench.history.recording import Actor, record
    from workbench.review.models import Claim, ClaimValue, Verdict
    from workbench.sources.models import Evidence, Source

    app = create_app("test", DATABASE_URL=url)
    with app.app_context():
        upgrade()
        now = datetime.now(UTC)
        users = [{"id": i, "email": f"u{i}@example.org", "name": f"User {i}", "password_hash": "x",
                  "role": "editor", "is_active": True, "created_at": now, "version": 1} for i in (1, 2)]
        db.session.execute(insert(User), users)
        db.session.execute(insert(Source), [{"id": 1, "url": "https://example.org/programme", "title": "Programme",
                                             "kind": "official", "created_at": now, "version": 1}])
        articles = -(-claims // CLAIMS_PER_ARTICLE)
        db.session.execute(insert(Article), [
            {"id": a, "title": f"Expo article {a}", "outlet": "Shanghai Daily", "url": f"https://example.com/{a}",
             "language": "en", "published": date(2024, 5, 21), "body": "x", "raw_text": "x",
             "content_hash": f"{a:064x}", "imported_by_label": "bench", "imported_at": now, "version": 1}
            for a in range(1, articles + 1)])
        rows: dict[type, list[dict]] = {Claim: [], ClaimValue: [], Verdict: [], Evidence: [], Flag: [], FlagMember: []}
        for c in range(1, claims + 1):
            text = TEXT.format(n=2000 + c % 30, m=600 + c)
            rows[Claim].append({"id": c, "article_id": (c - 1) // CLAIMS_PER_ARTICLE + 1, "text": text,
                                "start_offset": 0, "end_offset": len(text), "kind": "date_range", "score": 0.9,
                                "reasons": [], "status": "verified", "origin": "extracted", "created_at": now,
                                "updated_at": now, "version": 1})
            rows[ClaimValue] += [
                {"claim_id": c, "type": "date_range", "text": "from June 5 to 8", "start_offset": 60,
                 "end_offset": 76, "normalized": {"start": "2024-06-05", "end": "2024-06-08"}, "version": 1},
                {"claim_id": c, "type": "rank", "text": "fifth among 197 countries", "start_offset": 120,
                 "end_offset": 145, "normalized": {"rank": 5, "of": 197}, "version": 1}]
            rows[Verdict].append({"claim_id": c, "rating_value": 5, "rating_label": "True",
                                 "rationale": "The programme lists June 5 to 8.", "reviewer_id": 1,
                                 "state": "approved", "approved_by_id": 2, "approved_at": now, "created_at": now,
                                 "version": 1})
            rows[Evidence].append({"claim_id": c, "source_id": 1, "quote": "5-8 June", "stance": "supports",
                                   "created_at": now, "version": 1})
            if c % 10 == 0:
                rows[Flag].append({"id": c // 10, "kind": "value_mismatch", "severity": "medium", "confidence": 0.9,
                                   "explanation": "Twins disagree on the count.", "status": "open",
                                   "detected_by": "system", "created_at": now, "updated_at": now, "version": 1})
                rows[FlagMember] += [{"flag_id": c // 10, "claim_id": c, "text": "x", "value": {}},
                                     {"flag_id": c // 10, "claim_id": c - 1, "text": "x", "value": {}}]
        for model, batch in rows.items():
            if batch:
                db.session.execute(insert(model), batch)
        record("create", "source", 1, {"url": [None, "https://example.org/programme"]}, Actor(None, "bench"))
        db.session.commit()
        db.engine.dispose()


def run_export(url: str, fmt: str, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `workbench export` run."""
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url, "WORKBENCH_ENV": "development"}
    started = time.perf_counter()
    proc = subprocess.Popen([str(WORKBENCH), "export", "--format", fmt, "--status", "all", "-o", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    errors = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"export --format {fmt} failed: {errors.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--pdf-claims", type=int, default=500)
    parser.add_argument("--build", nargs=2, metavar=("URL", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(args.build[0], int(args.build[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.sqlite", Path(tmp) / "small.sqlite"
        started = time.perf_counter()
        for path, n in ((big, args.claims), (small, args.pdf_claims)):
            subprocess.run([sys.executable, __file__, "--build", f"sqlite:///{path}", str(n)], check=True,
                           stderr=subprocess.DEVNULL)
        print(f"built {args.claims} and {args.pdf_claims} verified claims in {time.perf_counter() - started:.1f} s")
        for fmt, db_path, n in (("pdf", small, args.pdf_claims), ("csv", big, args.claims),
                                ("jsonl", big, args.claims), ("json", big, args.claims),
                                ("claimreview", big, args.claims), ("html", big, args.claims)):
            out = Path(tmp) / f"report.{fmt}"
            elapsed, peak = run_export(f"sqlite:///{db_path}", fmt, out)
            size = out.stat().st_size / 1e6
            assert fmt == "pdf" or b"chain" in out.read_bytes()[:4096], f"{fmt}: no chain head"
            print(f"{fmt:12} {n:7} claims  {elapsed:6.2f} s  {n / elapsed:8.0f} claims/s  {size:7.1f} MB file  "
                  f"peak RSS {peak:6.1f} MB")


if __name__ == "__main__":
    main()
