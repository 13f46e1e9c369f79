"""Pages with several forms and conflict pages, clicked through in Chromium (issue 12).

The same sweep as tests/workbench/test_forms.py, through real clicks: on every page with more
than one form, a refused form leaves every other form showing the stored values (read as the
browser would submit them, with FormData), and saving another form changes only its own fields
(read back from the database); on every conflict page, "Save my input over version N" saves the
first time, and shows the newest state when a third person saved meanwhile.

Each save "by someone else" runs through the same operations as the web forms, in the test.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, sync_api
from workbench.articles.models import Article
from workbench.auth.models import User
from workbench.auth.operations import create_user, update_user
from workbench.extensions import db
from workbench.flags.models import Flag
from workbench.flags.operations import change_status
from workbench.history.models import Revision
from workbench.history.recording import Actor
from workbench.review.models import Claim, Verdict
from workbench.review.operations import add_verdict, update_claim
from workbench.sources.models import Evidence
from workbench.sources.operations import add_evidence, update_evidence

OTHERS = Actor(None, "someone else")

# What each POST form of the page would submit, by action, the CSRF token left out (it is per page).
READ_FORMS = """() => Object.fromEntries(Array.from(document.querySelectorAll('form[method=post]')).map(f =>
  [f.getAttribute('action'), Array.from(new FormData(f).entries()).filter(([k]) => k !== 'csrf_token')]))"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, browser):
    """The live app with the seed, an admin, a reviewer and an inactive reviewer; a fresh browser context."""
    app, base = live_server
    with app.app_context():
        for email, role in (("boss@example.org", "admin"), ("rev@example.org", "reviewer"),
                            ("rev2@example.org", "reviewer"), ("sleeper@example.org", "reviewer")):
            create_user(email, PASSWORD, role, Actor(None, "tests"), name=email.split("@")[0])
        db.session.commit()
        # the seed's admin is made inactive too, so that boss@ is the last active admin
        for sleeper in db.session.scalars(select(User).where(User.email.in_(["sleeper@example.org",
                                                                             "admin@example.org"]))).all():
            update_user(sleeper, {"is_active": False}, sleeper.version, Actor(None, "tests"))
        db.session.remove()
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Site(app, base, page)
    context.close()


@dataclass
class Site:
    app: object
    base: str
    page: object

    def run(self, fn: Callable):
        """`fn()` in the app, its session ended afterwards (the server thread reads the same database)."""
        with self.app.app_context():
            try:
                return fn()
            finally:
                db.session.remove()

    def login(self, email: str) -> None:
        self.page.goto(f"{self.base}/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base}/")

    def goto(self, path: str) -> None:
        self.page.goto(f"{self.base}{path}")

    def forms(self) -> dict[str, list]:
        return self.page.evaluate(READ_FORMS)

    def form(self, action: str):
        return self.page.locator(f'form[action="{action}"]')


def assert_others_as_stored(stored: dict, shown: dict, refused: str) -> None:
    assert set(stored) == set(shown)
    for action, values in stored.items():
        if action != refused:
            assert shown[action] == values, f"form {action} was redrawn with other values"


def user_rows(site: Site) -> dict[str, tuple]:
    return site.run(lambda: {u.email: (u.role, u.is_active, u.version) for u in db.session.scalars(select(User))})


def _claim_with_verdict_and_source(site: Site) -> int:
    def make():
        claim = db.session.scalars(select(Claim).where(Claim.deleted_at.is_(None)).order_by(Claim.id)).first()
        reviewer = db.session.scalars(select(User).where(User.email == "rev@example.org")).one()
        update_claim(claim, {"kind": "statistic", "assignee_id": reviewer.id}, claim.version, OTHERS)
        add_verdict(claim, (4, "Mostly true"), "Matches the release.", reviewer, claim.version)
        add_evidence(claim, {"url": "https://example.org/release", "title": "Release", "kind": "report"},
                     "supports", "the quote", OTHERS)
        return claim.id
    return site.run(make)


def claim_state(site: Site, claim_id: int) -> tuple:
    return site.run(lambda: (lambda c: (c.text, c.kind, c.status, c.assignee_id))(db.session.get(Claim, claim_id)))


