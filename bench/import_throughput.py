"""Import throughput: N synthetic ~400-word articles through `workbench import` into a fresh database.

The articles are generated here (invented places, organisations, figures and dates; English and
German; some stories told by two or three outlets, some in both languages, a few with a
disagreeing figure), never copied from the seeds or the shared corpus. They are written into a
temporary folder in ten sub-folders, and each sub-folder is imported by its own run of the real
command (`workbench import FOLDER`, a subprocess on a fresh database migrated by `workbench db
upgrade`), one after the other, so the tenth run imports into a corpus nine times larger than
the first: the per-article cost of the first and the last 10% shows whether the import stays flat.

Prints total seconds, articles/s, per-article ms of the first and last 10% (each including the
command's start-up, the same for both), and the rows written.

    .venv/bin/python bench/import_throughput.py --n 10000
    .venv/bin/python bench/import_throughput.py --n 10000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5433/postgres   # a fresh database on that server
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SYLLABLES = [
    "ka", "lo", "ren", "vi", "to", "sha", "mi", "nor", "zen", "da", "li", "bel",
    "sar", "um", "tek", "gan", "ri", "sol", "ba", "ce", "du", "fa", "go", "hu",
    "ji", "ke", "la", "mo", "nu", "pra", "vos", "tel", "mar", "kin", "dor",
]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
KINDS = [
    # (English event, German event, English measure, German measure, unit en, unit de)
    ("trade fair", "Fachmesse", "exhibitors", "Aussteller", "", ""),
    ("wind farm", "Windpark", "turbines", "Windräder", "", ""),
    ("port expansion", "Hafenausbau", "containers a year", "Container im Jahr", "", ""),
    ("hospital wing", "Klinikanbau", "beds", "Betten", "", ""),
    ("rail link", "Bahnstrecke", "passengers a day", "Fahrgäste am Tag", "", ""),
    ("research centre", "Forschungszentrum", "researchers", "Forschende", "", ""),
    ("housing scheme", "Wohnungsbauprogramm", "flats", "Wohnungen", "", ""),
    ("solar park", "Solarpark", "households supplied", "versorgte Haushalte", "", ""),
]
EN_FILLER = [
    "Residents had waited years for a decision on the plans.",
    "Critics said the consultation had been too short and asked for more detail.",
    "The regional council welcomed the announcement in a brief statement.",
    "Local businesses expect more visitors during the construction phase.",
    "Environmental groups want an independent review of the site.",
    "Officials declined to comment on the timetable beyond what was published.",
    "The opposition called the financing plan optimistic.",
    "Several neighbouring towns are watching the project closely.",
    "Details of the tender will be published on the authority's website.",
    "Trade unions asked for guarantees on local jobs.",
    "The mayor described the plan as a turning point for the region.",
    "Questions about traffic and noise remained open after the meeting.",
]
DE_FILLER = [
    "Die Anwohner hatten jahrelang auf eine Entscheidung gewartet.",
    "Kritiker bemängelten, die Beteiligung der Öffentlichkeit sei zu kurz gewesen.",
    "Der Regionalrat begrüßte die Ankündigung in einer knappen Mitteilung.",
    "Örtliche Betriebe rechnen während der Bauzeit mit mehr Kundschaft.",
    "Umweltverbände fordern eine unabhängige Prüfung des Geländes.",
    "Zum Zeitplan äußerte sich die Verwaltung nicht weiter.",
    "Die Opposition nannte die Finanzierung zu optimistisch.",
    "Mehrere Nachbargemeinden verfolgen das Vorhaben aufmerksam.",
    "Einzelheiten der Ausschreibung sollen im Internet veröffentlicht werden.",
    "Die Gewerkschaften verlangen Zusagen für Arbeitsplätze vor Ort.",
    "Der Bürgermeister sprach von einem Wendepunkt für die Region.",
    "Fragen zu Verkehr und Lärm blieben nach der Sitzung offen.",
]
OUTLETS = ["Valley Courier", "North Ledger", "Coast Herald", "Morgenblatt", "Tagespost Süd", "City Wire"]


def word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def en_date(d: date) -> str:
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def de_date(d: date) -> str:
    return f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year}"


def de_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def story(rng: random.Random, index: int) -> dict:
    kind = rng.choice(KINDS)
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
    return {
        "index": index, "kind": kind, "town": word(rng, 3), "org": word(rng, 2) + " " + rng.choice(
            ["Group", "Holding", "Works", "Partners"]),
        "person": word(rng, 2) + " " + word(rng, 3), "published": start,
        "opens": start + timedelta(days=rng.randrange(30, 700)), "cost": rng.randrange(12, 2400),
        "count": rng.randrange(120, 98000), "jobs": rng.randrange(40, 4200), "share": rng.randrange(3, 78),
        "years": rng.randrange(2, 15), "rank": rng.randrange(2, 9), "of": rng.randrange(20, 60),
    }


def english(s: dict, rng: random.Random, count: int) -> str:
    event, _, measure, _, _, _ = s["kind"]
    lines = [f"{s['town']} approves {event} by {s['org']}", ""]
    body = [
        f"The council of {s['town']} approved a {event} planned by {s['org']} on {en_date(s['published'])}.",
        f"The project will cost {s['cost']} million euros and is due to open on {en_date(s['opens'])}.",
        f"According to the company, it will have {count:,} {measure} once complete.",
        f"About {s['jobs']:,} jobs are expected to be created in the first {s['years']} years.",
        f"{s['person']}, who leads the project, said {s['share']} percent of the work would go to local firms.",
        f"The region ranks {s['rank']}th among {s['of']} regions for new investment, a study found.",
        f"Construction is planned to start in {EN_MONTHS[rng.randrange(12)]} {s['published'].year + 1}.",
        f"In {s['published'].year - rng.randrange(1, 6)}, a similar plan had failed over its costs.",
    ]
    filler = rng.sample(EN_FILLER, len(EN_FILLER))
    extra = [f"A spokesperson for {s['org']} said about {rng.randrange(2, 90)} sites had been considered.",
             f"The town has {rng.randrange(8, 400) * 100:,} inhabitants and {rng.randrange(3, 40)} schools.",
             f"Last year {rng.randrange(2, 60)} percent of residents commuted to the city.",
             f"The authority received {rng.randrange(20, 900)} objections during the consultation."]
    sentences = body + extra + filler
    rng.shuffle(sentences)
    text_words = 0
    paragraphs: list[str] = []
    while sentences and text_words < 400:
        take = sentences[:3]
        sentences = sentences[3:]
        paragraphs.append(" ".join(take))
        text_words += sum(len(t.split()) for t in take)
        if not sentences:
            sentences = [f"{rng.choice(EN_FILLER)}" for _ in range(3)]
    return "\n".join(lines) + "\n\n".join(paragraphs) + "\n"


def german(s: dict, rng: random.Random, count: int) -> str:
    _, event, _, measure, _, _ = s["kind"]
    lines = [f"{s['town']} genehmigt {event} von {s['org']}", ""]
    body = [
        f"Der Rat von {s['town']} hat am {de_date(s['published'])} einen {event} der {s['org']} genehmigt.",
        f"Das Vorhaben kostet {s['cost']} Millionen Euro und soll am {de_date(s['opens'])} eröffnet werden.",
        f"Nach Angaben des Unternehmens wird es nach Fertigstellung {de_number(count)} {measure} haben.",
        f"In den ersten {s['years']} Jahren sollen rund {de_number(s['jobs'])} Arbeitsplätze entstehen.",
        f"{s['person']}, der das Projekt leitet, sagte, {s['share']} Prozent der Aufträge gingen an Firmen "
        "aus der Region.",
        f"Die Region liegt laut einer Studie auf Platz {s['rank']} von {s['of']} Regionen bei Investitionen.",
        f"Der Bau soll im {DE_MONTHS[rng.randrange(12)]} {s['published'].year + 1} beginnen.",
        f"Im Jahr {s['published'].year - rng.randrange(1, 6)} war ein ähnlicher Plan an den Kosten gescheitert.",
    ]
    extra = [f"Ein Sprecher der {s['org']} sagte, man habe etwa {rng.randrange(2, 90)} Standorte geprüft.",
             f"Die Stadt hat {de_number(rng.randrange(8, 400) * 100)} Einwohner und {rng.randrange(3, 40)} Schulen.",
             f"Im vergangenen Jahr pendelten {rng.randrange(2, 60)} Prozent der Einwohner in die Großstadt.",
             f"Bei der Behörde gingen {rng.randrange(20, 900)} Einwendungen ein."]
    sentences = body + extra + rng.sample(DE_FILLER, len(DE_FILLER))
    rng.shuffle(sentences)
    text_words = 0
    paragraphs: list[str] = []
    while sentences and text_words < 380:
        take = sentences[:3]
        sentences = sentences[3:]
        paragraphs.append(" ".join(take))
        text_words += sum(len(t.split()) for t in take)
        if not sentences:
            sentences = [rng.choice(DE_FILLER) for _ in range(3)]
    return "\n".join(lines) + "\n\n".join(paragraphs) + "\n"


def generate(n: int, folder: Path, seed: int = 16, chunks: int = 10) -> list[Path]:
    """Write n articles into `chunks` sub-folders of `folder`; return the sub-folders."""
    rng = random.Random(seed)
    articles: list[tuple[str, str, dict]] = []
    index = 0
    while len(articles) < n:
        s = story(rng, index)
        index += 1
        tellings = rng.choice([1, 1, 1, 2, 2, 3])
        for t in range(tellings):
            count = s["count"]
            if t > 0 and rng.random() < 0.25:
                count = count + rng.randrange(7, 300)  # a disagreeing figure
            lang = "de" if (t == 1 and rng.random() < 0.5) or (t == 0 and rng.random() < 0.3) else "en"
            text = german(s, rng, count) if lang == "de" else english(s, rng, count)
            articles.append((f"story{index:06d}-{t}-{lang}", text, {
                "outlet": rng.choice(OUTLETS), "published": (s["published"] + timedelta(days=t)).isoformat(),
                "language": lang}))
    articles = articles[:n]
    dirs = []
    per = -(-n // chunks)
    for c in range(chunks):
        sub = folder / f"part{c:02d}"
        sub.mkdir(parents=True)
        dirs.append(sub)
        manifest = []
        for name, text, meta in articles[c * per:(c + 1) * per]:
            (sub / f"{name}.txt").write_text(text, encoding="utf-8")
            manifest.append({"file": f"{name}.txt", **meta})
        import json
        (sub / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return dirs


def fresh_database(url: str | None, tmp: Path) -> tuple[str, callable]:
    """A URL of an empty database and a function dropping it afterwards."""
    if not url:
        return f"sqlite:///{tmp / 'bench.sqlite'}", lambda: None
    import psycopg
    from sqlalchemy.engine import make_url
    base = make_url(url)
    name = f"bench_import_{uuid.uuid4().hex[:8]}"
    admin = dict(host=base.host, port=base.port, user=base.username, password=base.password,
                 dbname=base.database or "postgres", autocommit=True)
    with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return base.set(database=name).render_as_string(hide_password=False), drop


def count_rows(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
               for t in ("articles", "claims", "claim_values", "revisions", "flags", "flag_members")}
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    parser.add_argument("--checkout", action="append", default=None,
                        help="a checkout (with .venv) whose `workbench import` to measure; repeat to compare "
                             "several on the same articles (default: this one)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    dirs = generate(args.n, tmp / "articles")
    words = [len(p.read_text(encoding="utf-8").split()) for p in sorted(dirs[0].glob("*.txt"))[:200]]
    print(f"generated {args.n} articles in {tmp} (mean {sum(words) / len(words):.0f} words)", flush=True)
    try:
        for checkout in args.checkout or [str(ROOT)]:
            measure(Path(checkout), dirs, args, tmp)
    finally:
        if not args.keep:
            import shutil
            shutil.rmtree(tmp, ignore_errors=True)


def measure(checkout: Path, dirs: list[Path], args: argparse.Namespace, tmp: Path) -> None:
    """Import the sub-folders with `checkout`'s command into a fresh database; print the figures."""
    workbench = str(checkout / ".venv" / "bin" / "workbench")
    print(f"checkout {checkout}", flush=True)
    (tmp / "bench.sqlite").unlink(missing_ok=True)
    url, drop = fresh_database(args.database_url, tmp)
    env = {**os.environ, "WORKBENCH_DATABASE_URL": url, "WORKBENCH_ENV": "development"}
    try:
        subprocess.run([workbench, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=checkout)
        times = []
        for sub in dirs:
            files = len(list(sub.glob("*.txt")))
            started = time.perf_counter()
            done = subprocess.run([workbench, "import", str(sub)], env=env, capture_output=True, text=True,
                                  cwd=checkout)
            seconds = time.perf_counter() - started
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-2000:])
                raise SystemExit(f"import of {sub} failed")
            times.append((files, seconds))
            print(f"  {sub.name}: {files} articles in {seconds:.1f} s ({1000 * seconds / files:.1f} ms each); "
                  f"{done.stdout.strip().splitlines()[-1]}", flush=True)
        total = sum(s for _, s in times)
        first, last = times[0], times[-1]
        print(f"database: {'PostgreSQL' if args.database_url else 'SQLite'}")
        n = sum(f for f, _ in times)
        print(f"total {total:.1f} s for {n} articles: {n / total:.1f} articles/s")
        print(f"per article: first 10% {1000 * first[1] / first[0]:.1f} ms, last 10% {1000 * last[1] / last[0]:.1f} ms "
              f"(ratio {(last[1] / last[0]) / (first[1] / first[0]):.2f})")
        print("rows:", count_rows(url), flush=True)
    finally:
        drop()


if __name__ == "__main__":
    main()
