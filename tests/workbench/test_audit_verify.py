"""`workbench audit verify`: real tampering in the database is found and the revision named."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.conftest import TEST_ACTOR
from workbench.audit.verify import verify_chain
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.queries import chain_head
from workbench.history.recording import record, revision_hash

N = 7


def build_chain(n: int = N) -> None:
    for i in range(1, n + 1):
        record("create", "source", i, {"title": [None, f"Source {i}"], "url": [None, f"https://x.org/{i}"]},
               TEST_ACTOR)
    db.session.commit()


def drop_append_only_triggers() -> None:
    """Let the test write to the revisions table the way an attacker with database access could."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ALTER TABLE revisions DISABLE TRIGGER USER"))
    else:
        db.session.execute(text("DROP TRIGGER IF EXISTS revisions_no_update"))
        db.session.execute(text("DROP TRIGGER IF EXISTS revisions_no_delete"))
    db.session.commit()


def tamper(*statements: str, **params) -> None:
    drop_append_only_triggers()
    for statement in statements:
        db.session.execute(text(statement), params)
    db.session.commit()


def verify(runner) -> tuple[int, str]:
    result = runner.invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_intact_chain_exits_0_with_count_and_head_hash(runner):
    build_chain()
    code, output = verify(runner)
    head_id, head_hash = chain_head()
    assert code == 0, output
    assert head_id == N
    assert f"{N} revisions" in output and head_hash in output


def test_empty_history_verifies(runner):
    code, output = verify(runner)
    assert code == 0, output
    assert "0 revisions" in output


def test_append_only_triggers_refuse_plain_updates(app):
    build_chain(2)
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("UPDATE revisions SET reason = 'x' WHERE id = 1"))
        db.session.flush()
    db.session.rollback()


def test_edited_reason_is_named(runner):
    build_chain()
    tamper("UPDATE revisions SET reason = 'nothing to see' WHERE id = 3")
    code, output = verify(runner)
    assert code == 1
    assert "revision 3: content does not match its hash (edited?)" in output


def test_edited_changes_is_named(runner):
    build_chain()
    tamper("UPDATE revisions SET changes = :changes WHERE id = 5", changes='{"title": [null, "Forged"]}')
    code, output = verify(runner)
    assert code == 1
    assert "revision 5: content does not match its hash (edited?)" in output


def test_edited_actor_is_named(runner):
    build_chain()
    tamper("UPDATE revisions SET actor_label = 'someone else' WHERE id = 1")
    code, output = verify(runner)
    assert code == 1
    assert "revision 1: content does not match its hash" in output


def test_deleted_middle_revision_is_named(runner):
    build_chain()
    tamper("DELETE FROM revisions WHERE id = 4")
    code, output = verify(runner)
    assert code == 1
    assert "revision 4 missing (deleted?)" in output


def test_deleted_last_revision_is_named(runner):
    build_chain()
    tamper(f"DELETE FROM revisions WHERE id = {N}")
    code, output = verify(runner)
    assert code == 1
    assert f"revision {N} missing (deleted?)" in output


def test_inserted_revision_past_the_head_is_named(runner):
    build_chain()
    last = db.session.get(Revision, N)
    tamper(
        "INSERT INTO revisions (id, created_at, actor_label, action, entity_type, entity_id, changes, "
        "prev_hash, hash) VALUES (:id, :created_at, 'forger', 'create', 'source', 99, '{}', :prev, :hash)",
        id=N + 1, created_at=last.created_at, prev=last.hash, hash="f" * 64,
    )
    code, output = verify(runner)
    assert code == 1
    assert f"revision {N + 1}: beyond the chain head" in output


def test_inserted_revision_with_head_moved_is_named(runner):
    build_chain()
    last = db.session.get(Revision, N)
    tamper(
        "INSERT INTO revisions (id, created_at, actor_label, action, entity_type, entity_id, changes, "
        "prev_hash, hash) VALUES (:id, :created_at, 'forger', 'create', 'source', 99, '{}', :prev, :hash)",
        "UPDATE revision_chain_head SET last_id = last_id + 1",
        id=N + 1, created_at=last.created_at, prev=last.hash, hash="f" * 64,
    )
    code, output = verify(runner)
    assert code == 1
    assert f"revision {N + 1}: content does not match its hash" in output


def test_forged_row_before_the_chain_is_named(runner):
    build_chain()
    first = db.session.get(Revision, 1)
    tamper(
        "INSERT INTO revisions (id, created_at, actor_label, action, entity_type, entity_id, changes, "
        "prev_hash, hash) VALUES (0, :created_at, 'forger', 'create', 'source', 99, '{}', :prev, :hash)",
        created_at=first.created_at, prev="0" * 64, hash="e" * 64,
    )
    code, output = verify(runner)
    assert code == 1
    assert "revision 0: outside the chain" in output