def test_multi_form_pages_refuse_one_form_and_leave_the_others_as_stored(site):
    page = site.page
    site.login("e2e@example.org")

    # the claim page: each of its forms refused in turn (inputs only the server refuses)
    claim_id = _claim_with_verdict_and_source(site)
    url = f"/claims/{claim_id}"
    refusals = {
        f"{url}/evidence": (lambda f: (f.locator("[name=url]").fill("javascript:alert(1)"),
                                       f.locator("[name=kind]").select_option("official"),
                                       f.locator("[name=quote]").fill("typed quote")), "Attach source"),
        f"{url}/reviews": (lambda f: (f.locator("[name=rating]").select_option("2"),
                                      f.locator("[name=rationale]").fill("   ")), "Record verdict"),
        f"{url}/edit": (lambda f: (f.locator("[name=text]").fill("   "), f.locator("[name=kind]").fill("typed-kind")),
                        "Save claim"),
    }
    before = claim_state(site, claim_id)
    for action, (fill, button) in refusals.items():
        site.goto(url)
        stored = site.forms()
        assert any(a.startswith("/reviews/") for a in stored) and any(a.startswith("/evidence/") for a in stored)
        fill(site.form(action))
        with page.expect_navigation():
            site.form(action).locator(f"input[value='{button}']").click()
        assert page.locator(".errors").count() >= 1
        shown = site.forms()
        assert_others_as_stored(stored, shown, action)
        assert claim_state(site, claim_id) == before
        if action.endswith("/evidence"):
            # the refused form keeps its own input
            assert ["kind", "official"] in shown[action] and ["quote", "typed quote"] in shown[action]
            # then "Save claim", as drawn after the refusal, changes only the text typed into it
            site.form(f"{url}/edit").locator("[name=text]").fill("Retyped in the browser.")
            site.form(f"{url}/edit").locator("input[value='Save claim']").click()
            page.wait_for_selector("text=Claim saved.")
            assert claim_state(site, claim_id) == ("Retyped in the browser.", *before[1:])
            before = claim_state(site, claim_id)

    # the users page: a refused self-demotion, then a note on the editor's row, then one row's role
    site.login("boss@example.org")
    site.goto("/admin/users")
    stored = site.forms()
    rows = user_rows(site)
    ids = site.run(lambda: {u.email: u.id for u in db.session.scalars(select(User))})
    mine = site.form(f"/admin/users/{ids['boss@example.org']}")
    mine.locator("select[name=role]").select_option("reviewer")
    mine.locator("input[name=is_active]").uncheck()
    with page.expect_navigation():
        mine.locator("input[value=Save]").click()
    assert "last active admin" in page.content()
    assert_others_as_stored(stored, site.forms(), f"/admin/users/{ids['boss@example.org']}")
    editor_row = site.form(f"/admin/users/{ids['e2e@example.org']}")
    editor_row.locator("input[name=reason]").fill("noted")
    editor_row.locator("input[value=Save]").click()
    page.wait_for_selector("text=e2e@example.org: role editor, active.")
    assert user_rows(site) == {**rows, "e2e@example.org": (*rows["e2e@example.org"][:2], rows["e2e@example.org"][2])}
    for email, change in (("rev@example.org", "role"), ("sleeper@example.org", "active")):
        before_rows = user_rows(site)
        row = site.form(f"/admin/users/{ids[email]}")
        if change == "role":
            row.locator("select[name=role]").select_option("editor")
        else:
            row.locator("input[name=is_active]").check()
        with page.expect_navigation():
            row.locator("input[value=Save]").click()
        after = user_rows(site)
        assert after[email] != before_rows[email]
        assert {k: v for k, v in after.items() if k != email} == {k: v for k, v in before_rows.items() if k != email}
    assert user_rows(site)["rev@example.org"][:2] == ("editor", True)
    assert user_rows(site)["sleeper@example.org"][:2] == ("reviewer", True)

    # the flag page: a dismissal without a reason, then a confirm from the re-shown page
    flag_id = site.run(lambda: db.session.scalars(select(Flag.id).where(Flag.status == "open")).first())
    site.goto(f"/flags/{flag_id}")
    stored = site.forms()
    dismiss = site.form(f"/flags/{flag_id}/dismiss")
    dismiss.locator("textarea").fill("   ")
    with page.expect_navigation():
        dismiss.locator("input[type=submit]").click()
    assert_others_as_stored(stored, site.forms(), f"/flags/{flag_id}/dismiss")
    site.form(f"/flags/{flag_id}/confirm").locator("input[type=submit]").click()
    page.wait_for_selector(f"text=Flag {flag_id} confirmed.")
    assert site.run(lambda: (lambda f: (f.status, f.resolution_note))(db.session.get(Flag, flag_id))) == (
        "confirmed", None)

    # the article page: a removal without a reason leaves re-extraction as it was, and nothing removed
    article_id = site.run(lambda: db.session.get(Claim, claim_id).article_id)
    site.goto(f"/articles/{article_id}")
    stored = site.forms()
    removal = site.form(f"/articles/{article_id}/delete")
    removal.locator("input[name=reason]").fill("   ")
    with page.expect_navigation():
        removal.locator("input[type=submit]").click()
    assert "Say why the article is removed." in page.content()
    assert_others_as_stored(stored, site.forms(), f"/articles/{article_id}/delete")
    assert not site.run(lambda: db.session.get(Article, article_id).is_deleted)


