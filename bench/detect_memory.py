"""Memory and time of `workbench flags detect` over K stored articles (synthetic, written in bulk).

The articles are the synthetic stories of bench/conflicts_scale.py (several outlets per story,
English and German twins, some with a planted disagreeing value), written straight into a fresh
SQLite database in the real schema (articles, claims, claim_values) with bulk inserts; then
`workbench flags detect` runs in a subprocess, which streams the corpus in batches
(workbench.flags.detection.DETECT_BATCH). Prints its wall time, its peak resident memory (the
child's ru_maxrss from wait4) and the flags it created.

    .venv/bin/python bench/detect_memory.py --k 10000 --k 100000
    .venv/bin/python bench/detect_memory.py --k 10000 --checkout /work/main   # another checkout's command
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from conflicts_scale import make_corpus  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402

CHUNK = 2000


def build_database(url: str, k: int, checkout: Path) -> None:
    """Migrate a fresh database and write k synthetic articles with their claims and values."""
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url}
    subprocess.run([str(checkout / ".venv" / "bin" / "workbench"), "db", "upgrade"], env=env, check=True,
                   capture_output=True, cwd=checkout)
    from workbench.core.models import utc_now
    now = utc_now()
    corpus = make_corpus(k, seed=16, twin_rate=0.35)
    engine = create_engine(url)
    from workbench.articles.models import Article
    from workbench.review.models import Claim, ClaimValue
    article_id = claim_id = value_id = 0
    with engine.begin() as conn:
        articles, claims, values = [], [], []
        for doc in corpus.documents:
            article_id += 1
            body = " ".join(c.text for c in doc.claims)
            articles.append({
                "id": article_id, "title": doc.title or f"article {article_id}", "language": doc.language,
                "published": doc.published, "body": body, "raw_text": body, "content_hash": f"{article_id:064x}",
                "source_name": f"{doc.id}.txt", "imported_by_label": "bench", "imported_at": now, "version": 1})
            for c in doc.claims:
                claim_id += 1
                claims.append({
                    "id": claim_id, "article_id": article_id, "text": c.text, "start_offset": c.start,
                    "end_offset": c.end, "kind": c.kind, "score": float(c.score), "reasons": list(c.reasons),
                    "status": "unreviewed", "origin": "extracted", "created_at": now, "updated_at": now,
                    "version": 1})
                for v in c.values:
                    value_id += 1
                    values.append({"id": value_id, "claim_id": claim_id, "type": v.type, "text": v.text,
                                   "start_offset": v.start, "end_offset": v.end,
                                   "normalized": dict(v.normalized), "version": 1})
            if len(articles) >= CHUNK:
                _write(conn, Article, Claim, ClaimValue, articles, claims, values)
        _write(conn, Article, Claim, ClaimValue, articles, claims, values)
        rows = conn.execute(text("SELECT count(*) FROM claims")).scalar_one()
    engine.dispose()
    print(f"  built {article_id} articles, {rows} claims, {value_id} values", flush=True)


def _write(conn, Article, Claim, ClaimValue, articles: list, claims: list, values: list) -> None:
    for model, rows in ((Article, articles), (Claim, claims), (ClaimValue, values)):
        if rows:
            conn.execute(insert(model.__table__), rows)
        rows.clear()


def run_detect(url: str, checkout: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and last output line of `workbench flags detect`."""
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url}
    started = time.perf_counter()
    proc = subprocess.Popen([str(checkout / ".venv" / "bin" / "workbench"), "flags", "detect"], env=env,
                            cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"flags detect failed ({proc.returncode}): {out[-2000:]}")
    lines = out.strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--k", type=int, action="append", help="articles (repeat for several sizes)")
    parser.add_argument("--checkout", default=str(ROOT), help="checkout (with .venv) whose command to run")
    args = parser.parse_args()
    checkout = Path(args.checkout)
    for k in args.k or [10000]:
        with tempfile.TemporaryDirectory(prefix="bench-detect-") as tmp:
            url = f"sqlite:///{Path(tmp) / 'detect.sqlite'}"
            print(f"K = {k} ({checkout})", flush=True)
            build_database(url, k, checkout)
            seconds, peak, summary = run_detect(url, checkout)
            print(f"  flags detect: {seconds:.1f} s, peak RSS {peak:.0f} MB; {summary}", flush=True)


if __name__ == "__main__":
    main()
