"""Article pages: list, detail, import."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from workbench.articles.forms import DeleteArticleForm, ImportForm, ReextractForm
from workbench.articles.highlight import passages
from workbench.articles.models import Article
from workbench.articles.operations import delete_article, import_bytes
from workbench.articles.queries import ARTICLE_KEY_KINDS, articles_with_claim_counts, live_claims
from workbench.articles.reextraction import reextract_article
from workbench.auth.roles import role_required
from workbench.core.concurrency import StaleEdit
from workbench.core.forms import page_form
from workbench.core.pagination import page_links, seek_from_args
from workbench.core.routing import LARGEST_ROW_ID, get_or_404
from workbench.extensions import db
from workbench.history.conflict_page import render_conflict
from workbench.history.queries import latest_revision
from workbench.history.recording import Actor

bp = Blueprint("articles", __name__)


@bp.route("/")
@login_required
def list_articles():
    try:
        # Past the last row there is no page, whatever the total.
        seek = seek_from_args(request.args, ARTICLE_KEY_KINDS, LARGEST_ROW_ID)
    except ValueError:
        abort(404)
    per_page = current_app.config["PAGE_SIZE"]
    rows, keys, total = articles_with_claim_counts(seek, per_page)
    pager = page_links(seek, keys, total, per_page)
    return render_template("articles/list.html", rows=rows, pager=pager, total=total)


def _delete_form(article: Article) -> DeleteArticleForm:
    return page_form(DeleteArticleForm, url_for("articles.remove_article", article_id=article.id),
                     {"version": article.version}, name="delete")


def _reextract_form(article: Article) -> ReextractForm:
    return page_form(ReextractForm, url_for("articles.reextract", article_id=article.id), {}, name="reextract")


def _article_page(article: Article, status: int = 200, **forms):
    """The article page: the submitted form given (kept with its errors), the other one as stored."""
    claims = live_claims(article.id)
    return render_template("articles/detail.html", article=article, claims=claims,
                           passages=passages(article.body, claims),
                           reextract_form=forms.get("reextract") or _reextract_form(article),
                           delete_form=forms.get("delete") or _delete_form(article)), status


@bp.route("/articles/<int:article_id>")
@login_required
def show_article(article_id: int):
    article = get_or_404(Article, article_id, "article")
    return _article_page(article)


@bp.route("/articles/<int:article_id>/reextract", methods=["POST"])
@role_required("editor")
def reextract(article_id: int):
    article = get_or_404(Article, article_id, "article")
    if not _reextract_form(article).validate_on_submit():
        abort(400, "The form's security token is missing; reload the page and try again.")
    result = reextract_article(article, Actor.of(current_user),
                               threshold=float(current_app.config["CLAIM_THRESHOLD"]))
    flash(f"Re-extracted {result.summary()}.", "success")
    return redirect(url_for("articles.show_article", article_id=article_id))


@bp.route("/articles/import", methods=["GET", "POST"])
@role_required("editor")
def import_article():
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("articles/import.html", form=form), 400 if form.errors else 200
    files = [(upload.filename or "upload.txt", upload.read()) for upload in form.file.data]
    # More than a few files, or large ones, go to a background job (workbench.jobs, reached through
    # the app: it imports this package); its page shows the progress and each file's outcome.
    jobs = current_app.extensions["workbench.jobs"]
    if jobs.wants_upload(files):
        job_id = jobs.start_import(files, Actor.of(current_user), metadata=form.metadata())
        return redirect(url_for("jobs.show_job", job_id=job_id))
    results = [import_bytes(name, data, Actor.of(current_user),
                            threshold=float(current_app.config["CLAIM_THRESHOLD"]),
                            max_bytes=int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024,
                            metadata=form.metadata()) for name, data in files]
    if all(result.status == "failed" for result in results):
        form.file.errors.extend(f"{result.name}: {result.message}" for result in results)
        return render_template("articles/import.html", form=form), 422
    for result in results:
        flash(f"{result.name}: {result.message}",
              {"imported": "success", "present": "info"}.get(result.status, "error"))
    last = next(result for result in reversed(results) if result.ok)
    if len(results) == 1:
        return redirect(url_for("articles.show_article", article_id=last.article_id))
    return redirect(url_for("articles.list_articles"))


@bp.route("/articles/<int:article_id>/delete", methods=["POST"])
@role_required("editor")
def remove_article(article_id: int):
    article = get_or_404(Article, article_id, "article", removed_too=True)
    if article.is_deleted:
        # The loser of two removals: say who removed it, as a conflict, not "no such article".
        removed = latest_revision("article", article_id)
        abort(409, f"Nothing to do: article {article_id} was already removed"
                   + (f" by {removed.actor_label} on {removed.created_at:%Y-%m-%d %H:%M} UTC" if removed else "")
                   + (f" (reason: {removed.reason})" if removed and removed.reason else "") + ".")
    form = _delete_form(article)
    if not form.validate():
        return _article_page(article, 400, delete=form)
    try:
        delete_article(article, form.version.data, Actor.of(current_user), reason=form.reason.data)
    except StaleEdit as error:
        return render_conflict(error, db.session.get(Article, article_id), form, {"reason": "Reason"},
                               url_for("articles.remove_article", article_id=article_id))
    flash(f"Article {article_id} removed; it stays in the revision history.", "success")
    return redirect(url_for("articles.list_articles"))