def test_swapped_revisions_are_named(runner):
    build_chain()
    tamper(
        "UPDATE revisions SET id = -3 WHERE id = 3",
        "UPDATE revisions SET id = 3 WHERE id = 2",
        "UPDATE revisions SET id = 2 WHERE id = -3",
    )
    code, output = verify(runner)
    assert code == 1
    assert "revision 2: its previous-hash does not match revision 1's hash" in output


def test_edit_with_its_own_hash_recomputed_breaks_the_next_link(runner):
    build_chain()
    forged = db.session.get(Revision, 3)
    forged.reason = "rewritten"
    new_hash = revision_hash(forged)
    db.session.rollback()
    tamper("UPDATE revisions SET reason = 'rewritten', hash = :hash WHERE id = 3", hash=new_hash)
    code, output = verify(runner)
    assert code == 1
    assert "revision 4: its previous-hash does not match revision 3's hash" in output


def test_small_batches_cross_boundaries_and_still_find_tampering(app):
    build_chain(11)
    with db.engine.connect() as conn:
        seen: list[int] = []
        ok = verify_chain(conn, batch_size=2, progress=seen.append)
        assert ok.ok and ok.count == 11 and seen == [2, 4, 6, 8, 10]
    tamper("UPDATE revisions SET entity_id = 1000 WHERE id = 9")
    with db.engine.connect() as conn:
        broken = verify_chain(conn, batch_size=2)
    assert not broken.ok
    assert broken.count == 8
    assert broken.problem == "revision 9: content does not match its hash (edited?)"


def test_chain_head_is_none_when_empty_then_newest(app):
    assert chain_head() is None
    build_chain(3)
    newest = db.session.get(Revision, 3)
    assert chain_head() == (3, newest.hash)


def rehash_from(first_id: int) -> None:
    """Recompute every hash from `first_id` on, as someone covering an edit would."""
    prev = db.session.get(Revision, first_id - 1).hash if first_id > 1 else "0" * 64
    rows = db.session.scalars(select(Revision).where(Revision.id >= first_id).order_by(Revision.id)).all()
    new_hashes = []
    for rev in rows:
        rev.prev_hash = prev
        prev = revision_hash(rev)
        new_hashes.append((rev.id, rev.prev_hash, prev))
    db.session.rollback()
    # Through a temporary value: the hash column is unique.
    tamper(*[f"UPDATE revisions SET hash = 'tmp{rev_id}' WHERE id = {rev_id}" for rev_id, _, _ in new_hashes])
    tamper(*[f"UPDATE revisions SET prev_hash = '{p}', hash = '{h}' WHERE id = {rev_id}"
             for rev_id, p, h in new_hashes])
    # The head row holds the newest revision's hashes: a thorough forger rewrites it too.
    _, last_prev, last_hash = new_hashes[-1]
    tamper(f"UPDATE revision_chain_head SET last_hash = '{last_hash}', last_prev_hash = '{last_prev}'")


def test_a_rewritten_and_rehashed_chain_is_caught_by_an_anchor(runner):
    build_chain()
    anchor_id, anchor_hash = chain_head()
    tamper("UPDATE revisions SET reason = 'rewritten' WHERE id = 2")
    rehash_from(2)
    code, output = verify(runner)
    assert code == 0, output  # without an outside record, a full rewrite is consistent
    result = runner.invoke(args=["audit", "verify", "--anchor", f"{anchor_id}:{anchor_hash}"])
    assert result.exit_code == 1
    assert f"revision {anchor_id}: its hash is not the anchored {anchor_hash}" in result.output


def test_a_rehashed_tail_with_the_head_row_left_alone_is_named(runner):
    build_chain()
    tamper(f"UPDATE revisions SET reason = 'rewritten' WHERE id = {N}")
    forged = db.session.get(Revision, N)
    new_hash = revision_hash(forged)
    db.session.rollback()
    tamper(f"UPDATE revisions SET hash = '{new_hash}' WHERE id = {N}")
    code, output = verify(runner)
    assert code == 1
    assert f"the chain head's hashes are not revision {N}'s (head row edited?)" in output


def test_an_edited_head_row_is_named_and_appends_after_a_repair_verify(runner):
    build_chain()
    tamper("UPDATE revision_chain_head SET last_hash = :hash", hash="e" * 64)
    code, output = verify(runner)
    assert code == 1
    assert f"the chain head's hashes are not revision {N}'s" in output
    newest = db.session.get(Revision, N)
    tamper("UPDATE revision_chain_head SET last_hash = :hash", hash=newest.hash)
    record("create", "source", 99, {"title": [None, "after the repair"]}, TEST_ACTOR)
    db.session.commit()
    code, output = verify(runner)
    assert code == 0, output
    assert f"{N + 1} revisions" in output


