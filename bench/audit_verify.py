"""Chain verification at scale: time and peak memory of `workbench audit verify` on 1,000,000 revisions.

Usage: python bench/audit_verify.py [--revisions 1000000] [--checkpoints 100000] [--path FILE.sqlite]
       python bench/audit_verify.py --state [--revisions 1000000] [--checkpoints 10000]

Builds a migrated SQLite file and bulk-inserts a valid chain (hashes computed in Python with the
app's own `revision_hash`; the append-only triggers refuse only UPDATE and DELETE, not inserts).
At each checkpoint it runs the real command in a subprocess and reports wall time and that
process's peak RSS: flat memory means the peak does not grow with the chain. At the end it
edits one revision near the end directly (triggers dropped) and checks that verify names it.

With --state it builds a history whose rows exist and match it (articles, claims created and
edited twice, values created and edited once; the rows hold the replayed state) and times
`workbench audit verify --state`, which also replays every entity and compares it with its row;
at the end it edits one claim's text directly in its table and checks that the state check names it.
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
from workbench.extensions import db  # noqa: E402
from workbench.history.models import GENESIS_HASH, ChainHead, Revision  # noqa: E402
from workbench.history.recording import revision_hash  # noqa: E402

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


def state_history(total: int, first_id: int, rng: random.Random) -> tuple[list[dict], dict[str, list[dict]]]:
    """Revisions first_id.. (hashes not yet set) and the rows they replay to, about `total` revisions."""
    base = datetime(2026, 1, 1, tzinfo=UTC)
    revisions: list[dict] = []
    rows: dict[str, list[dict]] = {"articles": [], "claims": [], "claim_values": []}
    n_articles = max(1, total // 1000)
    n_claims = max(1, int(total * 0.2))
    n_values = max(1, (total - n_articles - 3 * n_claims) // 2)

    def add(action: str, entity_type: str, entity_id: int, changes: dict, claim_id=None, article_id=None) -> None:
        i = first_id + len(revisions)
        revisions.append({"id": i, "created_at": base + timedelta(seconds=i), "actor_id": None,
                          "actor_label": f"user{i % 40}@example.org", "action": action, "entity_type": entity_type,
                          "entity_id": entity_id, "claim_id": claim_id, "article_id": article_id,
                          "changes": changes, "reason": None})

    for a in range(1, n_articles + 1):
        row = {"id": a, "title": f"Article {a}", "language": "en", "body": "body", "raw_text": "body",
               "content_hash": f"{a:064x}", "imported_by_label": "bench", "imported_at": base, "version": 1}
        rows["articles"].append(row)
        add("create", "article", a, {k: [None, row[k]] for k in ("title", "language", "body", "content_hash")},
            article_id=a)
    texts: dict[int, str] = {}
    lengths: dict[int, int] = {}
    for c in range(1, n_claims + 1):
        text_ = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
        texts[c] = text_
        lengths[c] = len(text_)
        article = c % n_articles + 1
        add("create", "claim", c, {"article_id": [None, article], "text": [None, text_], "start_offset": [None, 0],
                                   "end_offset": [None, len(text_)], "kind": [None, "quantity"],
                                   "score": [None, 0.75], "status": [None, "unreviewed"],
                                   "origin": [None, "extracted"]}, claim_id=c, article_id=article)
    for v in range(1, n_values + 1):
        claim = v % n_claims + 1
        add("create", "claim_value", v, {"claim_id": [None, claim], "type": [None, "percent"],
                                         "text": [None, f"{v % 97}%"], "start_offset": [None, 0],
                                         "end_offset": [None, 3], "normalized": [None, {"value": v % 97}]},
            claim_id=claim)
    edits = [("claim", c) for c in range(1, n_claims + 1)] * 2 + [("claim_value", v) for v in range(1, n_values + 1)]
    rng.shuffle(edits)
    normalized = {v: {"value": v % 97} for v in range(1, n_values + 1)}
    for kind, entity in edits:
        if kind == "claim":
            new = texts[entity].replace(rng.choice(WORDS), rng.choice(WORDS), 1) + " edited"
            add("update", "claim", entity, {"text": [texts[entity], new]}, claim_id=entity)
            texts[entity] = new
        else:
            new_value = {"value": normalized[entity]["value"] + 1, "unit": "%"}
            add("update", "claim_value", entity, {"normalized": [normalized[entity], new_value]})
            normalized[entity] = new_value
    for c in range(1, n_claims + 1):
        rows["claims"].append({"id": c, "article_id": c % n_articles + 1, "text": texts[c], "start_offset": 0,
                               "end_offset": lengths[c], "kind": "quantity",
                               "score": 0.75, "reasons": [], "status": "unreviewed", "origin": "extracted",
                               "created_at": base, "updated_at": base, "version": 3})
    for v in range(1, n_values + 1):
        rows["claim_values"].append({"id": v, "claim_id": v % n_claims + 1, "type": "percent", "text": f"{v % 97}%",
                                     "start_offset": 0, "end_offset": 3, "normalized": normalized[v], "version": 2})
    return revisions, rows


def build_state(total: int, rng: random.Random) -> int:
    """Insert a state-consistent history of about `total` revisions with its rows; returns the count."""
    revisions, rows = state_history(total, 1, rng)
    for name in ("articles", "claims", "claim_values"):
        table = db.metadata.tables[name]
        for start in range(0, len(rows[name]), BATCH):
            db.session.execute(insert(table), rows[name][start:start + BATCH])
    prev_hash = GENESIS_HASH
    for row in revisions:
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = revision_hash(SimpleNamespace(**row))
    for start in range(0, len(revisions), BATCH):
        db.session.execute(insert(Revision.__table__), revisions[start:start + BATCH])
    last = revisions[-1]
    db.session.execute(update(ChainHead).where(ChainHead.id == 1).values(
        last_id=last["id"], last_hash=last["hash"], last_prev_hash=last["prev_hash"]))
    db.session.commit()
    return len(revisions)


def state_main(args: argparse.Namespace) -> None:
    """Time `audit verify --state` at each size on a fresh file, then tamper with one claim row."""
    sizes = sorted({int(s) for s in args.checkpoints.split(",") if s} | {args.revisions})
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = args.path or Path(tmp) / f"state-bench-{size}.sqlite"
            path.unlink(missing_ok=True)
            url = f"sqlite:///{path}"
            # Built in a process of its own: Linux keeps a process's peak RSS across fork and exec, so
            # a verify started from a process holding the built history would report that history's size.
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, __file__, "--build-state", str(size), "--path", str(path)],
                                  capture_output=True, text=True, check=True)
            count = int(proc.stdout.split()[-1])
            built = time.perf_counter() - started
            code, elapsed, peak, output = run_verify(url, "--state", whole=True)
            lines = [line for line in output if line.startswith(("chain", "state"))]
            print(f"{count:>9} revisions: built {built:6.1f} s; verify --state exit {code} in {elapsed:6.1f} s "
                  f"({count / elapsed:,.0f}/s), peak RSS {peak:6.1f} MB; " + " | ".join(lines))
        app = create_app("test", DATABASE_URL=url)
        with app.app_context():
            db.session.execute(text("UPDATE claims SET text = 'quietly edited' WHERE id = 2"))
            db.session.commit()
            db.engine.dispose()
        code, elapsed, _peak, output = run_verify(url, "--state", whole=True)
        print(f"after editing claim 2's text directly: exit {code} in {elapsed:.1f} s; {output[-1]}")
        print(f"database file {path.stat().st_size / 1e6:,.0f} MB")


# The verify process reports its own peak RSS as it exits: RUSAGE_CHILDREN would also count the
# pages a forked child shares with this process, which holds a whole built history in --state mode.
_OWN_PEAK = ("import atexit, resource, sys; atexit.register(lambda: sys.stderr.write("
             "f'\\nPEAK_RSS_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')); "
             "from workbench.cli import main; sys.argv = ['workbench', *sys.argv[1:]]; main()")


def run_verify(url: str, *options: str, whole: bool = False):
    """Exit code, wall seconds, peak RSS (MB) and output of `workbench audit verify` in a subprocess."""
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url}
    started = time.perf_counter()
    if options:
        proc = subprocess.run([sys.executable, "-c", _OWN_PEAK, "audit", "verify", *options], env=env,
                              capture_output=True, text=True, check=False, cwd=ROOT)
        elapsed = time.perf_counter() - started
        lines = (proc.stdout + proc.stderr).strip().splitlines()
        peak = [int(line.split()[1]) / 1024 for line in lines if line.startswith("PEAK_RSS_KB")]
        lines = [line for line in lines if line.strip() and not line.startswith("PEAK_RSS_KB")]
        return proc.returncode, elapsed, peak[0] if peak else float("nan"), (lines if whole else lines[-1])
    proc = subprocess.run([str(WORKBENCH), "audit", "verify", *options], env=env, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    # Children are waited one at a time, so the maximum so far is this run's unless an earlier
    # run peaked higher; the checkpoints go up in size, so that is the honest reading.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    return proc.returncode, elapsed, peak_mb, (lines if whole else lines[-1])


def main() -> None:
    """Build the chain in steps, verify at each checkpoint, then tamper and verify again."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=1_000_000)
    parser.add_argument("--checkpoints", default="10000,100000",
                        help="smaller chain lengths verified on the way (comma-separated)")
    parser.add_argument("--path", type=Path, help="SQLite file to build (default: a temporary one)")
    parser.add_argument("--state", action="store_true", help="time `audit verify --state` on a consistent history")
    parser.add_argument("--build-state", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_state:
        app = create_app("test", DATABASE_URL=f"sqlite:///{args.path}")
        with app.app_context():
            upgrade()
            print(build_state(args.build_state, random.Random(7)))
            db.engine.dispose()
        return
    if args.state:
        state_main(args)
        return
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
