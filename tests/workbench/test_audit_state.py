"""`workbench audit verify --state`: the current rows must match what their history replays to."""
from __future__ import annotations

from sqlalchemy import select, text

from tests.conftest import TEST_ACTOR
from workbench.articles.models import Article
from workbench.articles.operations import delete_article
from workbench.articles.reextraction import reextract_article
from workbench.audit.state import verify_state
from workbench.extensions import db
from workbench.review.models import Claim, ClaimValue
from workbench.review.operations import update_claim


def verify(runner) -> tuple[int, str]:
    result = runner.invoke(args=["audit", "verify", "--state"])
    return result.exit_code, result.output


def tamper(statement: str, **params) -> None:
    db.session.execute(text(statement), params)
    db.session.commit()


def test_a_desk_worked_through_the_operations_matches_its_history(runner, desk, app):
    claim = desk["unreviewed"]
    update_claim(claim, {"text": "Reworded by a reviewer.", "status": "in_review"}, claim.version, TEST_ACTOR)
    article = db.session.get(Article, claim.article_id)
    reextract_article(article, TEST_ACTOR, threshold=0.5)
    delete_article(db.session.get(Article, claim.article_id), article.version, TEST_ACTOR, reason="test")
    code, output = verify(runner)
    assert code == 0, output
    assert "chain intact" in output and "state matches history" in output


def test_a_claim_edited_directly_in_its_table_is_named(runner, desk):
    claim_id = desk["verified"].id
    tamper("UPDATE claims SET text = 'Forged text.' WHERE id = :id", id=claim_id)
    code, output = verify(runner)
    assert code == 1
    assert "chain intact" in output  # the chain alone cannot see it
    assert f"state DIFFERS: claim {claim_id} text: its history" in output
    assert "the row holds 'Forged text.'" in output


def test_a_deleted_row_and_a_row_without_history_are_named(runner, desk, app):
    value_id = db.session.scalars(select(ClaimValue.id).order_by(ClaimValue.id.desc())).first()
    tamper("DELETE FROM flag_members WHERE value_id = :id", id=value_id)
    tamper("DELETE FROM claim_values WHERE id = :id", id=value_id)
    with db.engine.connect() as conn:
        result = verify_state(conn, batch_size=100)
    assert not result.ok
    assert f"claim_value {value_id} has a history" in result.problem and "but no row in claim_values" in result.problem


def test_a_row_inserted_without_history_is_named(runner, desk):
    claim = desk["verified"]
    tamper("INSERT INTO claim_values (claim_id, type, text, start_offset, end_offset, normalized, version) "
           "VALUES (:c, 'percent', '99%', 0, 3, '{}', 1)", c=claim.id)
    new_id = db.session.scalars(select(ClaimValue.id).order_by(ClaimValue.id.desc())).first()
    code, output = verify(runner)
    assert code == 1
    assert f"claim_value {new_id} is in claim_values but has no revision history" in output


def test_small_batches_cross_entity_boundaries(app, desk):
    with db.engine.connect() as conn:
        whole = verify_state(conn, batch_size=5000)
        small = verify_state(conn, batch_size=3)
    assert whole.ok and small.ok and whole.entities == small.entities > 10
    claim_id = db.session.scalars(select(Claim.id).order_by(Claim.id.desc())).first()
    tamper("UPDATE claims SET score = 0.01 WHERE id = :id", id=claim_id)
    with db.engine.connect() as conn:
        assert f"claim {claim_id} score" in verify_state(conn, batch_size=3).problem