def test_anchors_that_match_are_reported_and_bad_ones_refused(runner):
    build_chain()
    anchor_id, anchor_hash = chain_head()
    result = runner.invoke(args=["audit", "verify", "--anchor", f"{anchor_id}:{anchor_hash}"])
    assert result.exit_code == 0 and "1 anchor(s) match" in result.output
    result = runner.invoke(args=["audit", "verify", "--anchor", f"{N + 5}:{anchor_hash}"])
    assert result.exit_code == 1 and f"revision {N + 5} missing (deleted?): it is anchored" in result.output
    result = runner.invoke(args=["audit", "verify", "--anchor", "three:abc"])
    assert result.exit_code == 2 and "expected ID:HASH" in result.output


def test_verify_does_not_depend_on_the_connection_time_zone(app):
    build_chain(3)
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # timestamptz comes back in the session's zone; the hash must still match
            conn.execute(text("SET TIME ZONE 'Asia/Shanghai'"))
            conn.commit()
            created = conn.execute(text("SELECT created_at FROM revisions WHERE id = 1")).scalar_one()
            conn.rollback()
            assert created.utcoffset().total_seconds() == 8 * 3600
        result = verify_chain(conn)
    assert result.ok, result.problem


# --- rows edited into something that cannot be read back -------------------------------------------

def sqlite_only() -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL refuses this write: its columns are typed")


def test_changes_that_are_not_json_are_named_without_a_traceback(runner):
    sqlite_only()  # PostgreSQL's json column refuses text that is not JSON
    build_chain()
    tamper("UPDATE revisions SET changes = '{not json' WHERE id = 4")
    code, output = verify(runner)
    assert code == 1
    assert output.startswith("chain BROKEN: revision 4: unreadable changes: Expecting property name")
    assert output.count("\n") == 1 and "Traceback" not in output
    assert "(3 revisions checked before it)" in output


# A time each database stores but that cannot be read back as a Python datetime.
UNREADABLE_TIMES = {"sqlite": ("yesterday", "'yesterday'"), "postgresql": ("infinity", "after year 10K")}


def test_a_time_that_is_no_time_is_named_without_a_traceback(runner):
    build_chain()
    value, reason = UNREADABLE_TIMES[db.engine.dialect.name]
    tamper("UPDATE revisions SET created_at = :value WHERE id = 5", value=value)
    code, output = verify(runner)
    assert code == 1
    assert output.startswith("chain BROKEN: revision 5: unreadable created_at: ") and reason in output
    assert output.count("\n") == 1 and "Traceback" not in output


def test_an_unreadable_row_mid_batch_is_named_after_the_rows_before_it_are_checked(app):
    build_chain(11)
    value, _ = UNREADABLE_TIMES[db.engine.dialect.name]
    tamper("UPDATE revisions SET created_at = :value WHERE id = 7", value=value)
    with db.engine.connect() as conn:
        result = verify_chain(conn, batch_size=4)
    assert not result.ok and result.count == 6
    assert result.problem.startswith("revision 7: unreadable created_at: ")
    # An earlier problem in the same batch is still the one named first.
    tamper("UPDATE revisions SET reason = 'edited' WHERE id = 6")
    with db.engine.connect() as conn:
        result = verify_chain(conn, batch_size=4)
    assert result.problem == "revision 6: content does not match its hash (edited?)"


def test_a_missing_revision_before_an_unreadable_one_is_named_first(runner):
    build_chain()
    value, _ = UNREADABLE_TIMES[db.engine.dialect.name]
    tamper("DELETE FROM revisions WHERE id = 3", "UPDATE revisions SET created_at = :value WHERE id = 5",
           value=value)
    code, output = verify(runner)
    assert code == 1 and "revision 3 missing (deleted?)" in output


def test_bytes_in_a_text_column_are_named_without_a_traceback(runner):
    sqlite_only()  # PostgreSQL refuses bytes in a text column
    build_chain()
    tamper("UPDATE revisions SET reason = X'41' WHERE id = 2")
    code, output = verify(runner)
    assert code == 1
    assert output.startswith("chain BROKEN: revision 2: content cannot be hashed: ")
    assert output.count("\n") == 1


def test_a_head_row_holding_text_is_named_without_a_traceback(runner):
    sqlite_only()  # PostgreSQL refuses text in an integer column
    build_chain()
    tamper("UPDATE revision_chain_head SET last_id = 'seven'")
    code, output = verify(runner)
    assert code == 1
    assert output == "chain BROKEN: the chain head row is unreadable (edited?) (0 revisions checked before it)\n"


def test_chain_head_is_the_head_row_not_a_row_forged_beyond_it(app):
    build_chain()
    real = chain_head()
    last = db.session.get(Revision, N)
    tamper(
        "INSERT INTO revisions (id, created_at, actor_label, action, entity_type, entity_id, changes, "
        "prev_hash, hash) VALUES (:id, :created_at, 'forger', 'create', 'source', 99, '{}', :prev, :hash)",
        id=N + 1, created_at=last.created_at, prev=last.hash, hash="f" * 64,
    )
    assert real == (N, last.hash)
    assert chain_head() == real
