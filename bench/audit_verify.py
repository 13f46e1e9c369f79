"""Chain verification at scale: time and peak memory of `workbench audit verify` on 1,000,000 revisions.

Usage: python bench/audit_verify.py [--revisions 1000000] [--checkpoints 100000] [--path FILE.sqlite]

Builds a migrated SQLite file and bulk-inserts a valid chain (hashes computed in Python with the
app's own `revision_hash`; the append-only triggers refuse only UPDATE and DELETE, not inserts).
At each checkpoint it runs the real command in a subprocess and reports wall time and that
process's peak RSS: flat memory means the peak does not grow with the chain. At the end it
edits one revision near the end directly (triggers dropped) and checks that verify names it.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402  (the path above makes the repo importable)
from sqlalchemy import insert, text, update  # noqa: E402

from workbench.app import create_app  # noqa: E402
from workbench.audit.models import GENESIS_HASH, ChainHead, Revision  # noqa: E402
from workbench.audit.operations import revision_hash  # noqa: E402
from workbench.extensions import db  # noqa: E402

BATCH = 20_000
WORKBENCH = Path(sys.executable).with_name("workbench")
WORDS = ("carbon", "peak", "2030", "neutrality", "2060", "expo", "June", "July", "percent", "solar", "wind",
         "ranks", "fifth", "197", "countries", "opening", "ceremony", "held", "Shanghai", "enterprises")


def fake_changes(rng: random.Random, i: int) -> tuple[str, dict]:
    """An entity type and plausible changes for revision `i`."""
    kind = rng.choice(("claim", "claim", "review", "evidence", "claim_value", "flag"))
    before = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
    after = before.replace(rng.choice(WORDS), rng.choice(WORDS), 1)
    if kind == "claim_value":
        return kind, {"normalized": [None, {"value": i % 997, "unit": "%", "qualifier": "about"}]}
    if kind == "flag":
        return kind, {"status": ["open", "confirmed"]}
    field = {"claim": "text", "review": "rationale", "evidence": "quote"}[kind]
    return kind, {field: [before, after], "status": ["unreviewed", "in_review"]}


def append_chain(start: int, stop: int, prev_hash: str, rng: random.Random) -> str:
    """Insert revisions start..stop-1 (valid hashes) in batches; return the last hash."""
    table = Revision.__table__
    base = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[dict] = []
    for i in range(start, stop):
        entity_type, changes = fake_changes(rng, i)
        row = {
            "id": i, "created_at": base + timedelta(seconds=i, microseconds=i % 1_000_000),
            "actor_id": None, "actor_label": f"user{i % 40}@example.org", "action": "update",
            "entity_type": entity_type, "entity_id": i % 50_000, "claim_id": i % 50_000, "article_id": i % 900,
            "changes": changes, "reason": "bench" if i % 10 == 0 else None, "prev_hash": prev_hash,
        }
        row["hash"] = prev_hash = revision_hash(SimpleNamespace(**row))
        rows.append(row)
        if len(rows) == BATCH:
            db.session.execute(insert(table), rows)
            rows = []
    if rows:
        db.session.execute(insert(table), rows)
    # The head carries the newest revision's hashes too: appends after this one hash from them.
    db.session.execute(update(ChainHead).where(ChainHead.id == 1).values(
        last_id=stop - 1, last_hash=row["hash"], last_prev_hash=row["prev_hash"]))
    db.session.commit()
    return prev_hash


def run_verify(url: str) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS (MB) and output of `workbench audit verify` in a subprocess."""
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url}
    started = time.perf_counter()
    proc = subprocess.run([str(WORKBENCH), "audit", "verify"], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    # Children are waited one at a time, so the maximum so far is this run's unless an earlier
    # run peaked higher; the checkpoints go up in size, so that is the honest reading.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return proc.returncode, elapsed, peak_mb, (proc.stdout + proc.stderr).strip().splitlines()[-1]


def main() -> None:
    """Build the chain in steps, verify at each checkpoint, then tamper and verify again."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=1_000_000)
    parser.add_argument("--checkpoints", default="10000,100000",
                        help="smaller chain lengths verified on the way (comma-separated)")
    parser.add_argument("--path", type=Path, help="SQLite file to build (default: a temporary one)")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.checkpoints.split(",") if s} | {args.revisions})
    with tempfile.TemporaryDirectory() as tmp:
        path = args.path or Path(tmp) / "audit-bench.sqlite"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        app = create_app("test", DATABASE_URL=url)
        rng = random.Random(7)
        with app.app_context():
            upgrade()
            prev_hash, next_id = GENESIS_HASH, 1
            for size in sizes:
                started = time.perf_counter()
                prev_hash = append_chain(next_id, size + 1, prev_hash, rng)
                built = time.perf_counter() - started
                next_id = size + 1
                code, elapsed, peak, line = run_verify(url)
                print(f"{size:>9} revisions: built {built:6.1f} s; verify exit {code} in {elapsed:6.1f} s "
                      f"({size / elapsed:,.0f}/s), peak RSS {peak:6.1f} MB; {line}")
            db.session.execute(text("DROP TRIGGER revisions_no_update"))
            victim = sizes[-1] - 3
            db.session.execute(text("UPDATE revisions SET reason = 'quietly edited' WHERE id = :id"), {"id": victim})
            db.session.commit()
            db.engine.dispose()
        code, elapsed, _peak, line = run_verify(url)
        print(f"after editing revision {victim} directly: exit {code} in {elapsed:.1f} s; {line}")
        print(f"database file {path.stat().st_size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
