"""Inconsistency flags: detection on import and on demand, flag pages, status changes, manual flags."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import event, func, select

from tests.conftest import TEST_ACTOR, csrf_token_from
from tests.factories import seed
from workbench.articles.models import Article, ArticleKey
from workbench.articles.operations import import_bytes
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.flags import detection
from workbench.flags.detection import detect_all, detect_for_article
from workbench.flags.models import Flag, FlagMember
from workbench.flags.operations import FlagError, change_status, create_manual_flag
from workbench.history.models import Revision
from workbench.review.models import Claim, ClaimValue

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MB = 1024 * 1024


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def flag_of_kind(kind: str) -> Flag:
    return db.session.scalars(select(Flag).where(Flag.kind == kind)).one()


def member_texts(flag: Flag) -> set[str]:
    return {m.text for m in flag.members}


def member_articles(flag: Flag) -> set[int]:
    return {m.claim.article_id for m in flag.members}


# --- detection ---------------------------------------------------------------------------------


def test_seed_import_flags_the_slipped_opening_and_the_translated_end_date(runner):
    articles = seed(runner)
    inside = flag_of_kind("date_outside_span")
    assert member_texts(inside) == {"June 10th", "from July 10th to 16th"}
    assert member_articles(inside) == {articles["004"].id}
    assert inside.detected_by == "system" and inside.status == "open"
    assert "one-month slip" in inside.explanation

    across = flag_of_kind("cross_article_mismatch")
    assert member_texts(across) == {"until November 28", "bis zum 30. November"}
    assert member_articles(across) == {articles["002"].id, articles["003"].id}
    assert f"article {articles['002'].id} says" in across.explanation
    for member in across.members:
        # the value is found by its offsets and carries the engine's normalised form
        assert member.claim_value is not None and member.claim_value.text == member.text
        assert member.value["normalized"]["relation"] == "until"
        assert member.claim.article.body[member.claim_value.start_offset:member.claim_value.end_offset] == member.text

    # the agreeing start date ("26. November" / "November 26") and every other agreeing value: no flag
    assert count(Flag) == 2


def test_flags_from_the_import_are_recorded_for_the_importing_actor(runner):
    seed(runner)
    flag = flag_of_kind("cross_article_mismatch")
    created = db.session.scalars(select(Revision).where(Revision.entity_type == "flag",
                                                        Revision.entity_id == flag.id)).one()
    assert created.action == "create"
    assert created.changes["fingerprint"] == [None, flag.fingerprint]
    assert "workbench seed" in created.actor_label
    member_revisions = db.session.scalars(select(Revision).where(Revision.entity_type == "flag_member")).all()
    assert {r.entity_id for r in member_revisions} == {m.id for f in db.session.scalars(select(Flag))
                                                       for m in f.members}
    assert {r.claim_id for r in member_revisions if r.entity_id in {m.id for m in flag.members}} == {
        m.claim_id for m in flag.members}


def test_story_keys_are_stored_for_each_imported_article(runner):
    articles = seed(runner)
    keys = set(db.session.scalars(select(ArticleKey.key).where(ArticleKey.article_id == articles["003"].id)))
    assert "d:2023-11-26" in keys
    german = set(db.session.scalars(select(ArticleKey.key).where(ArticleKey.article_id == articles["002"].id)))
    assert "d:2023-11-26" in german


def test_running_detection_again_creates_nothing(runner):
    seed(runner)
    before = (count(Flag), count(FlagMember), count(Revision))
    result = runner.invoke(args=["flags", "detect"])
    assert result.exit_code == 0, result.output
    assert "checked 5 articles: 0 new flags, 2 already flagged" in result.output
    assert (count(Flag), count(FlagMember), count(Revision)) == before


def test_detect_command_finds_what_an_import_without_detection_missed(runner, monkeypatch):
    monkeypatch.setattr("workbench.articles.operations.detect_for_article", lambda article, actor: None)
    seed(runner)
    assert count(Flag) == 0
    result = runner.invoke(args=["flags", "detect"])
    assert result.exit_code == 0, result.output
    assert "2 new flags" in result.output
    assert {f.kind for f in db.session.scalars(select(Flag))} == {"date_outside_span", "cross_article_mismatch"}
    labels = set(db.session.scalars(select(Revision.actor_label).where(Revision.entity_type == "flag")))
    assert len(labels) == 1 and "workbench flags detect" in labels.pop()


def test_dismissed_flag_stays_dismissed_after_redetection_and_reimport(runner):
    articles = seed(runner)
    flag = flag_of_kind("cross_article_mismatch")
    change_status(flag, "dismiss", flag.version, TEST_ACTOR, note="the German release was corrected later")
    assert runner.invoke(args=["flags", "detect"]).exit_code == 0
    assert runner.invoke(args=["seed"]).exit_code == 0
    # a re-worded copy of the English release is a new article on the same story
    copy = (SEEDS / "003_69f27c5f03d804c7.txt").read_text(encoding="utf-8") + "\nThe forum was widely reported.\n"
    result = import_bytes("003-copy.txt", copy.encode(), TEST_ACTOR, threshold=0.0, max_bytes=MB,
                          metadata={"published": articles["003"].published, "language": "en"})
    assert result.status == "imported", result.message
    assert runner.invoke(args=["flags", "detect"]).exit_code == 0
    db.session.expire_all()
    same_pair = [f for f in db.session.scalars(select(Flag).where(Flag.kind == "cross_article_mismatch"))
                 if member_articles(f) == {articles["002"].id, articles["003"].id}]
    assert len(same_pair) == 1
    assert same_pair[0].status == "dismissed"
    assert same_pair[0].resolution_note == "the German release was corrected later"
    # the new copy disagrees with the German release too: that is a new finding, flagged once
    with_copy = [f for f in db.session.scalars(select(Flag)) if result.article_id in member_articles(f)]
    assert [member_articles(f) for f in with_copy] == [{articles["002"].id, result.article_id}]


def test_import_and_full_run_agree(runner, monkeypatch):
    seed(runner)
    on_import = {(f.fingerprint, f.explanation) for f in db.session.scalars(select(Flag))}
    for flag in db.session.scalars(select(Flag)):
        for member in flag.members:
            db.session.delete(member)
        db.session.delete(flag)
    db.session.commit()
    detect_all(TEST_ACTOR)
    db.session.commit()
    assert {(f.fingerprint, f.explanation) for f in db.session.scalars(select(Flag))} == on_import


def test_keys_shared_by_too_many_articles_do_not_pair_articles(runner, monkeypatch):
    monkeypatch.setattr("workbench.articles.operations.detect_for_article", lambda article, actor: None)
    articles = seed(runner)
    corpus = detection.Corpus.everything()
    for article_id, doc in corpus.documents.items():
        detection.store_keys(article_id, doc)
    german = articles["002"]
    # with a cap of one article per key every shared key is "common": no candidate, no cross flag
    report = detect_for_article(german, TEST_ACTOR, df_cap=1)
    assert [f.kind for f in report.created] == []
    report = detect_for_article(german, TEST_ACTOR)
    assert [f.kind for f in report.created] == ["cross_article_mismatch"]


def test_candidates_come_from_shared_keys_only(runner):
    articles = seed(runner)
    keys = frozenset(db.session.scalars(select(ArticleKey.key).where(ArticleKey.article_id == articles["002"].id)))
    shared = detection.candidate_articles(articles["002"].id, keys, frozenset())
    assert articles["003"].id in shared
    assert articles["004"].id not in shared  # another story: no uncommon date or number in common
    assert "d:2023-11-26" in shared[articles["003"].id]


def test_a_failing_detection_rolls_back_the_whole_import(app, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("detector crashed")

    monkeypatch.setattr(detection, "create_flags", boom)
    text = (SEEDS / "004_4d7836fb6e9d3cbd.txt").read_bytes()
    with pytest.raises(RuntimeError):
        import_bytes("004.txt", text, TEST_ACTOR, threshold=0.0, max_bytes=MB)
    assert (count(Article), count(Claim), count(ArticleKey), count(Flag), count(Revision)) == (0, 0, 0, 0, 0)


def test_deleted_claims_are_left_out_of_detection(runner, monkeypatch):
    monkeypatch.setattr("workbench.articles.operations.detect_for_article", lambda article, actor: None)
    articles = seed(runner)
    june = db.session.scalars(select(ClaimValue).where(ClaimValue.text == "June 10th")).one()
    june.claim.deleted_at = utc_now()
    db.session.commit()
    report = detect_all(TEST_ACTOR)
    db.session.commit()
    assert [f.kind for f in report.created] == ["cross_article_mismatch"]
    assert articles["004"].id not in {a for f in report.created for a in member_articles(f)}


# --- pages -------------------------------------------------------------------------------------


def test_pages_need_login(client):
    for url in ("/flags", "/flags/1", "/flags/new", "/articles/1/flags"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert client.post("/flags/detect").status_code == 302


def test_flag_list_filters_and_article_list(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    page = client.get("/flags").get_data(as_text=True)
    assert "date outside span" in page and "cross article mismatch" in page
    only = client.get("/flags?kind=date_outside_span").get_data(as_text=True)
    assert "June 10th" in only and "bis zum 30. November" not in only
    assert "No flags match." in client.get("/flags?status=dismissed").get_data(as_text=True)
    assert "June 10th" in client.get("/flags?severity=high&status=open").get_data(as_text=True)
    by_article = client.get(f"/flags?article={articles['002'].id}").get_data(as_text=True)
    assert "bis zum 30. November" in by_article and "June 10th" not in by_article
    nested = client.get(f"/articles/{articles['004'].id}/flags").get_data(as_text=True)
    assert "June 10th" in nested and "bis zum 30. November" not in nested
    assert "No flags match." in client.get(f"/articles/{articles['000'].id}/flags").get_data(as_text=True)


@pytest.mark.parametrize("query", ["status=lost", "severity=huge", "article=abc", "page=0", "page=x"])
def test_bad_filters_are_a_400(client, login_as, query):
    login_as("reviewer")
    response = client.get(f"/flags?{query}")
    assert response.status_code == 400
    assert b"Bad filter" in response.data


def test_unknown_ids_are_404(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    assert client.get("/flags/999").status_code == 404
    assert b"There is no flag 999." in client.get("/flags/999").data
    assert client.post("/flags/999/dismiss", data={"version": "1", "resolution_note": "x"}).status_code == 404
    assert client.get("/articles/999/flags").status_code == 404
    assert client.get("/flags?page=7").status_code == 404


def test_flag_list_costs_the_same_queries_for_few_or_many_flags(app, client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    claim_ids = list(db.session.scalars(select(Claim.id).order_by(Claim.id)))

    def queries_for_list() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/flags").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = queries_for_list()
    for i in range(12):
        create_manual_flag(claim_ids[i:i + 3], "other", "low", f"manual {i}", TEST_ACTOR)
    assert count(Flag) == 14
    assert queries_for_list() == few


def test_list_is_paginated(app, client, login_as, runner):
    seed(runner)
    app.config["PAGE_SIZE"] = 1
    login_as("reviewer")
    first = client.get("/flags?status=open").get_data(as_text=True)
    assert "page 1 of 2" in first and "status=open" in first and "page=2" in first
    assert "page 2 of 2" in client.get("/flags?status=open&page=2").get_data(as_text=True)


def test_flag_page_shows_members_side_by_side_with_context(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("cross_article_mismatch")
    page = client.get(f"/flags/{flag.id}").get_data(as_text=True)
    assert page.count('class="flag-member"') == 2
    assert '<strong class="flag-value">until November 28</strong>' in page
    assert '<strong class="flag-value">bis zum 30. November</strong>' in page
    for member in flag.members:
        body = member.claim.article.body
        assert member.claim.article.title in page
        # some text before the claim is shown as context
        before = body[max(0, member.claim.start_offset - 40):member.claim.start_offset].split()[-1]
        assert before in page


def test_article_page_marks_flagged_claims_and_lists_their_flags(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("date_outside_span")
    page = client.get(f"/articles/{articles['004'].id}").get_data(as_text=True)
    assert page.count('class="claim flagged"') == len({m.claim_id for m in flag.members})
    assert f'href="/flags/{flag.id}"' in page
    clean = client.get(f"/articles/{articles['000'].id}").get_data(as_text=True)
    assert "flagged" not in clean


# --- status changes ----------------------------------------------------------------------------


def test_confirm_dismiss_and_resolve_via_the_web_record_revisions(client, login_as, runner):
    seed(runner)
    user = login_as("reviewer")
    inside = flag_of_kind("date_outside_span")
    across = flag_of_kind("cross_article_mismatch")

    response = client.post(f"/flags/{inside.id}/confirm", data={"version": inside.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert inside.status == "confirmed" and inside.version == 2
    response = client.post(f"/flags/{inside.id}/resolve",
                           data={"version": inside.version, "resolution_note": "Corrected to July 10th."})
    assert response.status_code == 302
    response = client.post(f"/flags/{across.id}/dismiss",
                           data={"version": across.version, "resolution_note": "The 30th is the German edition's."})
    assert response.status_code == 302
    db.session.expire_all()
    assert (inside.status, inside.resolution_note) == ("resolved", "Corrected to July 10th.")
    assert (across.status, across.resolution_note) == ("dismissed", "The 30th is the German edition's.")

    updates = db.session.scalars(select(Revision).where(Revision.action == "update", Revision.entity_type == "flag")
                                 .order_by(Revision.id)).all()
    assert [(r.entity_id, r.changes.get("status"), r.reason) for r in updates] == [
        (inside.id, ["open", "confirmed"], None),
        (inside.id, ["confirmed", "resolved"], "Corrected to July 10th."),
        (across.id, ["open", "dismissed"], "The 30th is the German edition's."),
    ]
    assert updates[2].changes["resolution_note"] == [None, "The 30th is the German edition's."]
    assert {r.actor_id for r in updates} == {user.id}
    page = client.get(f"/flags/{across.id}").get_data(as_text=True)
    assert "The 30th is the German edition&#39;s." in page and "dismissed" in page


def test_dismiss_without_a_reason_is_a_400_and_changes_nothing(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("date_outside_span")
    before = count(Revision)
    response = client.post(f"/flags/{flag.id}/dismiss", data={"version": flag.version, "resolution_note": "  "})
    assert response.status_code == 400
    assert b"Give a reason for dismissing this flag." in response.data
    response = client.post(f"/flags/{flag.id}/resolve", data={"version": flag.version})
    assert response.status_code == 400
    assert b"Say how the inconsistency was resolved." in response.data
    db.session.expire_all()
    assert flag.status == "open" and count(Revision) == before


def test_a_closed_flag_cannot_be_confirmed(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("date_outside_span")
    change_status(flag, "dismiss", flag.version, TEST_ACTOR, note="not a slip")
    response = client.post(f"/flags/{flag.id}/confirm", data={"version": flag.version})
    assert response.status_code == 400
    assert b"This flag is dismissed; it cannot be confirmed now." in response.data
    db.session.expire_all()
    assert flag.status == "dismissed"


def test_bad_version_is_a_400(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("date_outside_span")
    assert client.post(f"/flags/{flag.id}/confirm", data={"version": "abc"}).status_code == 400
    assert client.post(f"/flags/{flag.id}/confirm", data={}).status_code == 400


def test_stale_flag_edit_is_a_409_that_keeps_the_input(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    flag = flag_of_kind("cross_article_mismatch")
    stale = flag.version
    change_status(flag, "confirm", stale, TEST_ACTOR, note="checked against the release")
    response = client.post(f"/flags/{flag.id}/dismiss",
                           data={"version": stale, "resolution_note": "My careful reason"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "My careful reason" in page
    assert "tests" in page  # who saved in between
    assert f'action="/flags/{flag.id}/dismiss"' in page
    db.session.expire_all()
    assert flag.status == "confirmed"
    # resubmitting from the conflict page (it carries the current version) applies the input
    response = client.post(f"/flags/{flag.id}/dismiss",
                           data={"version": flag.version, "resolution_note": "My careful reason"})
    assert response.status_code == 302
    db.session.expire_all()
    assert flag.status == "dismissed"


@pytest.mark.csrf
def test_status_change_needs_the_csrf_token(client, make_user, runner):
    seed(runner)
    user = make_user("reviewer")
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": user.email, "password": "correct horse battery staple",
                                "csrf_token": csrf_token_from(login_page)})
    flag = flag_of_kind("date_outside_span")
    refused = client.post(f"/flags/{flag.id}/confirm", data={"version": flag.version})
    assert refused.status_code == 400
    token = csrf_token_from(client.get(f"/flags/{flag.id}").get_data(as_text=True))
    accepted = client.post(f"/flags/{flag.id}/confirm", data={"version": flag.version, "csrf_token": token})
    assert accepted.status_code == 302
    db.session.expire_all()
    assert flag.status == "confirmed"


# --- manual flags and the detect button --------------------------------------------------------


def hand_flag(client, article_id, claim_ids, *, step="create", **fields):
    """Post the hand-flag form of `article_id` with `claim_ids` ticked, pressing the button of `step`."""
    data = {"article": article_id, "claim_ids": [str(i) for i in claim_ids], "kind": "other", "severity": "low",
            "explanation": "Two exhibitor counts.", step: "1", **fields}
    return client.post("/flags/new", data=data)


def test_reviewer_creates_a_flag_by_hand(client, login_as, runner):
    articles = seed(runner)
    user = login_as("reviewer")
    article = articles["000"]
    claims = db.session.scalars(select(Claim).where(Claim.article_id == article.id, Claim.deleted_at.is_(None))
                                .order_by(Claim.start_offset)).all()
    a, b = claims[0].id, claims[2].id
    form = client.get(f"/flags/new?claim={a}").get_data(as_text=True)
    # every claim of the article is offered, numbered as in its claim table; the one clicked is ticked
    for claim in claims:
        assert f'name="claim_ids" value="{claim.id}"' in form
        assert str(escape(claim.text)) in form
    assert f'value="{a}" id="claim-choice-{a}"' in form
    assert re.search(rf'id="claim-choice-{a}"[^>]*checked', form)
    assert not re.search(rf'id="claim-choice-{b}"[^>]*checked', form)
    assert f'<td id="claim-number-{b}">3</td>' in form

    preview = hand_flag(client, article.id, [a, b], step="preview", kind="value_mismatch", severity="medium")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Nothing is saved yet" in page and "Two exhibitor counts." in page and "value mismatch" in page
    assert str(escape(claims[2].text)) in page and "<td>3</td>" in page
    assert count(Flag) == 2  # the two the seed found; the preview created nothing

    response = hand_flag(client, article.id, [a, b], kind="value_mismatch", severity="medium")
    assert response.status_code == 302
    flag = db.session.scalars(select(Flag).where(Flag.detected_by == "user")).one()
    assert (flag.kind, flag.severity, flag.status, flag.created_by_id, flag.fingerprint) == (
        "value_mismatch", "medium", "open", user.id, None)
    assert [m.claim_id for m in flag.members] == [a, b]
    revisions = db.session.scalars(select(Revision).where(Revision.actor_id == user.id)).all()
    assert sorted((r.entity_type, r.claim_id) for r in revisions) == [
        ("flag", None), ("flag_member", a), ("flag_member", b)]
    assert response.headers["Location"].endswith(f"/flags/{flag.id}")


def test_change_on_the_preview_goes_back_to_the_form_with_the_input_kept(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    a, b = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["000"].id)
                              .order_by(Claim.start_offset).limit(2)).all()
    response = hand_flag(client, articles["000"].id, [a, b], step="change", explanation="Kept as typed.")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Kept as typed." in page and "Preview the flag" in page
    assert re.search(rf'id="claim-choice-{a}"[^>]*checked', page) and re.search(rf'id="claim-choice-{b}"[^>]*checked',
                                                                                page)
    assert count(Flag) == 2


def test_claims_of_another_article_are_refused_with_a_message(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    mine = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["000"].id)
                              .order_by(Claim.start_offset)).first()
    theirs = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["001"].id)).first()
    before = (count(Flag), count(Revision))
    for step in ("preview", "create"):
        response = hand_flag(client, articles["000"].id, [mine, theirs], step=step)
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert f"Claim id {theirs} is not a claim of the article" in page
    assert (count(Flag), count(Revision)) == before


def test_the_operation_refuses_claims_of_another_article(runner):
    articles = seed(runner)
    mine = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["000"].id)).first()
    theirs = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["001"].id)).first()
    with pytest.raises(FlagError, match=f"Claim id {theirs} is not a claim of this article"):
        create_manual_flag([mine, theirs], "other", "low", "x", TEST_ACTOR, article_id=articles["000"].id)


@pytest.mark.parametrize("claim_ids,message", [
    (["{a}"], "A flag links at least two different claims"),
    (["{a}", "{a}"], "A flag links at least two different claims"),
    (["{a}", "x"], "Choose the claims by ticking them"),
    (["{a}", "99999"], "Claim id 99999 is not a claim of the article"),
    (["{a}", "99999999999999999999999"], "Claim id 99999999999999999999999 is not a claim of the article"),
    (["{a}", "{deleted}"], "Claim id {deleted} is not a claim of the article"),
])
def test_bad_manual_flags_are_a_400(client, login_as, runner, claim_ids, message):
    articles = seed(runner)
    login_as("reviewer")
    a, deleted = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["001"].id)
                                    .order_by(Claim.id).limit(2)).all()
    db.session.get(Claim, deleted).deleted_at = utc_now()
    db.session.commit()
    before = (count(Flag), count(Revision))
    ids = [i.format(a=a, deleted=deleted) for i in claim_ids]
    for step in ("preview", "create"):
        response = hand_flag(client, articles["001"].id, ids, step=step)
        assert response.status_code == 400
        assert message.format(deleted=deleted) in response.get_data(as_text=True)
    assert (count(Flag), count(Revision)) == before


@pytest.mark.parametrize("article", ["", "abc", "99999", "99999999999999999999"])
def test_a_hand_flag_without_a_live_article_is_a_400(client, login_as, runner, article):
    seed(runner)
    login_as("reviewer")
    a, b = db.session.scalars(select(Claim.id).order_by(Claim.id).limit(2)).all()
    response = client.post("/flags/new", data={"article": article, "claim_ids": [a, b], "kind": "other",
                                               "severity": "low", "explanation": "x", "create": "1"})
    assert response.status_code == 400
    assert "article" in response.get_data(as_text=True)
    assert count(Flag) == 2


@pytest.mark.parametrize("query,status", [("", 200), ("?article=abc", 400), ("?claim=x1", 400),
                                          ("?article=99999", 404), ("?claim=99999", 404),
                                          ("?claim=99999999999999999999", 400)])
def test_the_hand_flag_form_answers_every_address_without_a_500(client, login_as, runner, query, status):
    articles = seed(runner)
    login_as("reviewer")
    response = client.get(f"/flags/new{query}")
    assert response.status_code == status
    if status == 200:  # no article chosen: a picker of articles
        assert f"/flags/new?article={articles['000'].id}" in response.get_data(as_text=True)


def test_manual_flag_needs_an_explanation_and_a_known_kind(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    a, b = db.session.scalars(select(Claim.id).where(Claim.article_id == articles["000"].id).limit(2)).all()
    for kind, explanation in (("other", ""), ("made_up", "x"), ("cross_article_mismatch", "x")):
        response = hand_flag(client, articles["000"].id, [a, b], kind=kind, explanation=explanation)
        assert response.status_code == 400, kind
    assert count(Flag) == 2


def test_only_editors_run_detection_from_the_web(client, login_as, runner, monkeypatch):
    monkeypatch.setattr("workbench.articles.operations.detect_for_article", lambda article, actor: None)
    seed(runner)
    login_as("reviewer")
    assert client.post("/flags/detect").status_code == 403
    assert b"Detect inconsistencies" not in client.get("/flags").data
    assert count(Flag) == 0


def test_editor_runs_detection_from_the_flag_list(client, login_as, runner, monkeypatch):
    monkeypatch.setattr("workbench.articles.operations.detect_for_article", lambda article, actor: None)
    seed(runner)
    editor = login_as("editor")
    assert b"Detect inconsistencies" in client.get("/flags").data
    response = client.post("/flags/detect", follow_redirects=True)
    assert response.status_code == 200
    assert b"Checked 5 articles: 2 new flags, 0 already flagged." in response.data
    assert set(db.session.scalars(select(Revision.actor_id).where(Revision.entity_type == "flag"))) == {editor.id}
    again = client.post("/flags/detect", follow_redirects=True)
    assert b"0 new flags, 2 already flagged" in again.data


def test_a_finding_stored_concurrently_is_counted_as_known_and_the_rest_goes_on(runner, monkeypatch):
    seed(runner)
    known = {f.fingerprint for f in db.session.scalars(select(Flag))}
    before = (count(Flag), count(FlagMember), count(Revision))
    # as if another detection committed these between our fingerprint check and our insert
    monkeypatch.setattr(detection.db.session, "scalars", _no_stored_fingerprints(detection.db.session.scalars))
    report = detect_all(TEST_ACTOR)
    db.session.commit()
    assert report.created == [] and report.known == len(known) == 2
    assert (count(Flag), count(FlagMember), count(Revision)) == before
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def _no_stored_fingerprints(scalars):
    def patched(statement, *args, **kwargs):
        if "flags.fingerprint" in str(statement) and "flags.fingerprint IN" in str(statement):
            return iter(())
        return scalars(statement, *args, **kwargs)

    return patched
