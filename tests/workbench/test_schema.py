"""Migrations up and down, models in step with them, and the database's own constraints."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import TEST_ACTOR
from workbench.app import create_app
from workbench.articles.models import Article
from workbench.audit.verify import verify_chain
from workbench.extensions import db
from workbench.history.models import GENESIS_HASH, Revision
from workbench.history.recording import record, revision_hash
from workbench.review.models import Claim, Verdict
from workbench.sources.models import Source


@pytest.fixture
def empty_app(databases):
    url = databases.empty()
    app = create_app("test", DATABASE_URL=url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    databases.drop(url)


def test_migrations_run_up_and_down(empty_app):
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "articles", "claims", "claim_values", "reviews", "sources", "evidence", "flags",
            "flag_members", "revisions", "revision_chain_head", "article_keys"} <= tables
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "claims" in inspect(db.engine).get_table_names()


def test_upgrade_gives_an_existing_chain_head_its_hashes_and_appends_continue(empty_app):
    # A history written before the head carried the newest revision's hashes.
    upgrade(revision="5c1e0a7b2d94")
    prev = GENESIS_HASH
    base = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(1, 4):
        row = {"id": i, "created_at": base + timedelta(minutes=i), "actor_id": None, "actor_label": "tests",
               "action": "create", "entity_type": "source", "entity_id": i, "claim_id": None, "article_id": None,
               "changes": {"title": [None, f"Source {i}"]}, "reason": None, "prev_hash": prev}
        row["hash"] = prev = revision_hash(SimpleNamespace(**row))
        rows.append(row)
    db.session.execute(insert(Revision.__table__), rows)
    db.session.execute(text("UPDATE revision_chain_head SET last_id = 3"))
    db.session.commit()
    upgrade()
    head = db.session.execute(text("SELECT last_id, last_hash, last_prev_hash FROM revision_chain_head")).one()
    assert tuple(head) == (3, rows[2]["hash"], rows[1]["hash"])
    fourth = record("create", "source", 4, {"title": [None, "Source 4"]}, TEST_ACTOR)
    db.session.commit()
    assert fourth.prev_hash == rows[2]["hash"]
    with db.engine.connect() as conn:
        result = verify_chain(conn)
    assert result.ok and result.count == 4, result.problem


def test_models_match_migrations(app):
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
    assert diffs == []


def _article(**overrides) -> Article:
    fields = dict(title="T", language="en", body="b", raw_text="b", content_hash="h" * 64,
                  imported_by_label="tests")
    fields.update(overrides)
    return Article(**fields)


def _expect_refused(statement_or_object, because: str):
    """The database refuses the write, for the reason `because` (a pattern matched against the
    driver's message, which names the constraint or trigger on SQLite and on PostgreSQL alike)."""
    with pytest.raises(DBAPIError) as refused:
        if isinstance(statement_or_object, str):
            db.session.execute(text(statement_or_object))
        else:
            db.session.add(statement_or_object)
        db.session.flush()
    message = str(refused.value.orig)
    db.session.rollback()
    assert re.search(because, message, re.IGNORECASE), message


def test_content_hash_is_unique(app):
    db.session.add(_article())
    db.session.commit()
    _expect_refused(_article(title="other"), r"unique.*content_hash")


def test_claim_status_must_be_known(app):
    article = _article()
    db.session.add(article)
    db.session.commit()
    _expect_refused(Claim(article_id=article.id, text="x", start_offset=0, end_offset=1, kind="date", score=0.5,
                          status="maybe"), "ck_claims_status")


def test_claim_needs_an_existing_article(app):
    _expect_refused(Claim(article_id=424242, text="x", start_offset=0, end_offset=1, kind="date", score=0.5),
                    "foreign key")


def test_claim_offsets_and_score_are_checked(app):
    article = _article()
    db.session.add(article)
    db.session.commit()
    _expect_refused(Claim(article_id=article.id, text="x", start_offset=5, end_offset=1, kind="d", score=0.5),
                    "ck_claims_offsets")
    _expect_refused(Claim(article_id=article.id, text="x", start_offset=0, end_offset=1, kind="d", score=1.5),
                    "ck_claims_score")


def test_not_null_columns_are_enforced(app):
    _expect_refused("INSERT INTO articles (title, language, body, raw_text, content_hash, imported_at, version) "
                    "VALUES ('t', 'en', 'b', 'b', 'x', CURRENT_TIMESTAMP, 1)",
                    "imported_by_label.*not.null|not.null.*imported_by_label")


def test_source_urls_must_be_http(app):
    _expect_refused(Source(url="javascript:alert(1)", title="x", kind="other"), "ck_sources_url_scheme")
    db.session.add(Source(url="https://example.org/report", title="ok", kind="report"))
    db.session.commit()


def test_reviewer_cannot_approve_own_review(app, make_user):
    user = make_user("editor")
    article = _article()
    db.session.add(article)
    db.session.flush()
    claim = Claim(article_id=article.id, text="x", start_offset=0, end_offset=1, kind="d", score=0.5)
    db.session.add(claim)
    db.session.commit()
    _expect_refused(Verdict(claim_id=claim.id, rating_value=5, rating_label="True", rationale="r",
                           reviewer_id=user.id, approved_by_id=user.id), "ck_reviews_approver_not_reviewer")


def test_revisions_cannot_be_updated_or_deleted(app):
    record("create", "article", 1, {"title": [None, "x"]}, TEST_ACTOR)
    db.session.commit()
    _expect_refused("UPDATE revisions SET reason = 'edited'", "append-only: UPDATE refused")
    _expect_refused("DELETE FROM revisions", "append-only: DELETE refused")
    assert db.session.execute(text("SELECT count(*) FROM revisions")).scalar() == 1


def test_optimistic_locking_refuses_a_stale_write(app):
    from sqlalchemy.orm.exc import StaleDataError

    article = _article()
    db.session.add(article)
    db.session.commit()
    db.session.execute(text("UPDATE articles SET version = version + 1 WHERE id = :id"), {"id": article.id})
    article.title = "changed"
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()
