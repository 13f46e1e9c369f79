"""Fixtures the app tests share (the data they build on is in tests/factories.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import TEST_ACTOR
from tests.factories import ENGLISH, do_import
from workbench.extensions import db
from workbench.flags.operations import create_manual_flag
from workbench.review.models import Claim
from workbench.review.operations import add_review, decide_review
from workbench.sources.operations import add_evidence


@pytest.fixture
def desk(app, make_user):
    """The expo article: claim 0 verified with evidence, claim 1 proposed, claim 2 unreviewed; a flag on 0 and 1."""
    do_import("expo.txt", ENGLISH.encode())
    reviewer, editor = make_user("reviewer"), make_user("editor")
    # The body's sentences (app tests store every sentence as a claim; the headline is left out here).
    claims = [c for c in db.session.scalars(select(Claim).order_by(Claim.id)) if c.text != "Expo to open in June"]
    assert len(claims) >= 3
    verified, proposed = claims[0], claims[1]
    add_evidence(verified, {"url": "https://example.org/expo", "title": "Expo programme", "publisher": "Expo office"},
                 "supports", "June 5 to 8", TEST_ACTOR)
    review = add_review(verified, (5, "True"), "The programme lists June 5 to 8.", reviewer, verified.version)
    decide_review(review, editor, review.version, approve=True)
    add_review(proposed, (2, "Mostly false"), "Fewer firms registered.", reviewer, proposed.version)
    create_manual_flag([verified.id, proposed.id], "value_mismatch", "low", "Numbers disagree.", TEST_ACTOR)
    db.session.commit()
    return {"verified": verified, "proposed": proposed, "unreviewed": claims[2], "editor": editor,
            "reviewer": reviewer}
