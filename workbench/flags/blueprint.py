"""Inconsistency flags: lists, flag pages, confirm / dismiss / resolve, manual flags."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workbench.articles.models import Article
from workbench.articles.queries import articles_with_claim_counts, live_claims
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.core.forms import page_form
from workbench.core.pagination import Seek, page_links, seek_from_args
from workbench.core.routing import LARGEST_ROW_ID, get_or_404
from workbench.extensions import db
from workbench.flags.forms import ConfirmForm, DetectForm, DismissForm, FilterForm, ManualFlagForm, ResolveForm
from workbench.flags.models import Flag
from workbench.flags.operations import (
    TARGET_STATUS,
    TRANSITIONS,
    FlagError,
    change_status,
    create_manual_flag,
)
from workbench.flags.queries import (
    FLAG_KEY_KINDS,
    FlagFilters,
    flag_kinds,
    flag_revisions,
    flag_total,
    flags_of_claim,
    get_flag,
    list_flags,
    member_context,
)
from workbench.history.conflict_page import render_conflict
from workbench.history.recording import Actor
from workbench.review.models import Claim

bp = Blueprint("flags", __name__)
ACTION_FORMS = {"confirm": ConfirmForm, "dismiss": DismissForm, "resolve": ResolveForm}
NOTE_LABELS = {"confirm": "Comment", "dismiss": "Reason", "resolve": "Resolution note"}


# The claim partial and the article text ask each claim for its flags (loaded once per article).
bp.add_app_template_global(flags_of_claim, "flags_of_claim")


def _render_list(article=None, article_id: int | None = None):
    form = FilterForm(formdata=request.args)
    if not form.validate():
        problems = "; ".join(f"{form[name].label.text}: {' '.join(errs)}" for name, errs in form.errors.items())
        abort(400, f"Bad filter: {problems}")
    filters = FlagFilters(status=form.status.data or None, kind=form.kind.data or None,
                          severity=form.severity.data or None,
                          article_id=article_id if article_id is not None else form.article.data)
    try:
        seek = seek_from_args(request.args, FLAG_KEY_KINDS, LARGEST_ROW_ID)
    except ValueError:
        abort(400, "Bad filter: Page: not a page of this list.")
    seek = Seek(form.page.data or 1, seek.after, seek.before)
    per_page = int(current_app.config["PAGE_SIZE"])
    total, exact = flag_total(filters)
    if exact and seek.page > max(1, -(-total // per_page)):
        abort(404, f"There is no page {seek.page} of this list.")
    flags, keys = list_flags(filters, seek, per_page)
    pager = page_links(seek, keys, total, per_page, exact)
    args = {k: v for k, v in request.args.items() if k not in ("page", "after", "before") and v}
    return render_template("flags/list.html", flags=flags, total=total, pager=pager, form=form,
                           kinds=flag_kinds(), article=article, args=args, detect_form=DetectForm())


@bp.route("/flags")
@role_required("reviewer")
def list_all_flags():
    """All flags, filtered and paginated."""
    return _render_list()


@bp.route("/articles/<int:article_id>/flags")
@role_required("reviewer")
def list_article_flags(article_id: int):
    """The flags involving one article's claims."""
    article = get_or_404(Article, article_id, "article")
    return _render_list(article=article, article_id=article_id)


def _load_flag(flag_id: int) -> Flag:
    flag = get_flag(flag_id)
    if flag is None:
        abort(404, f"There is no flag {flag_id}.")
    return flag


def _action_form(flag: Flag, action: str):
    """The form of one action on the flag page: bound only when it is the one submitted."""
    return page_form(ACTION_FORMS[action], url_for(f"flags.{action}_flag", flag_id=flag.id),
                     {"version": flag.version}, name=action)


def _render_flag(flag: Flag, forms: dict | None = None, error: str | None = None, status: int = 200):
    forms = forms or {}
    for action in ACTION_FORMS:
        if flag.status in TRANSITIONS[action] and action not in forms:
            forms[action] = _action_form(flag, action)
    shown = {a: f for a, f in forms.items() if flag.status in TRANSITIONS[a]}
    contexts = [member_context(m) for m in flag.members]
    return render_template("flags/show.html", flag=flag, contexts=contexts, forms=shown, error=error,
                           revisions=flag_revisions(flag)), status


@bp.route("/flags/<int:flag_id>")
@role_required("reviewer")
def show_flag(flag_id: int):
    """One flag: its members side by side in context, the actions, the history."""
    return _render_flag(_load_flag(flag_id))