# --- conflict pages -----------------------------------------------------------------------------


@dataclass
class Conflict:
    name: str
    page: str
    action: str
    fill: Callable  # fill(form locator): A's input
    save: Callable  # save(n): the n-th save by someone else (in the app); returns text then shown
    done: Callable  # done(): whether A's input is saved (in the app)


def _claims() -> list[Claim]:
    return list(db.session.scalars(select(Claim).where(Claim.deleted_at.is_(None)).order_by(Claim.id)))


def _user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def conflicts(site: Site) -> list[Conflict]:
    """One case per conflict page, each on its own rows so that they do not interfere."""

    def make():
        claims = _claims()
        edit_id, verdict_id, decision_claim, removal_claim, revert_id = (c.id for c in claims[1:6])
        decided = add_verdict(claims[3], (4, "Mostly true"), "Rationale.", _user("rev@example.org"), claims[3].version)
        evidence = add_evidence(claims[4], {"url": "https://example.org/r", "title": "R"}, "supports", "q", OTHERS)
        c = claims[5]
        update_claim(c, {"text": "Text to go back to."}, c.version, OTHERS)
        update_claim(c, {"text": "Text after it."}, c.version, OTHERS)
        rev = db.session.scalars(select(Revision).where(Revision.entity_type == "claim", Revision.entity_id == c.id)
                                 .order_by(Revision.id.desc())).all()[1]
        flag_id = db.session.scalars(select(Flag.id).where(Flag.status == "open").order_by(Flag.id)).first()
        article_id = db.session.scalars(select(Article.id).order_by(Article.id.desc())).first()
        return (edit_id, verdict_id, decision_claim, decided.id, removal_claim, evidence.id, revert_id, rev.id,
                flag_id, article_id, _user("rev2@example.org").id)

    (edit_id, verdict_id, decision_claim, review_id, removal_claim, evidence_id, revert_id, rev_id, flag_id,
     article_id, user_id) = site.run(make)

    def claim_save(claim_id, field):
        def save(n):
            c = db.session.get(Claim, claim_id)
            update_claim(c, {field: f"Saved by person {n + 1}"}, c.version, OTHERS)
            return f"Saved by person {n + 1}"
        return save

    def verdict_save(n):
        c = db.session.get(Claim, verdict_id)
        add_verdict(c, (n, "False" if n == 1 else "Mostly false"), f"Verdict of person {n + 1}",
                   _user("rev@example.org" if n == 1 else "rev2@example.org"), c.version)
        return f"Verdict of person {n + 1}"

    def review_save(n):
        # No web form edits a proposed verdict in place; a direct edit stands for someone's save.
        r = db.session.get(Verdict, review_id)
        r.rationale = f"Rationale fixed by person {n + 1}"
        db.session.commit()
        return f"version {r.version}"

    def evidence_save(n):
        e = db.session.get(Evidence, evidence_id)
        update_evidence(e, {"quote": f"quote by person {n + 1}"}, e.version, OTHERS)
        return f"version {e.version}"

    def article_save(n):
        # Only removal edits an article through the web; a direct edit stands for someone's save.
        a = db.session.get(Article, article_id)
        a.outlet = f"Outlet of person {n + 1}"
        db.session.commit()
        return f"version {a.version}"

    def flag_save(n):
        f = db.session.get(Flag, flag_id)
        if n == 1:
            change_status(f, "confirm", f.version, OTHERS, note="B confirms.")
            return "confirmed"
        f.severity = "high" if f.severity != "high" else "low"  # confirmed is the last open state
        db.session.commit()
        return f"version {f.version}"

    def user_save(n):
        u = db.session.get(User, user_id)
        update_user(u, {"role": "editor"} if n == 1 else {"is_active": False}, u.version, OTHERS)
        return f"version {u.version}"

    def fill_user(form):
        form.locator("select[name=role]").select_option("admin")
        form.locator("input[name=is_active]").check()

    def latest_review(claim_id):
        return db.session.scalars(select(Verdict).where(Verdict.claim_id == claim_id)
                                  .order_by(Verdict.id.desc())).first()

    return [
        Conflict("claim edit", f"/claims/{edit_id}", f"/claims/{edit_id}/edit",
                 lambda f: f.locator("[name=text]").fill("A's careful rewrite."), claim_save(edit_id, "text"),
                 lambda: db.session.get(Claim, edit_id).text == "A's careful rewrite."),
        Conflict("verdict", f"/claims/{verdict_id}", f"/claims/{verdict_id}/reviews",
                 lambda f: (f.locator("[name=rating]").select_option("3"),
                            f.locator("[name=rationale]").fill("A's rationale.")), verdict_save,
                 lambda: latest_review(verdict_id).rationale == "A's rationale."),
        Conflict("verdict approval", f"/claims/{decision_claim}", f"/reviews/{review_id}/approve",
                 lambda f: f.locator("[name=note]").fill("A approves."), review_save,
                 lambda: db.session.get(Verdict, review_id).state == "approved"),
        Conflict("source removal", f"/claims/{removal_claim}", f"/evidence/{evidence_id}/remove",
                 lambda f: None, evidence_save, lambda: db.session.get(Evidence, evidence_id).deleted_at is not None),
        Conflict("revert", f"/revisions/{rev_id}", f"/revisions/{rev_id}/revert",
                 lambda f: f.locator("[name=reason]").fill("A reverts."), claim_save(revert_id, "kind"),
                 lambda: db.session.get(Claim, revert_id).text == "Text to go back to."),
        Conflict("flag decision", f"/flags/{flag_id}", f"/flags/{flag_id}/dismiss",
                 lambda f: f.locator("textarea").fill("A's reason."), flag_save,
                 lambda: db.session.get(Flag, flag_id).status == "dismissed"),
        Conflict("user row", "/admin/users", f"/admin/users/{user_id}", fill_user, user_save,
                 lambda: (lambda u: (u.role, u.is_active))(db.session.get(User, user_id)) == ("admin", True)),
        # last: it removes the newest article
        Conflict("article removal", f"/articles/{article_id}", f"/articles/{article_id}/delete",
                 lambda f: f.locator("[name=reason]").fill("A removes it."), article_save,
                 lambda: db.session.get(Article, article_id).is_deleted),
    ]


