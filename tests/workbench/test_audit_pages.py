"""Browsing the revision history: audit log with filters, claim and article timelines, diffs, roles."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from tests.conftest import TEST_ACTOR, login
from tests.factories import ENGLISH, do_import, forge_revision_beyond_the_head
from workbench.audit.diffs import Segment, field_changes, line_diff, word_diff
from workbench.extensions import db
from workbench.flags.models import Flag, FlagMember
from workbench.flags.operations import change_status, create_manual_flag
from workbench.history.models import Revision
from workbench.history.queries import chain_head
from workbench.history.recording import Actor, record
from workbench.review.models import Claim
from workbench.review.operations import add_review, update_claim
from workbench.sources.operations import add_evidence


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def page_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


# --- diffs -----------------------------------------------------------------------------------

def test_word_diff_marks_only_the_changed_words():
    segments = word_diff("The ceremony was held on June 10th.", "The ceremony was held on July 10th.")
    assert Segment("delete", "June") in segments and Segment("insert", "July") in segments
    assert "".join(s.text for s in segments if s.op != "insert") == "The ceremony was held on June 10th."
    assert "".join(s.text for s in segments if s.op != "delete") == "The ceremony was held on July 10th."


def test_line_diff_for_multiline_text():
    segments = line_diff("one\ntwo\nthree\n", "one\n2\nthree\n")
    assert segments == (Segment("equal", "one\n"), Segment("delete", "two\n"), Segment("insert", "2\n"),
                        Segment("equal", "three\n"))


def test_field_changes_diff_prose_and_show_other_fields_before_after():
    changes = field_changes({"text": ["a b c", "a x c"], "status": ["unreviewed", "in_review"],
                             "normalized": [None, {"value": 60, "unit": "%"}]})
    by_field = {c.field: c for c in changes}
    assert by_field["text"].segments is not None
    assert by_field["status"].segments is None
    assert (by_field["status"].old, by_field["status"].new) == ("unreviewed", "in_review")
    assert by_field["normalized"].new == '{"unit": "%", "value": 60}'


# --- roles and unknown ids ---------------------------------------------------------------------

def test_reviewers_get_403_on_the_audit_log_and_revisions(client, login_as, claim):
    login_as("reviewer")
    assert client.get("/audit").status_code == 403
    assert client.get("/revisions/1").status_code == 403
    assert client.post("/revisions/1/revert", data={"reason": "x", "version": 1}).status_code == 403


def test_anonymous_users_are_sent_to_login(client, claim):
    for url in ("/audit", f"/claims/{claim.id}/history", f"/articles/{claim.article_id}/history", "/revisions/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_reviewers_see_claim_and_article_history(client, login_as, claim):
    login_as("reviewer")
    assert claim.text in page_of(client, f"/claims/{claim.id}/history")
    assert "History of" in page_of(client, f"/articles/{claim.article_id}/history")


def test_unknown_ids_are_404_with_a_sentence(client, login_as):
    login_as("editor")
    assert "There is no claim 999." in page_of(client, "/claims/999/history", 404)
    assert "There is no article 999." in page_of(client, "/articles/999/history", 404)
    assert "There is no revision 999." in page_of(client, "/revisions/999", 404)


# --- the audit log -----------------------------------------------------------------------------

def test_audit_log_shows_revisions_and_the_head_hash(client, login_as, claim):
    login_as("editor")
    page = page_of(client, "/audit")
    head_id, head_hash = chain_head()
    assert head_hash in page
    assert f'id="revision-{head_id}"' in page
    assert f'href="/revisions/{head_id}"' in page
    assert "Audit log" in page


def test_audit_log_filters_by_user_entity_action_and_date(client, make_user, login_as, claim):
    writer = make_user("reviewer")
    update_claim(claim, {"text": "Rewritten by the writer."}, claim.version, Actor.of(writer))
    login_as("editor")
    page = page_of(client, f"/audit?user={writer.id}")
    rev_ids = [r.id for r in db.session.scalars(select(Revision).where(Revision.actor_id == writer.id))]
    assert len(rev_ids) == 1
    assert f'id="revision-{rev_ids[0]}"' in page and page.count('<tr id="revision-') == 1

    page = page_of(client, "/audit?entity_type=article&action=create")
    assert page.count('<tr id="revision-') == 1

    page = page_of(client, "/audit?action=update&entity_type=claim")
    assert page.count('<tr id="revision-') == 1 and "Rewritten" in page

    # The import and the test users were made by a command-style actor with no user.
    page = page_of(client, "/audit?user=commands&entity_type=claim")
    assert "Rewritten" not in page and page.count('<tr id="revision-') == db.session.scalar(
        select(func.count()).select_from(Revision).where(Revision.actor_id.is_(None), Revision.entity_type == "claim"))

    today = datetime.now(UTC).date()
    assert page_of(client, f"/audit?date_from={today}&date_to={today}&entity_type=article").count(
        '<tr id="revision-') == 1
    tomorrow = today + timedelta(days=1)
    assert "No revisions." in page_of(client, f"/audit?date_from={tomorrow}")


def test_audit_log_bad_filters_are_400_with_a_message(client, login_as, claim):
    login_as("admin")
    assert "Not a valid date value" in page_of(client, "/audit?date_from=yesterday", 400)
    assert "end date is before the start date" in page_of(client, "/audit?date_from=2026-02-02&date_to=2026-01-01",
                                                           400)
    assert "Not a valid choice" in page_of(client, "/audit?action=explode", 400)
    page_of(client, "/audit?page=0", 404)


def test_audit_log_paginates_and_keeps_filters(client, app, login_as):
    app.config["PAGE_SIZE"] = 5
    for i in range(12):
        record("create", "source", i, {"title": [None, f"Source {i}"]}, TEST_ACTOR)
    db.session.commit()
    login_as("editor")
    first = page_of(client, "/audit?entity_type=source")
    assert "page 1 of 3 (12 revisions)" in first
    assert "entity_type=source" in first and "page=2" in first
    third = page_of(client, "/audit?entity_type=source&page=3")
    assert third.count('<tr id="revision-') == 2


def test_audit_log_dates_cover_the_whole_calendar(client, login_as, claim):
    login_as("editor")
    total = db.session.scalar(select(func.count()).select_from(Revision))
    assert 0 < total <= client.application.config["PAGE_SIZE"]
    for query in ("date_to=9999-12-31", "date_from=0001-01-01", "date_from=0001-01-01&date_to=9999-12-31"):
        assert page_of(client, f"/audit?{query}").count('<tr id="revision-') == total, query
    for query in ("date_from=9999-12-31", "date_to=0001-01-01", "date_from=9999-12-31&date_to=9999-12-31"):
        assert "No revisions." in page_of(client, f"/audit?{query}"), query


@pytest.mark.parametrize("page", ["2", "99999999999999999999999", "9223372036854775807"])
def test_pages_past_the_last_are_404_with_a_sentence(client, app, login_as, page):
    app.config["PAGE_SIZE"] = 5
    for i in range(3):
        record("create", "source", i, {"title": [None, f"Source {i}"]}, TEST_ACTOR)
    db.session.commit()
    login_as("editor")
    assert "There is no such page: the last is page 1." in page_of(client, f"/audit?entity_type=source&page={page}",
                                                                    404)


@pytest.mark.parametrize("page", ["99999999999999999999999", "9223372036854775807"])
def test_article_history_pages_past_the_last_are_404(client, login_as, claim, page):
    login_as("reviewer")
    assert "There is no such page" in page_of(client, f"/articles/{claim.article_id}/history?page={page}", 404)


def test_audit_log_shows_the_head_row_not_a_row_forged_beyond_it(client, login_as, claim):
    login_as("editor")
    head_id, head_hash = chain_head()
    newest = db.session.get(Revision, head_id)
    forge_revision_beyond_the_head(newest)
    page = page_of(client, "/audit")
    assert f"revision {head_id}, hash <span class=\"hash\">{head_hash}</span>" in page
    assert "f" * 64 not in page.split("Download this log")[0]


# --- timelines -----------------------------------------------------------------------------------

def test_claim_history_has_values_reviews_evidence_flags_and_word_diffs(client, make_user, login_as, claim):
    editor = make_user("editor")
    actor = Actor.of(editor)
    original = claim.text
    update_claim(claim, {"text": original.replace("Expo", "Fair", 1)}, claim.version, actor)
    add_review(claim, (4, "Mostly true"), "Checked against the organiser's site.", editor, claim.version)
    add_evidence(claim, {"url": "https://example.org/expo", "title": "Organiser"}, "supports", "June 5 to 8", actor)
    flag = Flag(kind="date_conflict", severity="high", explanation="Two dates disagree.", detected_by="user")
    db.session.add(flag)
    db.session.flush()
    db.session.add(FlagMember(flag_id=flag.id, claim_id=claim.id, text=claim.text))
    record("create", "flag", flag.id, {"kind": [None, "date_conflict"]}, actor)
    other_flag = Flag(kind="other", severity="low", explanation="Unrelated.", detected_by="user")
    db.session.add(other_flag)
    db.session.flush()
    record("create", "flag", other_flag.id, {"kind": [None, "other"]}, actor)
    db.session.commit()

    login_as("reviewer")
    page = page_of(client, f"/claims/{claim.id}/history")
    types = set(db.session.scalars(select(Revision.entity_type).where(Revision.claim_id == claim.id)))
    assert {"claim", "review", "evidence"} <= types
    for entity_type in ("claim", "review", "evidence", "flag"):
        assert f"{entity_type} " in page
    assert "Checked against the organiser&#39;s site." in page
    assert "<del>Expo</del><ins>Fair</ins>" in page
    assert f"flag {flag.id}" in page and f"flag {other_flag.id}" not in page
    if any(v for v in claim.values):
        assert "claim value" in page


def test_history_escapes_html_in_changes(client, make_user, login_as, claim):
    editor = make_user("editor")
    update_claim(claim, {"text": "<script>alert(1)</script>"}, claim.version, Actor.of(editor))
    login_as("reviewer")
    page = page_of(client, f"/claims/{claim.id}/history")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_article_history_covers_article_and_its_claims(client, login_as, claim):
    login_as("reviewer")
    page = page_of(client, f"/articles/{claim.article_id}/history")
    article_revs = db.session.scalars(select(Revision.id).where(Revision.article_id == claim.article_id)).all()
    assert article_revs
    for rev_id in article_revs:
        assert f'id="revision-{rev_id}"' in page
    assert "create</strong> article" in page


def test_timelines_do_not_query_per_revision(client, make_user, login_as, claim):
    editor = make_user("editor")
    login_as("editor")

    def count_queries(url: str) -> int:
        statements: list[str] = []

        def before(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            page_of(client, url)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
        return len(statements)

    # One of each entity type first, so the second count differs only in the number of revisions.
    add_evidence(claim, {"url": "https://example.org/first"}, "context", "", Actor.of(editor))
    url = f"/claims/{claim.id}/history"
    few = count_queries(url)
    for i in range(15):
        update_claim(claim, {"text": f"Edit number {i}."}, claim.version, Actor.of(editor))
        add_evidence(claim, {"url": f"https://example.org/{i}"}, "context", "", Actor.of(editor))
    many = count_queries(url)
    assert many == few
    assert count_queries("/audit") == count_queries("/audit?page=1")


def test_audit_log_link_is_in_the_nav_for_editors_only(client, make_user, claim):
    reviewer, editor = make_user("reviewer"), make_user("editor")
    login(client, reviewer)
    assert 'href="/audit"' not in page_of(client, f"/claims/{claim.id}/history")
    other = client.application.test_client()
    login(other, editor)
    assert 'href="/audit"' in page_of(other, f"/claims/{claim.id}/history")


def test_claim_and_article_pages_link_to_their_history(client, login_as, claim):
    login_as("reviewer")
    assert f'href="/claims/{claim.id}/history"' in page_of(client, f"/claims/{claim.id}")
    assert f'href="/articles/{claim.article_id}/history"' in page_of(client, f"/articles/{claim.article_id}")


def test_claim_history_shows_flags_raised_by_the_flags_domain(client, make_user, login_as, claim):
    editor = make_user("editor")
    claims = db.session.scalars(select(Claim).order_by(Claim.id)).all()
    assert len(claims) >= 3, "the test article should have at least three claims"
    first, second, outsider = claims[0], claims[1], claims[2]
    flag = create_manual_flag([first.id, second.id], "other", "high", "These two disagree.", Actor.of(editor))
    change_status(flag, "confirm", flag.version, Actor.of(editor))
    flag_revisions = db.session.scalars(select(Revision.id).where(
        Revision.entity_type == "flag", Revision.entity_id == flag.id)).all()
    assert len(flag_revisions) == 2

    login_as("reviewer")
    for member in (first, second):
        page = page_of(client, f"/claims/{member.id}/history")
        for rev_id in flag_revisions:
            assert f'id="revision-{rev_id}"' in page
    page = page_of(client, f"/claims/{outsider.id}/history")
    assert not any(f'id="revision-{rev_id}"' in page for rev_id in flag_revisions)
    article_page = page_of(client, f"/articles/{first.article_id}/history")
    assert all(f'id="revision-{rev_id}"' in article_page for rev_id in flag_revisions)
