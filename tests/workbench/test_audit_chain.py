"""Concurrent appends: the head row serialises them into one unbroken chain."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.conftest import TEST_ACTOR
from workbench.audit.verify import verify_chain
from workbench.extensions import db
from workbench.history.models import ChainHead, Revision
from workbench.history.recording import Actor, record, revision_hash

THREADS = 8
PER_THREAD = 10


def test_threads_appending_at_once_make_one_unbroken_chain(app):
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        # Each thread has its own app context, hence its own session and connection.
        with app.app_context():
            try:
                barrier.wait()
                for i in range(PER_THREAD):
                    record("update", "source", worker, {"title": [f"t{i}", f"t{i + 1}"]}, TEST_ACTOR,
                           reason=f"worker {worker} step {i}")
                    db.session.commit()
            except BaseException as exc:
                db.session.rollback()
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    total = THREADS * PER_THREAD
    assert db.session.scalar(select(func.count()).select_from(Revision)) == total
    assert db.session.scalar(select(ChainHead.last_id)) == total
    # Every worker's appends are all there, interleaved in one chain.
    per_worker = dict(db.session.execute(
        select(Revision.entity_id, func.count()).group_by(Revision.entity_id)).all())
    assert per_worker == dict.fromkeys(range(THREADS), PER_THREAD)
    db.session.rollback()  # on SQLite an open read transaction holds the write lock
    with db.engine.connect() as conn:
        result = verify_chain(conn)
    assert result.ok, result.problem
    assert result.count == total


def test_a_rolled_back_append_leaves_no_gap(app):
    record("create", "source", 1, {"title": [None, "kept"]}, TEST_ACTOR)
    db.session.commit()
    record("create", "source", 2, {"title": [None, "rolled back"]}, TEST_ACTOR)
    db.session.rollback()
    record("create", "source", 3, {"title": [None, "kept too"]}, TEST_ACTOR)
    db.session.commit()
    ids = db.session.scalars(select(Revision.id).order_by(Revision.id)).all()
    assert ids == [1, 2]
    db.session.rollback()
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_recorded_revision_reads_back_exactly_as_hashed(app):
    """The append path (driver statements on SQLite) stores what the ORM reads back and verifies."""
    changes = {"text": ["old", "new “quoted” ünïcode"], "normalized": [None, {"value": 60.5, "unit": "%"}],
               "published": [None, "2023-07-11"]}
    first = record("create", "claim", 1, changes, TEST_ACTOR, claim_id=1, article_id=2, reason="why")
    second = record("update", "claim", 1, {"status": ["a", "b"]}, TEST_ACTOR, claim_id=1)
    db.session.commit()
    db.session.expire_all()
    for made in (first, second):
        loaded = db.session.get(Revision, made.id)
        columns = [c.key for c in Revision.__table__.columns]
        assert {k: getattr(loaded, k) for k in columns} == {k: getattr(made, k) for k in columns}
        assert revision_hash(loaded) == loaded.hash
    assert second.prev_hash == first.hash
    assert db.session.scalar(select(ChainHead.last_id)) == 2


def test_a_failing_append_raises_sqlalchemy_errors_and_rolls_back(app):
    record("create", "source", 1, {"title": [None, "kept"]}, TEST_ACTOR)
    db.session.commit()
    with pytest.raises(IntegrityError):
        # actor 999 is not a user: the revision's foreign key refuses it
        record("create", "source", 2, {"title": [None, "refused"]}, Actor(999, "nobody"))
    db.session.rollback()
    assert db.session.scalar(select(ChainHead.last_id)) == 1
    assert db.session.scalar(select(func.count()).select_from(Revision)) == 1
