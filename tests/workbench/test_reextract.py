"""Re-extraction after an engine upgrade keeps reviewer work on claims whose text is unchanged."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from claims import analysis as engine
from tests.conftest import TEST_ACTOR
from tests.factories import ENGLISH, do_import
from workbench.articles import reextraction
from workbench.articles.models import Article
from workbench.articles.reextraction import reextract_article
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.review.models import Claim, Review
from workbench.review.operations import add_review
from workbench.sources.operations import add_evidence


@pytest.fixture
def article(app):
    result = do_import("expo.txt", ENGLISH.encode())
    return db.session.get(Article, result.article_id)


def live_claims(article_id: int) -> list[Claim]:
    return list(db.session.scalars(select(Claim).where(Claim.article_id == article_id, Claim.deleted_at.is_(None))
                                   .order_by(Claim.start_offset)))


def upgraded_engine(drop_text: str | None = None, score: float = 0.99):
    """An 'upgraded' engine: the real one, with one claim dropped and every score changed."""

    def analyse(*args, **kwargs):
        result = engine.analyse(*args, **kwargs)
        sentences = tuple(dataclasses.replace(s, score=score) for s in result.sentences
                          if not (drop_text and drop_text in s.text))
        return dataclasses.replace(result, sentences=sentences)

    return analyse


def test_same_engine_changes_nothing(article):
    before = [(c.id, c.text, c.version) for c in live_claims(article.id)]
    revisions = db.session.scalars(select(Revision.id)).all()
    result = reextract_article(article, TEST_ACTOR, threshold=0.0)
    assert (result.added, result.removed) == (0, 0)
    assert [(c.id, c.text, c.version) for c in live_claims(article.id)] == before
    assert db.session.scalars(select(Revision.id)).all() == revisions


def test_review_work_stays_attached(article, make_user, monkeypatch):
    claims = live_claims(article.id)
    assert len(claims) >= 2
    worked, untouched = claims[0], claims[-1]
    reviewer = make_user("reviewer")
    add_review(worked, (2, "Mostly false"), "checked against the report", reviewer, worked.version)
    add_evidence(worked, {"url": "https://example.org/r"}, "refutes", "", TEST_ACTOR)
    monkeypatch.setattr(reextraction, "analyse", upgraded_engine(drop_text=untouched.text[:30]))

    result = reextract_article(article, TEST_ACTOR, threshold=0.0)

    db.session.refresh(worked)
    assert worked.deleted_at is None and worked.score == 0.99
    assert [r.rationale for r in db.session.scalars(select(Review).where(Review.claim_id == worked.id))] == [
        "checked against the report"]
    db.session.refresh(untouched)
    assert untouched.deleted_at is not None
    assert result.removed == 1 and result.added == 0
    reasons = {r.reason for r in db.session.scalars(select(Revision).where(Revision.claim_id == untouched.id))}
    assert "re-extraction: no longer found by the engine" in reasons


def test_claim_with_work_is_kept_when_engine_drops_it(article, make_user, monkeypatch):
    claim = live_claims(article.id)[0]
    add_review(claim, (5, "True"), "fine", make_user("reviewer"), claim.version)
    monkeypatch.setattr(reextraction, "analyse", upgraded_engine(drop_text=claim.text[:30]))
    result = reextract_article(article, TEST_ACTOR, threshold=0.0)
    db.session.refresh(claim)
    assert claim.deleted_at is None
    assert result.kept_with_work == 1


def test_cli_and_web_reextract(runner, client, login_as, article):
    result = runner.invoke(args=["reextract", str(article.id)])
    assert result.exit_code == 0, result.output
    assert f"article {article.id}:" in result.output
    assert runner.invoke(args=["reextract", "424242"]).exit_code == 1
    assert runner.invoke(args=["reextract"]).exit_code == 2
    login_as("reviewer")
    assert client.post(f"/articles/{article.id}/reextract").status_code == 403
    client.post("/logout")
    login_as("editor")
    assert client.post(f"/articles/{article.id}/reextract").status_code == 302


def test_reextract_flags_a_new_inconsistency(app, monkeypatch):
    from workbench.flags.models import Flag

    text = ("Energy week\n\nShanghai held the Energy Conservation Publicity Week from July 10th to 16th. "
            "On July 10th, the opening ceremony of Publicity Week was held in Aimujia Yiyuan.\n")
    article = db.session.get(Article, do_import("week.txt", text.encode(), {"published": date(2023, 7, 11)}).article_id)
    assert db.session.scalars(select(Flag)).all() == []
    article.raw_text = text.replace("On July 10th", "On June 10th")
    db.session.commit()
    reextract_article(article, TEST_ACTOR, threshold=0.0)
    flags = db.session.scalars(select(Flag)).all()
    assert [f.kind for f in flags] == ["date_outside_span"]


def test_edited_claim_keeps_its_wording(article):
    from workbench.review.operations import update_claim

    claim = live_claims(article.id)[0]
    update_claim(claim, {"text": "A reviewer's clearer wording."}, claim.version, TEST_ACTOR)
    result = reextract_article(article, TEST_ACTOR, threshold=0.0)
    db.session.refresh(claim)
    assert claim.deleted_at is None and claim.text == "A reviewer's clearer wording."
    # Recognised by its span: no duplicate of the engine's wording appears beside it.
    assert (result.added, result.removed) == (0, 0)


def test_edited_claim_without_its_sentence_is_kept(article, monkeypatch):
    from workbench.review.operations import update_claim

    claim = live_claims(article.id)[0]
    original = claim.text
    update_claim(claim, {"text": "A reviewer's clearer wording."}, claim.version, TEST_ACTOR)
    monkeypatch.setattr(reextraction, "analyse", upgraded_engine(drop_text=original[:30]))
    result = reextract_article(article, TEST_ACTOR, threshold=0.0)
    db.session.refresh(claim)
    assert claim.deleted_at is None
    assert result.kept_with_work == 1


def test_a_kind_a_person_chose_survives_reextraction_and_the_engine_kind_follows_the_engine(article, monkeypatch):
    from workbench.review.operations import update_claim

    chosen, untouched = live_claims(article.id)[0], live_claims(article.id)[-1]
    update_claim(chosen, {"kind": "quote"}, chosen.version, TEST_ACTOR)

    def relabelling_engine(*args, **kwargs):
        result = engine.analyse(*args, **kwargs)
        return dataclasses.replace(result, sentences=tuple(dataclasses.replace(s, kind="money")
                                                           for s in result.sentences))

    monkeypatch.setattr(reextraction, "analyse", relabelling_engine)
    reextract_article(article, TEST_ACTOR, threshold=0.0)
    db.session.refresh(chosen)
    db.session.refresh(untouched)
    assert chosen.kind == "quote"
    assert untouched.kind == "money"
