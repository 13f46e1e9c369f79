"""Story pages: the coverage of one story side by side, fact by fact."""
from __future__ import annotations

from flask import Blueprint, render_template

from workbench.articles.models import Article
from workbench.auth.roles import role_required
from workbench.core.routing import get_or_404
from workbench.stories.queries import story_of

bp = Blueprint("stories", __name__)


@bp.route("/articles/<int:article_id>/story")
@role_required("reviewer")
def show_story(article_id: int):
    """The article's story: its articles and a table of the facts they state (fact, A, B, ...)."""
    article = get_or_404(Article, article_id, "article")
    return render_template("stories/show.html", article=article, story=story_of(article))
