"""List pages at scale: keyset page links, trigger-kept counts, and query plans that seek an index."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select, text, update

from tests.conftest import TEST_ACTOR
from workbench.articles.models import Article
from workbench.articles.operations import delete_article
from workbench.core.counts import claim_status_counts, flag_count, live_article_count
from workbench.core.pagination import BadCursor, decode_key, encode_key
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.flags.operations import change_status
from workbench.review.models import CLAIM_STATUSES, Claim


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    db.session.commit()


def real_counts() -> tuple[int, dict[str, int], dict[tuple, int]]:
    articles = db.session.scalar(select(func.count()).select_from(Article).where(Article.deleted_at.is_(None)))
    claims = dict.fromkeys(CLAIM_STATUSES, 0)
    claims.update(db.session.execute(
        select(Claim.status, func.count()).join(Claim.article)
        .where(Claim.deleted_at.is_(None), Article.deleted_at.is_(None)).group_by(Claim.status)).all())
    flags = {(s, k, v): n for s, k, v, n in db.session.execute(
        select(Flag.status, Flag.kind, Flag.severity, func.count()).group_by(Flag.status, Flag.kind, Flag.severity))}
    return articles, claims, flags


def assert_counts_current() -> None:
    articles, claims, flags = real_counts()
    assert live_article_count() == articles
    assert claim_status_counts() == claims
    for (status, kind, severity), n in flags.items():
        assert flag_count(status, kind, severity) == n
    assert flag_count() == sum(flags.values())
    for status in {s for s, _, _ in flags}:
        assert flag_count(status=status) == sum(n for (s, _, _), n in flags.items() if s == status)


def test_summary_counts_follow_imports_edits_removals_and_raw_sql(seeded):
    assert live_article_count() > 0 and flag_count() > 0
    assert_counts_current()
    claim = db.session.scalars(select(Claim).where(Claim.deleted_at.is_(None))).first()
    db.session.execute(update(Claim).where(Claim.id == claim.id).values(status="disputed"))
    db.session.commit()
    assert_counts_current()
    db.session.execute(text("UPDATE claims SET deleted_at = created_at WHERE id = :id"), {"id": claim.id})
    db.session.commit()
    assert_counts_current()
    flag = db.session.scalars(select(Flag)).first()
    change_status(flag, "dismiss", flag.version, TEST_ACTOR, note="not a conflict")
    assert_counts_current()
    other = db.session.scalars(select(Flag).where(Flag.id != flag.id)).first()
    db.session.execute(FlagMember.__table__.delete().where(FlagMember.flag_id == other.id))
    db.session.execute(Flag.__table__.delete().where(Flag.id == other.id))
    db.session.commit()
    assert_counts_current()
    article = db.session.scalars(select(Article)).first()
    delete_article(article, article.version, TEST_ACTOR, reason="duplicate")
    assert_counts_current()
    db.session.execute(update(Article).where(Article.id == article.id).values(deleted_at=None))
    db.session.commit()
    assert_counts_current()


def test_a_rolled_back_change_leaves_the_counts_as_they_were(seeded):
    before = claim_status_counts()
    db.session.execute(update(Claim).values(status="verified"))
    assert claim_status_counts()["verified"] == sum(before.values())  # same transaction sees its change
    db.session.rollback()
    assert claim_status_counts() == before


def links(html: str, label: str) -> str | None:
    found = re.search(r'<a href="([^"]+)">' + re.escape(label), html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_article_list_walks_older_and_back_by_cursor_links(client, app, login_as, seeded):
    app.config["PAGE_SIZE"] = 2
    login_as("reviewer")
    expected = list(db.session.scalars(
        select(Article.id).where(Article.deleted_at.is_(None)).order_by(Article.imported_at.desc(), Article.id.desc())))
    assert len(expected) > 4
    seen, url, pages = [], "/", []
    while url:
        html = client.get(url).get_data(as_text=True)
        shown = [int(i) for i in re.findall(r'href="/articles/(\d+)"', html)]
        seen += shown
        pages.append((url, shown))
        url = links(html, "older →")
        assert url is None or "after=" in url
    assert seen == expected
    # Back from the last page by the "newer" links: the same pages, in reverse.
    url = links(client.get(pages[-1][0]).get_data(as_text=True), "← newer")
    for _, shown in reversed(pages[:-1]):
        assert "before=" in url
        html = client.get(url).get_data(as_text=True)
        assert [int(i) for i in re.findall(r'href="/articles/(\d+)"', html)] == shown
        url = links(html, "← newer")
    assert url is None


@pytest.mark.parametrize("url", ["/?after=nonsense", "/?after=2026-01-01T00:00:00~x", "/?before=1~2~3",
                                 "/?after=2026-01-01T00:00:00~99999999999999999999"])
def test_a_broken_cursor_is_a_404_not_a_500(client, login_as, url):
    login_as("reviewer")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/flags?after=x", "/flags?before=1"])
def test_a_broken_flag_cursor_is_a_400(client, login_as, url):
    login_as("reviewer")
    assert client.get(url).status_code == 400


def test_cursors_round_trip_and_refuse_naive_times():
    from datetime import UTC, datetime
    key = (datetime(2026, 12, 2, 7, 30, 1, 123456, tzinfo=UTC), 42)
    assert decode_key(encode_key(key), (datetime, int)) == key
    with pytest.raises(BadCursor):
        decode_key("2026-12-02T07:30:01~42", (datetime, int))


def test_the_flag_list_and_audit_log_walk_by_cursor(client, app, login_as, seeded):
    app.config["PAGE_SIZE"] = 2
    login_as("editor")
    for start, pattern, expected in [
        ("/flags", r'href="/flags/(\d+)"', select(Flag.id).order_by(Flag.created_at.desc(), Flag.id.desc())),
        ("/audit?entity_type=claim", r'<tr id="revision-(\d+)"',
         select(text("id")).select_from(text("revisions")).where(text("entity_type = 'claim'"))
         .order_by(text("id DESC"))),
    ]:
        seen, url = [], start
        while url:
            html = client.get(url).get_data(as_text=True)
            seen += list(dict.fromkeys(int(i) for i in re.findall(pattern, html)))
            url = links(html, "older →")
        assert seen == list(db.session.scalars(expected)), start


@contextmanager
def statements():
    """The SQL statements (with their parameters) run while the block runs."""
    ran: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        ran.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield ran
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def plan_of(statement: str, parameters) -> list[str]:
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # The test tables are tiny: without this the planner rightly prefers to scan and sort them.
            # With scans and sorts priced out, a Sort or Seq Scan left in the plan means no index fits.
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                conn.exec_driver_sql(f"SET {setting} = off")
            return [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
        return [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]


PAGES = ["/", "/flags", "/flags?status=open", "/flags?severity=high", "/audit", "/audit?entity_type=claim",
         "/audit?action=update", "/exports"]


@pytest.mark.parametrize("path", PAGES)
def test_each_list_page_reads_its_rows_through_an_index_in_page_order(client, app, login_as, seeded, path):
    app.config["PAGE_SIZE"] = 2
    login_as("editor")
    first = client.get(path)
    assert first.status_code == 200
    older = links(first.get_data(as_text=True), "older →")
    urls = [path] + ([older] if older else [])
    for url in urls:
        with statements() as ran:
            assert client.get(url).status_code == 200
        paged = [(s, p) for s, p in ran if "ORDER BY" in s and "LIMIT" in s]
        if path != "/exports":
            assert paged, url
        for statement, parameters in paged:
            plan = plan_of(statement, parameters)
            joined = "\n".join(plan)
            assert "TEMP B-TREE FOR ORDER BY" not in joined, (url, statement, joined)
            assert not any(line.strip().startswith(("Sort", "->  Sort")) for line in plan), (url, statement, joined)
            assert "Seq Scan" not in joined, (url, statement, joined)
            for line in plan:
                scan = re.match(r"\s*SCAN (articles|flags|revisions|claims)\b", line)
                # A bare SCAN is a walk of the table itself: in page order only when the page sorts by rowid.
                if scan and f"ORDER BY {scan.group(1)}.id DESC\n" not in statement + "\n":
                    assert "USING" in line, (url, statement, joined)
        # No page counts a big table whole: counts come from summary rows or stop at a cap.
        for statement, _ in ran:
            if re.search(r"count\(", statement, re.I) and re.search(r"FROM (articles|claims|flags|revisions)\b",
                                                                     statement):
                assert "LIMIT" in statement or "claims.article_id = articles.id" in statement, (url, statement)
