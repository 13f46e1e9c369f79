"""Load on `workbench serve`: readers beside writers and one large import, on SQLite and PostgreSQL.

Usage: python bench/load.py [--database sqlite|postgresql|both] [--seconds 30] [--scale-seconds 10]
                            [--pg-url postgresql+psycopg://postgres@127.0.0.1:5433/postgres]

For each database it migrates a fresh one, imports the articles of ../shared/corpus, starts the
real server (`workbench serve`, 8 threads) on a free loopback port and then measures:

1. throughput of 1, 2 and 4 reading clients (each --scale-seconds), to see whether it grows;
2. 8 reading clients and 2 writing clients for --seconds, while one editor imports a large
   file (--import-kb, 300 kB by default, built from the corpus) through the web form; the phase
   ends when the readers' time is up and the import has answered.

Readers fetch the article list, article pages, claim pages and the flag list; writers load a
claim page and save an edit of its text (a 409 conflict page is a valid answer between two
writers). It prints, per phase: requests, requests per second, read p50/p95/p99, and the count
of each status; any 5xx is listed. Defaults keep a run under about three minutes for both
databases; the issue's 10-minute run is --seconds 600.
"""
from __future__ import annotations

import argparse
import html
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
WORKBENCH = Path(sys.executable).with_name("workbench")
PASSWORD = "load bench password 1"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client:
    """One logged-in browser: cookies, CSRF token, and timings of what it fetched."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, path: str, data: bytes | None = None, content_type: str | None = None,
                timeout: float = 120) -> tuple[int, str, float]:
        req = urllib.request.Request(self.base + path, data=data)
        if content_type:
            req.add_header("Content-Type", content_type)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=timeout) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError) as error:
            status, body = 599, str(error)  # no answer at all: counted as a server failure
        return status, body, time.perf_counter() - started

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str, float]:
        return self.request(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def login(self, email: str) -> None:
        _status, page, _ = self.request("/login")
        status, body, _ = self.post("/login", {"email": email, "password": PASSWORD,
                                               "csrf_token": TOKEN.search(page).group(1)})
        if status != 200 or "Log out" not in body:
            raise SystemExit(f"login as {email} failed: {status}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(env: dict, *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run([str(WORKBENCH), *args], env=env, input=stdin, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"workbench {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return proc.stdout


def prepare(env: dict) -> None:
    cli(env, "db", "upgrade")
    for role in ("reviewer", "editor"):
        for n in range(10):
            cli(env, "users", "create", f"{role}{n}@example.org", "--role", role, stdin=PASSWORD + "\n")
    cli(env, "import", str(CORPUS))


def large_file(size: int = 2_000_000) -> bytes:
    """About `size` bytes of article text: the corpus, each copy with its numbers shifted (so it is not
    deduplicated; the shifted numbers also make many inconsistencies inside the article, which the import's
    flag detection then records)."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.txt"))]
    out, copy = [], 0
    done = 0
    while done < size:
        copy += 1
        for text in texts:
            shifted = re.sub(r"\d+", lambda m, c=copy: str(int(m.group()) + c), text)
            out.append(f"Part {copy}. {shifted}")
            done += len(out[-1])
    return "\n\n".join(out).encode()


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Phase:
    """What the clients of one phase saw."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.read_times: list[float] = []
        self.statuses: Counter = Counter()
        self.failures: list[str] = []
        self.requests = 0

    def note(self, kind: str, path: str, status: int, elapsed: float) -> None:
        with self.lock:
            self.requests += 1
            self.statuses[f"{kind} {status}"] += 1
            if kind == "read":
                self.read_times.append(elapsed)
            if status >= 500:
                self.failures.append(f"{kind} {path}: {status}")


def reader(client: Client, ids: dict, phase: Phase, stop: float, rng: random.Random) -> None:
    while time.perf_counter() < stop:
        choice = rng.random()
        if choice < 0.2:
            path = "/"
        elif choice < 0.5:
            path = f"/articles/{rng.choice(ids['articles'])}"
        elif choice < 0.9:
            path = f"/claims/{rng.choice(ids['claims'])}"
        else:
            path = "/flags"
        status, _body, elapsed = client.request(path)
        phase.note("read", path, status, elapsed)


def writer(client: Client, ids: dict, phase: Phase, stop: float, rng: random.Random) -> None:
    while time.perf_counter() < stop:
        claim_id = rng.choice(ids["claims"][:20])  # a few hot claims: writers meet each other
        status, page, elapsed = client.request(f"/claims/{claim_id}")
        phase.note("read", f"/claims/{claim_id}", status, elapsed)
        form = re.search(r'<form[^>]*action="/claims/\d+/edit".*?</form>', page, re.S)
        if status != 200 or form is None:
            continue
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group()))
        text = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', form.group(), re.S)
        kind = re.search(r'name="kind"[^>]*value="([^"]*)"', form.group())
        status_field = re.search(r'<select[^>]*name="status".*?<option selected value="([^"]+)"', form.group(), re.S)
        fields = {k: html.unescape(v) for k, v in fields.items()}
        old_text = html.unescape(text.group(1)).strip().split(" [edit")[0]
        fields.update({"text": f"{old_text} [edit {rng.random():.6f}]",
                       "kind": html.unescape(kind.group(1)) if kind else "other",
                       "status": status_field.group(1) if status_field else "unreviewed", "assignee_id": "0"})
        path = f"/claims/{claim_id}/edit"
        status, _body, elapsed = client.post(path, fields)
        phase.note("write", path, status, elapsed)


def run_phase(base: str, ids: dict, readers: int, writers: int, seconds: float,
              import_data: bytes | None = None) -> tuple[Phase, float, str | None]:
    phase = Phase()
    clients = []
    for i in range(readers + writers):
        client = Client(base)
        client.login(f"{'reviewer' if i < readers else 'editor'}{i % 10}@example.org")
        clients.append(client)
    stop = time.perf_counter() + seconds
    threads = [threading.Thread(target=reader if i < readers else writer,
                                args=(client, ids, phase, stop, random.Random(i))) for i, client in enumerate(clients)]
    imported: list[str] = []
    if import_data is not None:
        def do_import() -> None:
            editor = Client(base)
            editor.login("editor9@example.org")
            _s, page, _ = editor.request("/articles/import")
            body, content_type = multipart({"csrf_token": TOKEN.search(page).group(1)}, "large.txt", import_data)
            status, answer, elapsed = editor.request("/articles/import", body, content_type, timeout=600)
            phase.note("import", "/articles/import", status, elapsed)
            message = (re.search(r"class=\"flash[^\"]*\">([^<]+)<", answer)
                       or re.search(r'large\.txt: ([^<]+)<', answer))
            imported.append(f"{status} in {elapsed:.1f} s ({html.unescape(message.group(1)) if message else ''})")
        threads.append(threading.Thread(target=do_import))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return phase, time.perf_counter() - started, (imported[0] if imported else None)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(label: str, phase: Phase, elapsed: float) -> None:
    reads = phase.read_times
    print(f"  {label}: {phase.requests} requests in {elapsed:.1f} s = {phase.requests / elapsed:,.1f}/s; reads p50 "
          f"{percentile(reads, 50) * 1000:.0f} ms, p95 {percentile(reads, 95) * 1000:.0f} ms, p99 "
          f"{percentile(reads, 99) * 1000:.0f} ms; "
          + ", ".join(f"{k}: {v}" for k, v in sorted(phase.statuses.items())))
    if phase.failures:
        print(f"    5xx ({len(phase.failures)}): " + "; ".join(phase.failures[:5]))


def ids_of(env: dict, url: str) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        ids = {"articles": list(conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars()),
               "claims": list(conn.execute(text("SELECT id FROM claims WHERE deleted_at IS NULL ORDER BY id"))
                              .scalars())}
    engine.dispose()
    return ids


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url, "WORKBENCH_ENV": "development"}
    prepare(env)
    port = free_port()
    server = subprocess.Popen([str(WORKBENCH), "serve", "--port", str(port), "--threads", "8"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        ids = ids_of(env, url)
        print(f"{name}: {len(ids['articles'])} articles, {len(ids['claims'])} claims, server on {base}")
        for clients in (1, 2, 4):
            phase, elapsed, _ = run_phase(base, ids, clients, 0, args.scale_seconds)
            report(f"{clients} reader(s)", phase, elapsed)
        data = large_file(args.import_kb * 1000)
        phase, elapsed, imported = run_phase(base, ids, 8, 2, args.seconds, import_data=data)
        report(f"8 readers + 2 writers + a {len(data) / 1e6:.1f} MB import", phase, elapsed)
        print(f"    the large import: {imported}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=30, help="length of the mixed phase")
    parser.add_argument("--scale-seconds", type=float, default=10, help="length of each 1/2/4-reader phase")
    parser.add_argument("--import-kb", type=int, default=300,
                        help="size of the large import (kB); its flag detection dominates its time")
    parser.add_argument("--pg-url", default=os.environ.get("WORKBENCH_TEST_DATABASE_URL",
                                                           "postgresql+psycopg://postgres@127.0.0.1:5433/postgres"))
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the corpus is missing: {CORPUS}")
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench("SQLite", f"sqlite:///{Path(tmp) / 'load.sqlite'}", args)
    if args.database in ("postgresql", "both"):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        server = make_url(args.pg_url)
        name = f"wbload_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench("PostgreSQL", server.set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