def _change(flag_id: int, action: str):
    flag = _load_flag(flag_id)
    form = _action_form(flag, action)
    if not form.validate_on_submit():
        return _render_flag(flag, {action: form}, status=400)
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        abort(400, "The form's version field is not a number. Reload the flag page and try again.")
    try:
        change_status(flag, action, version, Actor.of(current_user), note=form.resolution_note.data)
    except StaleEdit as error:
        form.status.data = TARGET_STATUS[action]
        current = db.session.get(Flag, flag_id)
        return render_conflict(error, current, form, {"status": "Status", "resolution_note": NOTE_LABELS[action]},
                               url_for(f"flags.{action}_flag", flag_id=flag_id))
    except FlagError as error:
        return _render_flag(db.session.get(Flag, flag_id), {action: form}, error=str(error), status=400)
    flash(f"Flag {flag_id} {flag.status}.", "success")
    return redirect(url_for("flags.show_flag", flag_id=flag_id))


@bp.route("/flags/<int:flag_id>/confirm", methods=["POST"])
@role_required("reviewer")
def confirm_flag(flag_id: int):
    """Confirm an open flag."""
    return _change(flag_id, "confirm")


@bp.route("/flags/<int:flag_id>/dismiss", methods=["POST"])
@role_required("reviewer")
def dismiss_flag(flag_id: int):
    """Dismiss a flag with a reason; detection never reopens it."""
    return _change(flag_id, "dismiss")


@bp.route("/flags/<int:flag_id>/resolve", methods=["POST"])
@role_required("reviewer")
def resolve_flag(flag_id: int):
    """Resolve a flag with a note on how."""
    return _change(flag_id, "resolve")


def _id_arg(name: str) -> int | None:
    """The id in query parameter `name`, None when absent; a 400 when it is not a row id."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > LARGEST_ROW_ID:
        abort(400, f"The {name} in the address must be an id, a whole number such as 12.")
    return int(raw)


def _live_article(article_id: int, status: int = 404) -> Article:
    article = db.session.get(Article, article_id)
    if article is None or article.is_deleted:
        abort(status, f"There is no article {article_id} to flag claims in: open the flag form from an article.")
    return article


def _manual_form(article: Article, **stored) -> ManualFlagForm:
    """The hand-flag form over `article`'s claims: bound to the POST, or showing `stored` on a GET."""
    options = {"claims": live_claims(article.id), "article_title": article.title}
    if request.method == "POST":
        return ManualFlagForm(**options)
    return ManualFlagForm(formdata=None, data={"article": article.id, **stored}, **options)


def _render_new(form: ManualFlagForm | None, article: Article | None = None, status: int = 200, *,
                preview: bool = False):
    recent = [] if form is not None else articles_with_claim_counts(Seek(), int(current_app.config["PAGE_SIZE"]))[0]
    return render_template("flags/new.html", form=form, article=article, preview=preview, recent=recent), status


@bp.route("/flags/new", methods=["GET"])
@role_required("reviewer")
def new_flag():
    """The hand-flag form: an article's claims to tick (`?article=` or `?claim=`, which is ticked), else a picker."""
    claim_id, article_id = _id_arg("claim"), _id_arg("article")
    if claim_id is not None:
        claim = get_or_404(Claim, claim_id, "claim")
        article = _live_article(claim.article_id)
        return _render_new(_manual_form(article, claim_ids=[claim.id]), article)
    if article_id is not None:
        article = _live_article(article_id)
        return _render_new(_manual_form(article), article)
    return _render_new(None)


@bp.route("/flags/new", methods=["POST"])
@role_required("reviewer")
def create_flag():
    """Flag two or more claims of one article by hand: previewed first, created on confirmation."""
    raw_article = request.form.get("article", "").strip()
    if not raw_article.isdigit() or int(raw_article) > LARGEST_ROW_ID:
        abort(400, "The flag form names no article: open it from an article's claim list and try again.")
    article = _live_article(int(raw_article), status=400)
    form = _manual_form(article)
    if not form.validate_on_submit():
        return _render_new(form, article, 400)
    if form.change.data or not form.create.data:
        return _render_new(form, article, preview=not form.change.data)
    try:
        flag = create_manual_flag(form.claim_ids.data, form.kind.data, form.severity.data, form.explanation.data,
                                  Actor.of(current_user), article_id=article.id)
    except FlagError as error:
        form.claim_ids.errors = [*form.claim_ids.errors, str(error)]
        return _render_new(form, article, 400)
    flash(f"Flag {flag.id} created.", "success")
    return redirect(url_for("flags.show_flag", flag_id=flag.id))


@bp.route("/flags/detect", methods=["POST"])
@role_required("editor")
def detect_flags():
    """Run detection over every article as a background job (editors); its page shows the outcome."""
    form = DetectForm()
    if not form.validate_on_submit():
        abort(400, "The detection request was not valid. Reload the flag list and try again.")
    # The job queue (workbench.jobs) imports this package; it is reached through the app, not imported.
    job_id = current_app.extensions["workbench.jobs"].start_detection(Actor.of(current_user))
    return redirect(url_for("jobs.show_job", job_id=job_id))
