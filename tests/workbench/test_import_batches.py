"""Batch import (engine in worker processes, 20 articles a transaction) stores what one-by-one import stores."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import TEST_ACTOR
from workbench.app import create_app
from workbench.articles import operations
from workbench.articles.models import Article
from workbench.articles.operations import import_bytes, import_paths
from workbench.audit.verify import verify_chain
from workbench.extensions import db
from workbench.flags.detection import detect_all
from workbench.flags.models import Flag, FlagMember
from workbench.history.models import Revision
from workbench.review.models import Claim, ClaimValue

MB = 1024 * 1024
THRESHOLD = 0.3
PLACES = ["Velmora", "Sarkento", "Dunbrek", "Oltavia", "Kessmarin", "Brunelli", "Torvanik", "Lisquera"]


def english(place: str, day: date, cost: int, beds: int, jobs: int) -> str:
    return (
        f"{place} approves hospital wing\n\n"
        f"The council of {place} approved a new hospital wing on {day:%B} {day.day}, {day.year}. "
        f"The wing will cost {cost} million euros and will have {beds:,} beds. "
        f"About {jobs:,} jobs are expected in the first five years, the council said. "
        f"Construction is due to start in March {day.year + 1}. "
        "Residents had waited years for a decision on the plans.\n"
    )


def german(place: str, day: date, cost: int, beds: int, jobs: int) -> str:
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
    return (
        f"{place} genehmigt Klinikanbau\n\n"
        f"Der Rat von {place} hat am {day.day}. {months[day.month - 1]} {day.year} einen Klinikanbau genehmigt. "
        f"Der Anbau kostet {cost} Millionen Euro und wird {beds:,} Betten haben. ".replace(",", ".")
        + f"In den ersten fünf Jahren sollen rund {jobs:,} Arbeitsplätze entstehen. ".replace(",", ".")
        + f"Der Bau soll im März {day.year + 1} beginnen. "
        "Die Anwohner hatten jahrelang auf eine Entscheidung gewartet.\n"
    )


def articles() -> list[tuple[str, str]]:
    """24 articles: eight stories told two or three times, English and German, some with a disagreeing figure."""
    out = []
    for i, place in enumerate(PLACES):
        day = date(2025, 1, 6) + timedelta(days=23 * i)
        cost, beds, jobs = 40 + 7 * i, 310 + 41 * i, 1200 + 113 * i
        out.append((f"{i:02d}-a.txt", english(place, day, cost, beds, jobs)))
        out.append((f"{i:02d}-b.txt", german(place, day, cost, beds + (25 if i % 2 else 0), jobs)))
        out.append((f"{i:02d}-c.txt", english(place, day, cost + (9 if i % 3 == 0 else 0), beds, jobs)
                    .replace("the council said", "a spokesperson said")))
    return out


def stored() -> dict:
    """What an import leaves, by source file name: articles, claims with values, flags with members."""
    name = {a.id: a.source_name.rsplit("/", 1)[-1] for a in db.session.scalars(select(Article))}
    claims = {c.id: c for c in db.session.scalars(select(Claim))}
    values = sorted(
        (name[claims[v.claim_id].article_id], v.start_offset, v.end_offset, v.type, v.text, repr(v.normalized))
        for v in db.session.scalars(select(ClaimValue))
    )
    members = {}
    for m in db.session.scalars(select(FlagMember)):
        claim = claims[m.claim_id]
        members.setdefault(m.flag_id, []).append((name[claim.article_id], claim.start_offset, m.text))
    flags = sorted((f.kind, f.severity, round(f.confidence, 4), f.status, tuple(sorted(members.get(f.id, ()))))
                   for f in db.session.scalars(select(Flag)))
    return {
        "articles": sorted((name[a.id], a.title, a.language, a.published, a.body)
                           for a in db.session.scalars(select(Article))),
        "claims": sorted((name[c.article_id], c.start_offset, c.end_offset, c.text, c.kind, c.score, c.status)
                         for c in claims.values()),
        "values": values,
        "flags": flags,
        "revisions": db.session.query(Revision).count(),
    }


def chain_ok() -> bool:
    db.session.commit()
    with db.engine.connect() as conn:
        return verify_chain(conn).ok


@pytest.fixture
def two_apps(databases):
    urls = [databases.fresh(), databases.fresh()]
    apps = [create_app("test", DATABASE_URL=url) for url in urls]
    yield apps
    for app, url in zip(apps, urls, strict=True):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        databases.drop(url)


def write_files(folder, files):
    paths = []
    for name, text in files:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_batch_import_stores_what_one_by_one_import_stores(two_apps, tmp_path):
    files = articles()
    paths = write_files(tmp_path, files)
    with two_apps[0].app_context():
        singles = [import_bytes(p.name, p.read_bytes(), TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB) for p in paths]
        one_by_one = stored()
    with two_apps[1].app_context():
        # 24 files: the engine runs in two worker processes, five articles per transaction.
        batched = import_paths(paths, TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB, batch_size=5, workers=2)
        in_batches = stored()
        assert chain_ok()
    assert [r.status for r in singles] == ["imported"] * len(files)
    assert [(r.status, r.article_id) for r in batched] == [(r.status, r.article_id) for r in singles]
    assert in_batches["flags"], "the stories were built to disagree: there must be flags"
    assert len(in_batches["claims"]) > 3 * len(files)
    for part in ("articles", "claims", "values", "flags", "revisions"):
        assert in_batches[part] == one_by_one[part], part


def test_a_failing_article_does_not_cost_its_batch(app, tmp_path, monkeypatch):
    paths = write_files(tmp_path, articles()[:6])
    real = operations.detect_for_article

    def fail_for_one(article, actor):
        if article.source_name.endswith("01-a.txt"):
            raise RuntimeError("disk full")
        return real(article, actor)

    monkeypatch.setattr(operations, "detect_for_article", fail_for_one)
    results = import_paths(paths, TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB, batch_size=20)
    assert [r.status for r in results] == ["imported"] * 3 + ["failed"] + ["imported"] * 2
    assert "disk full" in results[3].message
    names = {a.source_name.rsplit("/", 1)[-1] for a in db.session.scalars(select(Article))}
    assert names == {p.name for p in paths} - {"01-a.txt"}
    # nothing of the failed article was kept: every claim belongs to a stored article
    assert {c.article_id for c in db.session.scalars(select(Claim))} == {r.article_id for r in results if r.ok}
    assert chain_ok()


def test_same_text_twice_in_one_batch_is_stored_once(app, tmp_path):
    name, text = articles()[0]
    paths = write_files(tmp_path, [(name, text), ("copy.txt", text), ("other.txt", articles()[1][1])])
    results = import_paths(paths, TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB)
    assert [r.status for r in results] == ["imported", "present", "imported"]
    assert results[1].article_id == results[0].article_id
    again = import_paths(paths, TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB)
    assert [r.status for r in again] == ["present"] * 3


def test_full_detection_in_small_batches_finds_what_one_pass_finds(two_apps, tmp_path, monkeypatch):
    paths = write_files(tmp_path, articles())
    monkeypatch.setattr(operations, "detect_for_article", lambda article, actor: None)
    found = []
    for app, batch_size in zip(two_apps, (1000, 4), strict=True):
        with app.app_context():
            import_paths(paths, TEST_ACTOR, threshold=THRESHOLD, max_bytes=MB, workers=1)
            assert db.session.query(Flag).count() == 0
            report = detect_all(TEST_ACTOR, batch_size=batch_size)
            db.session.commit()
            assert report.articles == len(paths)
            found.append(stored()["flags"])
            assert chain_ok()
    assert found[0], "the stories were built to disagree"
    assert any(kind.startswith("cross") for kind, *_ in found[0])
    assert found[1] == found[0]