def test_every_conflict_page_resubmits_and_shows_a_third_persons_save(site):
    page = site.page
    site.login("boss@example.org")
    for i, case in enumerate(conflicts(site)):
        third_person = i % 2 == 1  # half the cases also meet a third save, to keep the sweep quick
        site.goto(case.page)
        form = site.form(case.action)
        case.fill(form)
        site.run(lambda case=case: case.save(1))
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit]").first.click()
        assert "Not saved: someone else changed this first" in page.content(), case.name
        if third_person:
            newest = site.run(lambda case=case: case.save(2))
            with page.expect_navigation():
                page.click("button:has-text('Save my input over version')")
            assert "Not saved: someone else changed this first" in page.content(), case.name
            assert newest in page.content(), case.name
            assert not site.run(case.done), case.name
        with page.expect_navigation():
            page.click("button:has-text('Save my input over version')")
        assert "Not saved" not in page.content(), case.name
        assert site.run(case.done), case.name


def test_flag_by_hand_ticks_the_articles_claims_and_previews_before_it_creates(site):
    page = site.page
    site.login("e2e@example.org")

    def claims_of_first_article():
        article = db.session.scalars(select(Article).order_by(Article.id)).first()
        live = [c for c in db.session.scalars(select(Claim).where(Claim.article_id == article.id,
                                                                  Claim.deleted_at.is_(None))
                                              .order_by(Claim.start_offset))]
        return article.id, [c.id for c in live]

    article_id, claim_ids = site.run(claims_of_first_article)
    site.goto(f"/articles/{article_id}")
    page.locator(f'a[href="/flags/new?claim={claim_ids[0]}"]').click()
    page.wait_for_url("**/flags/new?claim=*")
    assert page.locator(f"#claim-choice-{claim_ids[0]}").is_checked()
    # the numbers beside the boxes are those of the article's claim table
    assert page.locator(f"#claim-number-{claim_ids[1]}").inner_text() == "2"
    page.locator(f"#claim-choice-{claim_ids[1]}").check()
    page.fill("textarea[name=explanation]", "The two claims give different dates.")
    flags = site.run(lambda: db.session.query(Flag).count())
    with page.expect_navigation():
        page.click("input[value='Preview the flag']")
    assert "Nothing is saved yet" in page.content()
    assert page.locator(".flag-preview-claims tbody tr").count() == 2
    assert site.run(lambda: db.session.query(Flag).count()) == flags
    with page.expect_navigation():
        page.click("input[value='Create flag']")
    assert "created." in page.content()
    members = site.run(lambda: sorted(m.claim_id for m in db.session.scalars(
        select(Flag).where(Flag.detected_by == "user")).one().members))
    assert members == sorted(claim_ids[:2])
