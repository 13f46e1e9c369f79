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


def story_of(article: Article) -> StoryView:
    """The live articles on the same story as `article`, found from stored story keys by the same
    candidate and scoring rules as detection, with the fact table the engine builds for them."""
    keys = frozenset(db.session.scalars(select(ArticleKey.key).where(ArticleKey.article_id == article.id)))
    common = common_keys(keys)
    shared = candidate_articles(article.id, keys, common)
    scores = {}
    for other_id, other_keys in shared.items():
        other = db.session.get(Article, other_id)
        score = score_shared(other_keys - common, article.published, other.published if other else None)
        if other is not None and score >= SAME_STORY_THRESHOLD:
            scores[other_id] = score
    ordered = [article.id, *sorted(scores, key=lambda i: (-scores[i], i))]
    corpus = Corpus.of_ids(ordered)
    articles = [corpus.articles[i] for i in ordered if i in corpus.articles]
    rows = fact_table([corpus.documents[a.id] for a in articles]) if len(articles) > 1 else []
    return StoryView(articles=articles, scores=scores, rows=rows)
