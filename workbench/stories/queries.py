"""Reads for story pages: an article's story (the stored articles on the same story) and its facts."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from claims.conflicts.facts import FactRow, fact_table
from claims.stories import SAME_STORY_THRESHOLD, score_shared
from workbench.articles.models import Article, ArticleKey
from workbench.extensions import db
from workbench.flags.detection import Corpus, candidate_articles, common_keys


@dataclass(frozen=True)
class StoryView:
    """An article's story: its articles (the article first) and the facts they state side by side."""

    articles: list[Article]
    scores: dict[int, float]
    rows: list[FactRow]


def story_scores(article: Article) -> dict[int, float]:
    """The other live articles on the same story as `article` with their same-story scores, found
    from stored story keys by the same candidate and scoring rules as detection."""
    keys = frozenset(db.session.scalars(select(ArticleKey.key).where(ArticleKey.article_id == article.id)))
    common = common_keys(keys)
    shared = candidate_articles(article.id, keys, common)
    published = dict(db.session.execute(select(Article.id, Article.published)
                                        .where(Article.id.in_(list(shared)))).all()) if shared else {}
    scores = {}
    for other_id, other_keys in shared.items():
        if other_id not in published:
            continue
        score = score_shared(other_keys - common, article.published, published[other_id])
        if score >= SAME_STORY_THRESHOLD:
            scores[other_id] = score
    return scores


def story_article_ids(article: Article) -> list[int]:
    """`article` and the articles on its story, the closest first (what the desk's story filter keeps)."""
    scores = story_scores(article)
    return [article.id, *sorted(scores, key=lambda i: (-scores[i], i))]


def story_of(article: Article) -> StoryView:
    """The live articles on the same story as `article`, with the fact table the engine builds for them."""
    scores = story_scores(article)
    ordered = [article.id, *sorted(scores, key=lambda i: (-scores[i], i))]
    corpus = Corpus.of_ids(ordered)
    articles = [corpus.articles[i] for i in ordered if i in corpus.articles]
    rows = fact_table([corpus.documents[a.id] for a in articles]) if len(articles) > 1 else []
    return StoryView(articles=articles, scores=scores, rows=rows)
