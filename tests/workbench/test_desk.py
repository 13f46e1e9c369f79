"""The desk: queues with URL filters and keyset pages, bulk actions, state names with ratings."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import ENGLISH, do_import
from workbench.core.models import utc_now
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.review.models import Claim
from workbench.review.operations import add_verdict, decide_verdict


@pytest.fixture
def claims(app):
    do_import("expo.txt", ENGLISH.encode())
    return list(db.session.scalars(select(Claim).order_by(Claim.id)))


def sel(*claims) -> list[str]:
    return [f"{c.id}:{c.version}" for c in claims]


def test_overview_counts_queues_and_hides_editor_queue_from_reviewers(client, login_as, claims):
    login_as("reviewer")
    page = client.get("/desk/").get_data(as_text=True)
    assert "Unreviewed" in page and f'<span class="count">{len(claims)}</span>' in page
    assert "Awaiting my approval" not in page
    assert client.get("/desk/queues/awaiting").status_code == 403


def test_desk_needs_login(client, claims):
    assert client.get("/desk/queues/unreviewed").status_code == 302


def test_unknown_queue_and_bad_filters_are_4xx(client, login_as, claims):
    login_as("reviewer")
    assert client.get("/desk/queues/nope").status_code == 404
    assert client.get("/desk/queues/all?article=abc").status_code == 400
    assert client.get("/desk/queues/all?status=bogus").status_code == 400
    assert client.get("/desk/queues/all?since=2023-13-01").status_code == 400
    assert client.get("/desk/queues/all?value_type=colour").status_code == 400


def test_filters_combine_and_stay_in_the_url(client, login_as, claims):
    login_as("reviewer")
    first = claims[0]
    kind = first.kind
    page = client.get(f"/desk/queues/all?kind={kind}&article={first.article_id}").get_data(as_text=True)
    expected = [c for c in claims if c.kind == kind]
    assert all(f'value="{c.id}:' in page for c in expected)
    assert not any(f'value="{c.id}:' in page for c in claims if c.kind != kind)
    page = client.get(f"/desk/queues/all?kind={kind}&article={first.article_id + 999}").get_data(as_text=True)
    assert "No claims match these filters" in page


def test_keyset_pages_cover_every_claim_once(app, client, login_as, claims):
    login_as("reviewer")
    app.config["PAGE_SIZE"] = 2
    seen, url = [], "/desk/queues/unreviewed"
    import re
    for _ in range(len(claims) + 2):
        page = client.get(url).get_data(as_text=True)
        seen += [int(m) for m in re.findall(r'name="claim" value="(\d+):', page)]
        more = re.search(r'href="([^"]+)" rel="next"', page)
        if not more:
            break
        url = more.group(1).replace("&amp;", "&")
    assert sorted(seen) == sorted(c.id for c in claims) and len(seen) == len(set(seen))


def test_states_named_for_what_they_are_with_rating_beside(client, make_user, login_as, claims):
    reviewer = make_user("reviewer")
    editor = login_as("editor")
    claim = claims[0]
    review = add_verdict(claim, (1, "False"), "The programme says otherwise.", reviewer, claim.version)
    decide_verdict(review, editor, review.version, approve=True, note="Checked the programme myself.")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert '<span class="state state-verified">approved</span> <span class="rating">False</span>' in page
    assert "Approver&#39;s note" in page and "Checked the programme myself." in page
    assert ">verified<" not in page
    queue = client.get("/desk/queues/all?status=approved").get_data(as_text=True)
    assert f'value="{claim.id}:' in queue and '<span class="rating">False</span>' in queue
    article = client.get(f"/articles/{claim.article_id}").get_data(as_text=True)
    assert "state-verified" in article


def test_extra_ratings_offered_and_returned_reason_shown(client, make_user, login_as, claims):
    reviewer = login_as("reviewer")
    claim = claims[0]
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Misleading" in page and "Missing context" in page and "Unverifiable" in page
    assert client.post(f"/claims/{claim.id}/reviews", data={"rating": 12, "rationale": "Omits the base year.",
                                                             "version": claim.version}).status_code == 302
    review = db.session.scalars(select(Claim).where(Claim.id == claim.id)).one().verdicts[-1]
    assert review.rating_label == "Missing context"
    decide_verdict(review, make_user("editor"), review.version, approve=False, note="Cite the statistics office.")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "state-disputed\">returned" in page and "Reason returned" in page and "Cite the statistics office." in page
    assert reviewer  # the reviewer sees it on the claim


def test_awaiting_queue_excludes_own_verdicts(client, make_user, login_as, claims):
    editor = login_as("editor")
    other = make_user("reviewer")
    mine, theirs = claims[0], claims[1]
    add_verdict(mine, (5, "True"), "Mine.", editor, mine.version)
    add_verdict(theirs, (5, "True"), "Theirs.", other, theirs.version)
    page = client.get("/desk/queues/awaiting").get_data(as_text=True)
    assert f'value="{theirs.id}:' in page and f'value="{mine.id}:' not in page


def test_bulk_assign_one_revision_per_changed_row(client, make_user, login_as, claims):
    login_as("editor")
    target = make_user("reviewer")
    a, b, c = claims[:3]
    b.assignee_id = target.id
    db.session.commit()
    before = db.session.scalar(select(Revision.id).order_by(Revision.id.desc()).limit(1)) or 0
    response = client.post("/desk/bulk", data={"action": "assign", "assignee": target.id,
                                               "claim": sel(a, b, c), "next": "/desk/queues/all"})
    assert response.status_code == 302 and response.location.endswith("/desk/queues/all")
    revs = list(db.session.scalars(select(Revision).where(Revision.id > before, Revision.entity_type == "claim")))
    assert sorted(r.entity_id for r in revs) == [a.id, c.id]
    assert all(r.changes["assignee_id"][1] == target.id for r in revs)
    login_as("reviewer")
    assert "Assigned to me" in client.get("/desk/").get_data(as_text=True)


def test_bulk_assign_is_for_editors(client, login_as, claims):
    user = login_as("reviewer")
    response = client.post("/desk/bulk", data={"action": "assign", "assignee": user.id, "claim": sel(claims[0])})
    assert response.status_code == 403


def test_bulk_stale_row_refuses_everything(client, login_as, claims):
    login_as("reviewer")
    a, b = claims[:2]
    stale = [f"{a.id}:{a.version}", f"{b.id}:{b.version + 5}"]
    response = client.post("/desk/bulk", data={"action": "status", "status": "in_review", "claim": stale,
                                               "next": "/desk/queues/all"}, follow_redirects=True)
    assert "Nothing was changed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert {db.session.get(Claim, a.id).status, db.session.get(Claim, b.id).status} == {"unreviewed"}


def test_bulk_status_refuses_verdict_states_and_bad_input(client, login_as, claims):
    login_as("reviewer")
    for data in ({"action": "status", "status": "verified", "claim": sel(claims[0])},
                 {"action": "status", "status": "in_review", "claim": ["x:1"]},
                 {"action": "status", "status": "in_review"},
                 {"action": "zap", "claim": sel(claims[0])},
                 {"action": "dismiss", "reason": "", "claim": sel(claims[0])}):
        page = client.post("/desk/bulk", data=data, follow_redirects=True).get_data(as_text=True)
        assert "Nothing was changed" in page
    db.session.expire_all()
    assert db.session.get(Claim, claims[0].id).status == "unreviewed"


def test_bulk_status_changes_rows(client, login_as, claims):
    login_as("reviewer")
    response = client.post("/desk/bulk", data={"action": "status", "status": "in_review", "claim": sel(*claims[:2])})
    assert response.status_code == 302
    db.session.expire_all()
    assert [db.session.get(Claim, c.id).status for c in claims[:2]] == ["in_review", "in_review"]


def test_next_is_local_only(client, login_as, claims):
    login_as("reviewer")
    claim = claims[0]
    response = client.post(f"/claims/{claim.id}/reviews", data={"rating": 5, "rationale": "ok",
                                                                 "version": claim.version,
                                                                 "next": "https://evil.example/"})
    assert response.location.endswith(f"/claims/{claim.id}")


def test_workspace_numbers_claims_and_opens_panel(client, login_as, claims):
    login_as("reviewer")
    claim = sorted(claims, key=lambda c: c.start_offset)[0]
    page = client.get(f"/desk/articles/{claim.article_id}").get_data(as_text=True)
    assert page.count('class="claim-span') == len(claims)
    assert 'data-number="1"' in page and "Choose a claim" in page
    import html as html_module
    values = [v for c in claims for v in c.values]
    assert values and all(f">{html_module.escape(v.text, quote=False)}</mark>" in page for v in values)
    assert "script-src 'self'" in client.get(f"/desk/articles/{claim.article_id}").headers["Content-Security-Policy"]
    page = client.get(f"/desk/articles/{claim.article_id}?claim={claim.id}").get_data(as_text=True)
    assert "claim 1 of" in page and "Save and next" in page and 'aria-current="true"' in page
    assert 'style=' not in page and "<script>" not in page
    second = sorted(claims, key=lambda c: c.start_offset)[1]
    assert f"claim={second.id}#panel\" data-key=\"next\"" in page


def test_workspace_bad_ids(client, login_as, claims):
    login_as("reviewer")
    assert client.get("/desk/articles/999999").status_code == 404
    assert client.get(f"/desk/articles/{claims[0].article_id}?claim=999999").status_code == 404


def test_save_and_next_goes_to_the_next_claim(client, login_as, claims):
    login_as("reviewer")
    ordered = sorted(claims, key=lambda c: c.start_offset)
    first, second = ordered[:2]
    target = f"/desk/articles/{first.article_id}?claim={second.id}#panel"
    response = client.post(f"/claims/{first.id}/reviews", data={"rating": 11, "rationale": "Cherry-picked.",
                                                                 "version": first.version, "next": target})
    assert response.status_code == 302 and response.location.endswith(target)
    db.session.expire_all()
    assert db.session.get(Claim, first.id).status == "proposed"


def test_readable_values():
    from workbench.review.readable import readable_value
    assert readable_value("date", {"date": "2023-07-10", "year_inferred": True}) == "10 July 2023, year inferred"
    assert readable_value("percent", {"value": 60, "unit": "%", "qualifier": "about"}) == "about 60%"
    assert readable_value("rank", {"rank": 5, "of": 197}) == "rank 5 of 197"
    assert readable_value("date", {"date": "2024-06", "year_inferred": True}) == "June 2024, year inferred"
    assert readable_value("quantity", {"value": 600, "unit": "enterprises", "qualifier": "more_than"}) == \
        "more than 600 enterprises"
    # Times of day and weekdays the text does not date (the engine leaves the date empty).
    assert readable_value("date", {"date": None, "precision": "time", "time": "20:00"}) == "at 20:00, date not given"
    assert readable_value("date", {"date": None, "weekday": "sunday", "year_inferred": True}) == "Sunday"
    assert readable_value("date", {"date": "2023-07-10", "precision": "day", "time": "20:00"}) == "10 July 2023, 20:00"


def test_search_finds_word_prefixes_and_highlights(client, login_as, claims):
    login_as("reviewer")
    page = client.get("/desk/search?q=enterpr").get_data(as_text=True)
    assert "<mark>enterprises</mark>" in page
    ranked = [c for c in claims if "197" in c.text]
    assert ranked and f"claim={ranked[0].id}" not in page  # only claims with the word
    page = client.get("/desk/search?q=tsinghua+ranks").get_data(as_text=True)
    assert "<mark>Tsinghua</mark>" in page and "<mark>ranks</mark>" in page
    assert "No claim has all these words" in client.get("/desk/search?q=zebra").get_data(as_text=True)
    assert "<mark>Carbon</mark>" in client.get("/desk/search?q=carb").get_data(as_text=True)  # the article title


def test_search_escapes_and_refuses_bad_queries(client, login_as, claims):
    login_as("reviewer")
    assert client.get("/desk/search?q=%25%25%25").status_code == 400
    assert client.get("/desk/search?q=" + "+".join(f"w{i}" for i in range(9))).status_code == 400
    page = client.get("/desk/search?q=%3Cscript%3E").get_data(as_text=True)
    assert "<script>" not in page
    assert client.get("/desk/search").status_code == 200


def test_search_pages(app, client, login_as, claims):
    login_as("reviewer")
    app.config["PAGE_SIZE"] = 1
    import re
    seen, url = [], "/desk/search?q=t"  # The, together, to: all three claims
    for _ in range(5):
        page = client.get(url).get_data(as_text=True)
        seen += re.findall(r"claim=(\d+)#panel", page)
        more = re.search(r'href="([^"]+)" rel="next"', page)
        if not more:
            break
        url = more.group(1).replace("&amp;", "&")
    assert sorted(map(int, seen)) == sorted(c.id for c in claims)


def test_dashboard_draws_counts_and_changes_after_work(client, make_user, login_as, claims):
    editor = login_as("editor")
    page = client.get("/desk/dashboard").get_data(as_text=True)
    assert f"unreviewed: {len(claims)}; in review: 0" in page and "<svg" in page
    reviewer = make_user("reviewer")
    review = add_verdict(claims[0], (11, "Misleading"), "Cherry-picked.", reviewer, claims[0].version)
    decide_verdict(review, editor, review.version, approve=True)
    page = client.get(f"/desk/dashboard?article={claims[0].article_id}").get_data(as_text=True)
    assert f"unreviewed: {len(claims) - 1}" in page and "approved: 1" in page and "Misleading: 1" in page
    assert f"{reviewer.name}: 1" in page or f"{reviewer.name}: 2" in page
    assert "style=" not in page


def test_dashboard_bad_article(client, login_as, claims):
    login_as("reviewer")
    assert client.get("/desk/dashboard?article=x").status_code == 400
    assert client.get("/desk/dashboard?article=99999").status_code == 404


def test_add_missed_claim_from_a_selection(client, login_as, claims):
    login_as("reviewer")
    article = claims[0].article
    for c in claims:
        c.deleted_at = None
    body = article.body
    title_end = body.index("\n")
    # The test app stores every sentence as a claim: the title's claim stands for one the engine missed.
    for c in claims:
        if c.article_id == article.id and c.start_offset < title_end:
            c.deleted_at = utc_now()
    db.session.commit()
    response = client.post(f"/desk/articles/{article.id}/claims",
                           data={"start": 0, "end": title_end, "version": article.version})
    assert response.status_code == 302
    added = db.session.scalars(select(Claim).where(Claim.origin == "manual")).one()
    assert added.text == body[:title_end] and added.score == 1.0
    assert any(v.type == "date" for v in added.values) or added.kind == "manual"
    revs = list(db.session.scalars(select(Revision).where(Revision.claim_id == added.id)))
    assert revs[0].action == "create" and revs[0].reason == "a claim the engine missed"


def test_add_missed_claim_refuses_bad_selections(client, login_as, claims):
    login_as("reviewer")
    article = claims[0].article
    cases = [({"start": 5, "end": 2, "version": article.version}, "outside"),
             ({"start": 0, "end": 10 ** 7, "version": article.version}, "outside"),
             ({"start": claims[1].start_offset, "end": claims[1].end_offset, "version": article.version}, "overlaps"),
             ({"start": 0, "end": 4, "version": article.version + 3}, "text changed")]
    for data, message in cases:
        page = client.post(f"/desk/articles/{article.id}/claims", data=data, follow_redirects=True)
        assert message in page.get_data(as_text=True), message
    assert client.post(f"/desk/articles/{article.id}/claims", data={"start": "x"}).status_code == 400
    assert client.post("/desk/articles/99999/claims", data={"start": 0, "end": 1}).status_code == 404
    assert db.session.scalars(select(Claim).where(Claim.origin == "manual")).first() is None


def test_not_a_claim_needs_a_reason_and_is_recorded(client, login_as, claims):
    login_as("reviewer")
    claim = claims[0]
    page = client.post(f"/desk/claims/{claim.id}/not-a-claim", data={"reason": " ", "version": claim.version},
                       follow_redirects=True).get_data(as_text=True)
    assert "say why this is not a claim" in page
    response = client.post(f"/desk/claims/{claim.id}/not-a-claim", data={"reason": "a headline",
                                                                    "version": claim.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).deleted_at is not None
    rev = db.session.scalars(select(Revision).where(Revision.claim_id == claim.id).order_by(Revision.id.desc())).first()
    assert rev.action == "delete" and rev.reason == "not a claim: a headline"


def test_comment_with_mention_reaches_the_mentions_queue(client, make_user, login_as, claims):
    anna = make_user("reviewer", email="anna@desk.example.org")
    author = login_as("reviewer")
    claim = claims[0]
    response = client.post(f"/desk/claims/{claim.id}/comments", data={"body": "@anna can you check the date?"})
    assert response.status_code == 302
    page = client.get(f"/desk/articles/{claim.article_id}?claim={claim.id}").get_data(as_text=True)
    assert "@anna can you check the date?" in page and author.name in page
    rev = db.session.scalars(select(Revision).where(Revision.entity_type == "comment")).one()
    assert rev.changes["mentions"] == [None, [anna.id]] and rev.claim_id == claim.id
    from tests.conftest import login
    login(client, anna)
    page = client.get("/desk/queues/mentions").get_data(as_text=True)
    assert f'value="{claim.id}:' in page and f'value="{claims[1].id}:' not in page


def test_comment_refuses_unknown_mention_and_empty_body(client, login_as, claims):
    login_as("reviewer")
    claim = claims[0]
    page = client.post(f"/desk/claims/{claim.id}/comments", data={"body": "ask @nobody"},
                       follow_redirects=True).get_data(as_text=True)
    assert "no single active user is called @nobody" in page
    page = client.post(f"/desk/claims/{claim.id}/comments", data={"body": "  "},
                       follow_redirects=True).get_data(as_text=True)
    assert "write a comment first" in page
    assert client.post("/desk/claims/99999/comments", data={"body": "x"}).status_code == 404
    from workbench.desk.models import Comment
    assert db.session.scalars(select(Comment)).first() is None


def test_story_filter_keeps_the_claims_of_every_article_on_the_story(client, login_as, runner):
    from tests.factories import seed
    articles = seed(runner)
    login_as("reviewer")
    story = {articles["003"].id, articles["002"].id}  # an English original and its German press release
    page = client.get(f"/desk/queues/all?story={articles['003'].id}").get_data(as_text=True)
    shown = {c.article_id for c in db.session.scalars(select(Claim).where(Claim.deleted_at.is_(None)))
             if f'name="claim" value="{c.id}:' in page}
    assert shown == story
    assert f'name="story" inputmode="numeric" size="6" value="{articles["003"].id}"' in page


def test_story_filter_of_an_unknown_article_is_400(client, login_as, claims):
    login_as("reviewer")
    response = client.get("/desk/queues/all?story=99999")
    assert response.status_code == 400 and b"there is no article 99999" in response.data


def test_overview_counts_state_queues_exactly_and_caps_the_others(client, login_as, claims, monkeypatch):
    monkeypatch.setattr("workbench.desk.queues.COUNT_CAP", 2)
    user = login_as("editor")
    for claim in claims:
        claim.assignee_id = user.id
    db.session.commit()
    page = client.get("/desk/").get_data(as_text=True)
    assert f'Unreviewed</strong> <span class="count">{len(claims)}</span>' in page  # from the summary counts
    assert 'Assigned to me</strong> <span class="count">2+</span>' in page  # counting stopped at the cap
    claims[0].deleted_at = utc_now()
    db.session.commit()
    page = client.get("/desk/").get_data(as_text=True)
    assert f'Unreviewed</strong> <span class="count">{len(claims) - 1}</span>' in page


def test_whole_desk_dashboard_counts_verdicts_at_most_once_a_minute_and_says_when(app, client, make_user,
                                                                                  login_as, claims):
    app.config["DASHBOARD_MAX_AGE_SECONDS"] = 60
    editor = login_as("editor")
    first = client.get("/desk/dashboard").get_data(as_text=True)
    assert "as counted at" in first and "Misleading: 1" not in first
    review = add_verdict(claims[0], (11, "Misleading"), "Cherry-picked.", make_user("reviewer"), claims[0].version)
    decide_verdict(review, editor, review.version, approve=True)
    page = client.get("/desk/dashboard").get_data(as_text=True)
    assert "approved: 1" in page  # states come from the live counts
    assert "Misleading: 1" not in page  # the verdict chart is the one counted a moment ago
    assert "Misleading: 1" in client.get(f"/desk/dashboard?article={claims[0].article_id}").get_data(as_text=True)
    app.config["DASHBOARD_MAX_AGE_SECONDS"] = 0
    page = client.get("/desk/dashboard").get_data(as_text=True)
    assert "Misleading: 1" in page and "as counted at" not in page
