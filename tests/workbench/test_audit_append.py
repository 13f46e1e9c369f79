"""The append path hashes exactly what verification recomputes, whatever the content."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import TEST_ACTOR
from workbench.audit.verify import verify_chain
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history import recording
from workbench.history.models import Revision
from workbench.history.recording import canonical_content, canonical_parts, jsonable, record, revision_hash

TRICKY = {
    "text": ['Er sagte: "bis zum 30. November" — ok', "Zehntausende Gäste \u2028 ✓ 沪ICP"],
    "id": [0, 1],
    "prev_hash": ["", '","prev_hash":"'],
    "nested": [None, {"id": 0, "prev_hash": "", "list": [1.5, None, True]}],
}


def test_canonical_parts_rebuild_the_canonical_content():
    row = {"created_at": utc_now(), "actor_id": None, "actor_label": "tests", "action": "update",
           "entity_type": "claim", "entity_id": 7, "claim_id": 7, "article_id": 3, "changes": jsonable(TRICKY),
           "reason": 'a "quoted" reason'}
    before, after = canonical_parts(row)
    prev = "ab" * 32
    rebuilt = before + "42" + ',"prev_hash":"' + prev + after
    expected = canonical_content(type("Row", (), {**row, "id": 42, "prev_hash": prev})()).decode()
    assert rebuilt == expected


@pytest.mark.parametrize("path", sorted(recording.APPEND_PATHS))
def test_tricky_content_is_stored_and_verifies(app, monkeypatch, path):
    """Both append paths (statements on the driver's cursor, and through Connection.execute) write
    rows that verify: if a SQLAlchemy upgrade changes the internals the driver path relies on
    (compiled positiontup, bind processors, loaded_dbapi), this fails loudly here."""
    monkeypatch.setattr(recording, "append_path", path)
    for n in range(3):
        record("update", "claim", n, TRICKY, TEST_ACTOR, claim_id=n, reason=f'reason "{n}" ✓')
    db.session.commit()
    revisions = db.session.scalars(select(Revision).order_by(Revision.id)).all()
    assert [r.hash for r in revisions] == [revision_hash(r) for r in revisions]
    assert revisions[1].prev_hash == revisions[0].hash
    db.session.commit()  # on SQLite the test's read transaction would hold the lock verify needs
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok
