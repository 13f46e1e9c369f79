"""Pages with several forms, and conflict pages, as a person uses them (issue 12).

Every page with more than one form: after a refused save, every other form on the page still
shows the stored values (not the refused POST's), and saving one of those other forms exactly as
drawn changes only its own fields. Every conflict page: "Save my input over version N" saves the
first time, and when a third person saved meanwhile it shows the newest state instead.

The forms are read from the HTML the way a browser would submit them (`page_forms`), so a
field redrawn with the wrong value is caught, not only a wrong database row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.conftest import TEST_ACTOR, login
from tests.factories import ENGLISH, do_import
from workbench.articles.models import Article
from workbench.auth.models import User
from workbench.auth.operations import update_user
from workbench.extensions import db
from workbench.flags.models import Flag
from workbench.flags.operations import change_status
from workbench.history.models import Revision
from workbench.review.models import Claim, Review
from workbench.review.operations import add_review, update_claim
from workbench.sources.models import Evidence
from workbench.sources.operations import add_evidence, update_evidence

# --- reading forms out of a page ----------------------------------------------------------------


@dataclass
class PageForm:
    """One <form> as a browser would submit it (without pressing any named button)."""

    action: str
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def values(self) -> dict[str, str | list[str]]:
        """Field name -> value (a list where a name occurs several times), csrf token left out."""
        out: dict[str, str | list[str]] = {}
        for name, value in self.pairs:
            if name == "csrf_token":
                continue
            if name in out:
                previous = out[name]
                out[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
            else:
                out[name] = value
        return out

    def data(self, **changes) -> dict:
        """What submitting this form sends, with `changes` typed in (None unticks / empties a field)."""
        sent: dict = {}
        for name, value in self.pairs:
            sent.setdefault(name, []).append(value)
        for name, value in changes.items():
            if value is None:
                sent.pop(name, None)
            else:
                sent[name] = value if isinstance(value, list) else [value]
        return sent


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: list | None = None  # [name, first option, selected option]
        self._textarea: list | None = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = PageForm(a.get("action") or "")
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.pairs.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, first, selected = self._select
            self._form.pairs.append((name, selected if selected is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            # the HTML parser keeps the newline browsers drop after <textarea>
            self._form.pairs.append((self._textarea[0], self._textarea[1].removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None


def page_forms(response) -> dict[str, PageForm]:
    """The POST forms of a page by action (the logout form included)."""
    parser = _FormParser()
    parser.feed(response.get_data(as_text=True))
    return {form.action: form for form in parser.forms}


def others_unchanged(before: dict[str, PageForm], after: dict[str, PageForm], submitted: str) -> None:
    """Every form but `submitted` shows exactly what it showed on the stored page."""
    assert set(before) == set(after)
    for action, form in before.items():
        if action != submitted:
            assert after[action].values() == form.values(), f"form {action} was redrawn with other values"


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def claim_state(claim_id: int) -> tuple:
    db.session.expire_all()
    c = db.session.get(Claim, claim_id)
    return c.text, c.kind, c.status, c.assignee_id


@pytest.fixture
def busy_claim(claim, make_user):
    """A claim with an assignee, a proposed verdict by someone else and one attached source."""
    reviewer = make_user("reviewer")
    update_claim(claim, {"kind": "statistic", "assignee_id": reviewer.id, "status": "in_review"}, claim.version,
                 TEST_ACTOR)
    add_review(claim, (4, "Mostly true"), "Matches the release.", reviewer, claim.version)
    add_evidence(claim, {"url": "https://example.org/release", "title": "Release", "kind": "report"}, "supports",
                 "the quote", TEST_ACTOR)
    db.session.expire_all()
    return db.session.get(Claim, claim.id)


# --- the claim page -----------------------------------------------------------------------------


CLAIM_REFUSALS = {
    # form (by action suffix) -> input that is refused, with field names shared with other forms
    "evidence": {"url": "javascript:alert(1)", "kind": "official", "stance": "refutes", "quote": "typed quote"},
    "reviews": {"rating": "", "rationale": "my rationale, not yet rated"},
    "edit": {"text": "", "kind": "typed-kind", "reason": "typed reason"},
}


@pytest.mark.parametrize("refused", CLAIM_REFUSALS)
def test_a_refused_form_on_the_claim_page_leaves_every_other_form_as_stored(client, login_as, busy_claim, refused):
    login_as("editor")
    url = f"/claims/{busy_claim.id}"
    stored = page_forms(client.get(url))
    action = f"{url}/{refused}"
    assert {f"{url}/edit", f"{url}/reviews", f"{url}/evidence"} <= set(stored)
    assert any(a.startswith("/reviews/") for a in stored) and any(a.startswith("/evidence/") for a in stored)
    before = claim_state(busy_claim.id)

    response = client.post(action, data=stored[action].data(**CLAIM_REFUSALS[refused]))
    assert response.status_code == 400
    shown = page_forms(response)
    others_unchanged(stored, shown, action)
    # the refused form keeps its own input beside the error
    kept = shown[action].values()
    for name, value in CLAIM_REFUSALS[refused].items():
        if value and name in kept:
            assert kept[name] == value, name
    assert claim_state(busy_claim.id) == before

    # saving the claim as drawn after the refusal changes only what was typed into it
    edit = shown[f"{url}/edit"] if refused != "edit" else stored[f"{url}/edit"]
    assert client.post(f"{url}/edit", data=edit.data(text="Retyped text.")).status_code == 302
    assert claim_state(busy_claim.id) == ("Retyped text.", *before[1:])


def test_saving_one_form_of_the_claim_page_changes_only_its_own_fields(client, login_as, busy_claim):
    login_as("editor")
    url = f"/claims/{busy_claim.id}"
    stored = page_forms(client.get(url))
    before = claim_state(busy_claim.id)
    sources = db.session.query(Evidence).count()
    data = stored[f"{url}/evidence"].data(url="https://example.org/second", kind="official", stance="context")
    assert client.post(f"{url}/evidence", data=data).status_code == 302
    assert claim_state(busy_claim.id) == before
    assert db.session.query(Evidence).count() == sources + 1
    db.session.expire_all()
    assert db.session.get(Review, busy_claim.reviews[0].id).state == "proposed"


# --- the users page -----------------------------------------------------------------------------


@pytest.fixture
def staff(app, make_user):
    admin, editor, reviewer, sleeper = (make_user(r) for r in ("admin", "editor", "reviewer", "reviewer"))
    update_user(sleeper, {"is_active": False}, sleeper.version, TEST_ACTOR)
    return SimpleNamespace(admin=admin, editor=editor, reviewer=reviewer, sleeper=sleeper)


def user_rows() -> dict[int, tuple]:
    db.session.expire_all()
    return {u.id: (u.role, u.is_active, u.version) for u in db.session.scalars(select(User))}


def test_a_refused_self_demotion_leaves_every_other_row_as_stored(client, staff):
    login(client, staff.admin)
    stored = page_forms(client.get("/admin/users"))
    mine = f"/admin/users/{staff.admin.id}"
    before = user_rows()
    response = client.post(mine, data=stored[mine].data(role="reviewer", is_active=None))
    assert response.status_code == 400
    assert "last active admin" in response.get_data(as_text=True)
    shown = page_forms(response)
    others_unchanged(stored, shown, mine)
    assert shown[f"/admin/users/{staff.editor.id}"].values()["role"] == "editor"
    assert "is_active" not in shown[f"/admin/users/{staff.sleeper.id}"].values()
    assert shown[mine].values()["role"] == "reviewer"  # the refused row keeps its input
    # a note saved on the editor's row as drawn demotes nobody
    editor = f"/admin/users/{staff.editor.id}"
    assert client.post(editor, data=shown[editor].data(reason="noted")).status_code == 302
    after = user_rows()
    assert after[staff.editor.id][:2] == ("editor", True)
    assert {k: v for k, v in after.items() if k != staff.editor.id} == {
        k: v for k, v in before.items() if k != staff.editor.id}


@pytest.mark.parametrize("change", [{"role": "editor"}, {"is_active": None}, {"role": "admin", "is_active": None}])
def test_a_role_or_activation_change_affects_exactly_the_row_pressed(client, staff, change):
    login(client, staff.admin)
    stored = page_forms(client.get("/admin/users"))
    before = user_rows()
    row = f"/admin/users/{staff.reviewer.id}"
    assert client.post(row, data=stored[row].data(**change)).status_code == 302
    after = user_rows()
    assert after[staff.reviewer.id] == (change.get("role", "reviewer"), "is_active" not in change,
                                        before[staff.reviewer.id][2] + 1)
    assert {k: v for k, v in after.items() if k != staff.reviewer.id} == {
        k: v for k, v in before.items() if k != staff.reviewer.id}
    # and the page then shows every row as stored
    shown = page_forms(client.get("/admin/users"))
    for user_id, (role, active, _) in after.items():
        values = shown[f"/admin/users/{user_id}"].values()
        assert (values["role"], "is_active" in values) == (role, active)


def test_reactivating_a_row_leaves_the_others_alone(client, staff):
    login(client, staff.admin)
    stored = page_forms(client.get("/admin/users"))
    before = user_rows()
    row = f"/admin/users/{staff.sleeper.id}"
    assert client.post(row, data=stored[row].data(is_active="y")).status_code == 302
    after = user_rows()
    assert after[staff.sleeper.id][:2] == ("reviewer", True)
    assert {k: v for k, v in after.items() if k != staff.sleeper.id} == {
        k: v for k, v in before.items() if k != staff.sleeper.id}


# --- the article page ---------------------------------------------------------------------------


def test_a_refused_removal_leaves_the_article_page_as_stored(client, login_as, claim):
    login_as("editor")
    article_id = claim.article_id
    url = f"/articles/{article_id}"
    stored = page_forms(client.get(url))
    assert {f"{url}/delete", f"{url}/reextract"} <= set(stored)
    response = client.post(f"{url}/delete", data=stored[f"{url}/delete"].data(reason=""))
    assert response.status_code == 400
    assert "Say why the article is removed." in response.get_data(as_text=True)
    others_unchanged(stored, page_forms(response), f"{url}/delete")
    db.session.expire_all()
    assert not db.session.get(Article, article_id).is_deleted
    # re-extracting from the re-shown page works and removes nothing
    assert client.post(f"{url}/reextract", data=page_forms(response)[f"{url}/reextract"].data()).status_code == 302
    db.session.expire_all()
    assert not db.session.get(Article, article_id).is_deleted


# --- the flag page ------------------------------------------------------------------------------


@pytest.fixture
def flag(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return db.session.scalars(select(Flag).where(Flag.status == "open").order_by(Flag.id)).first()


@pytest.mark.parametrize("refused", ["dismiss", "resolve"])
def test_a_refused_flag_decision_leaves_the_other_decisions_as_stored(client, login_as, flag, refused):
    login_as("reviewer")
    url = f"/flags/{flag.id}"
    stored = page_forms(client.get(url))
    assert {f"{url}/confirm", f"{url}/dismiss", f"{url}/resolve"} <= set(stored)
    action = f"{url}/{refused}"
    # a note of only spaces is refused (the reason is required)
    response = client.post(action, data=stored[action].data(resolution_note="   "))
    assert response.status_code == 400
    shown = page_forms(response)
    others_unchanged(stored, shown, action)
    # confirming from the re-shown page saves the confirm form's own comment, nothing typed elsewhere
    assert client.post(f"{url}/confirm", data=shown[f"{url}/confirm"].data(resolution_note="seen")).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Flag, flag.id)
    assert (saved.status, saved.resolution_note) == ("confirmed", None)
    last = db.session.scalars(select(Revision).where(Revision.entity_type == "flag", Revision.entity_id == flag.id)
                              .order_by(Revision.id.desc())).first()
    assert last.reason == "seen"  # a confirm's comment is kept with the change, not as a note


# --- conflict pages -----------------------------------------------------------------------------


@dataclass
class Conflict:
    """One conflict page: A opens `page`, someone saves (`save(1)`), A posts `action` with `typed`."""

    page: str
    action: str
    typed: dict
    save: object  # save(n): the n-th save by someone else; returns text the page must then show
    done: object  # done(): A's input is now saved


def _claim_edit(ctx) -> Conflict:
    claim = ctx.claim

    def save(n):
        c = db.session.get(Claim, claim.id)
        update_claim(c, {"text": f"Saved by person {n + 1}."}, c.version, TEST_ACTOR)
        return f"Saved by person {n + 1}."

    return Conflict(f"/claims/{claim.id}", f"/claims/{claim.id}/edit", {"text": "A's careful rewrite."}, save,
                    lambda: claim_state(claim.id)[0] == "A's careful rewrite.")


def _claim_edit_after_a_verdict(ctx) -> Conflict:
    """A's edit meets a verdict recorded meanwhile: the status A's form posts is no longer offered."""
    claim, others = ctx.claim, [ctx.make_user("reviewer"), ctx.make_user("reviewer")]
    update_claim(claim, {"status": "in_review"}, claim.version, TEST_ACTOR)

    def save(n):
        c = db.session.get(Claim, claim.id)
        add_review(c, (n, "False"), f"Verdict of person {n + 1}.", others[n - 1], c.version)
        return "version" if n == 1 else f"version {c.version}"

    def done():
        text, _, status, _ = claim_state(claim.id)
        return (text, status) == ("A's careful rewrite.", "proposed")

    return Conflict(f"/claims/{claim.id}", f"/claims/{claim.id}/edit", {"text": "A's careful rewrite."}, save, done)


def _verdict(ctx) -> Conflict:
    claim, others = ctx.claim, [ctx.make_user("reviewer"), ctx.make_user("reviewer")]

    def save(n):
        c = db.session.get(Claim, claim.id)
        add_review(c, (n, "False" if n == 1 else "Mostly false"), f"Verdict of person {n + 1}.", others[n - 1],
                   c.version)
        return f"Verdict of person {n + 1}."

    def done():
        db.session.expire_all()
        newest = db.session.scalars(select(Review).where(Review.claim_id == claim.id)
                                    .order_by(Review.id.desc())).first()
        return newest.rationale == "A's rationale." and newest.state == "proposed"

    return Conflict(f"/claims/{claim.id}", f"/claims/{claim.id}/reviews",
                    {"rating": "3", "rationale": "A's rationale."}, save, done)


def _decision(ctx) -> Conflict:
    claim, reviewer = ctx.claim, ctx.make_user("reviewer")
    review = add_review(claim, (4, "Mostly true"), "The rationale.", reviewer, claim.version)
    review_id = review.id

    def save(n):
        # No web form edits a proposed verdict in place; a direct edit stands for someone's save.
        r = db.session.get(Review, review_id)
        r.rationale = f"Rationale fixed by person {n + 1}."
        db.session.commit()
        return f"version {r.version}"

    def done():
        db.session.expire_all()
        return db.session.get(Review, review_id).state == "approved"

    return Conflict(f"/claims/{claim.id}", f"/reviews/{review_id}/approve", {"note": "A approves."}, save, done)


def _evidence_removal(ctx) -> Conflict:
    claim = ctx.claim
    evidence_id = add_evidence(claim, {"url": "https://example.org/r", "title": "R"}, "supports", "q", TEST_ACTOR).id

    def save(n):
        e = db.session.get(Evidence, evidence_id)
        update_evidence(e, {"quote": f"quote by person {n + 1}"}, e.version, TEST_ACTOR)
        return f"version {e.version}"

    def done():
        db.session.expire_all()
        return db.session.get(Evidence, evidence_id).deleted_at is not None

    return Conflict(f"/claims/{claim.id}", f"/evidence/{evidence_id}/remove", {"reason": "A removes it."}, save, done)


def _article_removal(ctx) -> Conflict:
    article_id = ctx.claim.article_id

    def save(n):
        # Only removal edits an article through the web; a direct edit stands for someone's save.
        a = db.session.get(Article, article_id)
        a.outlet = f"Outlet set by person {n + 1}"
        db.session.commit()
        return f"version {a.version}"

    def done():
        db.session.expire_all()
        return db.session.get(Article, article_id).is_deleted

    return Conflict(f"/articles/{article_id}", f"/articles/{article_id}/delete", {"reason": "A removes it."}, save,
                    done)


def _revert(ctx) -> Conflict:
    claim = ctx.claim
    update_claim(claim, {"text": "Text to go back to."}, claim.version, TEST_ACTOR)
    update_claim(claim, {"text": "Text after it."}, claim.version, TEST_ACTOR)
    rev = db.session.scalars(select(Revision).where(Revision.entity_type == "claim", Revision.entity_id == claim.id)
                             .order_by(Revision.id.desc())).all()[1]
    assert rev.changes["text"][1] == "Text to go back to."

    def save(n):
        c = db.session.get(Claim, claim.id)
        update_claim(c, {"kind": f"kind-{n + 1}"}, c.version, TEST_ACTOR)
        return f"kind-{n + 1}"

    return Conflict(f"/revisions/{rev.id}", f"/revisions/{rev.id}/revert", {"reason": "A reverts."}, save,
                    lambda: claim_state(claim.id)[0] == "Text to go back to.")


def _flag_decision(ctx) -> Conflict:
    result = ctx.runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    flag_id = db.session.scalars(select(Flag.id).where(Flag.status == "open").order_by(Flag.id)).first()

    def save(n):
        f = db.session.get(Flag, flag_id)
        if n == 1:
            change_status(f, "confirm", f.version, TEST_ACTOR, note="B confirms.")
            return "confirmed"
        # confirmed is as far as a flag goes before it closes; a direct edit stands for C's save
        f.severity = "high" if f.severity != "high" else "low"
        db.session.commit()
        return f"version {f.version}"

    def done():
        db.session.expire_all()
        f = db.session.get(Flag, flag_id)
        return (f.status, f.resolution_note) == ("dismissed", "A's reason.")

    return Conflict(f"/flags/{flag_id}", f"/flags/{flag_id}/dismiss", {"resolution_note": "A's reason."}, save, done)


def _user_row(ctx) -> Conflict:
    target = ctx.make_user("reviewer")
    target_id = target.id

    def save(n):
        u = db.session.get(User, target_id)
        update_user(u, {"role": "editor"} if n == 1 else {"is_active": False}, u.version, TEST_ACTOR)
        return f"version {u.version}"

    def done():
        db.session.expire_all()
        u = db.session.get(User, target_id)
        return (u.role, u.is_active) == ("admin", True)

    return Conflict("/admin/users", f"/admin/users/{target_id}", {"role": "admin", "is_active": "y"}, save, done)


CONFLICTS = {"claim edit": _claim_edit, "claim edit after a verdict": _claim_edit_after_a_verdict,
             "verdict": _verdict, "verdict approval": _decision, "source removal": _evidence_removal,
             "article removal": _article_removal, "revert": _revert,
             "flag decision": _flag_decision, "user row": _user_row}


@pytest.fixture(params=CONFLICTS)
def conflict(request, client, claim, make_user, runner):
    admin = make_user("admin")
    ctx = SimpleNamespace(claim=claim, make_user=make_user, runner=runner)
    case = CONFLICTS[request.param](ctx)
    login(client, admin)
    return case


def _first_conflict(client, case: Conflict):
    form = page_forms(client.get(case.page))[case.action]
    case.save(1)
    response = client.post(case.action, data=form.data(**case.typed))
    assert response.status_code == 409
    assert "Not saved: someone else changed this first" in response.get_data(as_text=True)
    return response


def _resubmit_form(response) -> PageForm:
    forms = [f for f in page_forms(response).values() if f.action != "/logout"]
    assert len(forms) == 1
    return forms[0]


def _current_version(action: str) -> int:
    db.session.expire_all()
    kind, ident = action.strip("/").split("/")[:2]
    if kind == "claims":
        return db.session.get(Claim, int(ident)).version
    models = {"reviews": Review, "evidence": Evidence, "articles": Article, "flags": Flag, "users": User}
    if kind == "admin":
        return db.session.get(User, int(action.rsplit("/", 1)[1])).version
    if kind == "revisions":
        rev = db.session.get(Revision, int(ident))
        return db.session.get(Claim, rev.entity_id).version
    return db.session.get(models[kind], int(ident)).version


def test_a_conflict_page_resubmit_saves_the_first_time(client, conflict):
    response = _first_conflict(client, conflict)
    form = _resubmit_form(response)
    assert form.action == conflict.action
    assert form.values()["version"] == str(_current_version(conflict.action))
    for name, value in conflict.typed.items():
        assert form.values().get(name) == value, f"the conflict page lost the input of {name}"
    resubmit = client.post(form.action, data=form.data())
    assert resubmit.status_code == 302, resubmit.get_data(as_text=True)
    assert conflict.done()


def test_a_conflict_page_shows_the_newest_state_when_a_third_person_saved_meanwhile(client, conflict):
    form = _resubmit_form(_first_conflict(client, conflict))
    newest = conflict.save(2)
    again = client.post(form.action, data=form.data())
    assert again.status_code == 409
    assert newest in again.get_data(as_text=True)
    assert not conflict.done()
    form = _resubmit_form(again)
    assert form.values()["version"] == str(_current_version(conflict.action))
    resubmit = client.post(form.action, data=form.data())
    assert resubmit.status_code == 302, resubmit.get_data(as_text=True)
    assert conflict.done()


# --- flag by hand -------------------------------------------------------------------------------


def test_flag_by_hand_previews_before_it_creates_and_refuses_another_articles_claims(client, login_as, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    login_as("reviewer")
    first, second = db.session.scalars(select(Article).order_by(Article.id)).all()[:2]
    mine = db.session.scalars(select(Claim.id).where(Claim.article_id == first.id).order_by(Claim.start_offset)).all()
    theirs = db.session.scalars(select(Claim.id).where(Claim.article_id == second.id)).first()
    flags = db.session.query(Flag).count()
    form = page_forms(client.get(f"/flags/new?article={first.id}"))["/flags/new"]
    assert form.values()["article"] == str(first.id)

    # ticking two of the article's claims and pressing "Preview" saves nothing and shows the flag
    data = form.data(claim_ids=[str(mine[0]), str(mine[1])], explanation="Counts differ.", preview="1")
    preview = client.post("/flags/new", data=data)
    assert preview.status_code == 200
    assert "Nothing is saved yet" in preview.get_data(as_text=True)
    assert db.session.query(Flag).count() == flags
    confirm = page_forms(preview)["/flags/new"]
    assert confirm.values()["claim_ids"] == [str(mine[0]), str(mine[1])]

    # a claim of another article is refused with a message, in the preview and in the create
    for step in ("preview", "create"):
        bad = client.post("/flags/new", data=confirm.data(claim_ids=[str(mine[0]), str(theirs)], **{step: "1"}))
        assert bad.status_code == 400
        assert f"Claim id {theirs} is not a claim of the article" in bad.get_data(as_text=True)
    assert db.session.query(Flag).count() == flags

    created = client.post("/flags/new", data=confirm.data(create="1"))
    assert created.status_code == 302
    flag = db.session.scalars(select(Flag).where(Flag.detected_by == "user")).one()
    assert sorted(m.claim_id for m in flag.members) == sorted(mine[:2])
