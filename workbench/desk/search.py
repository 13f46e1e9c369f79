"""Search over claims and articles, one interface over both databases.

PostgreSQL: full-text search (to_tsvector/to_tsquery with the 'simple' configuration, each word a
prefix, so "emiss" finds "emissions" in English and German alike). SQLite: the same words as
prefixes of words with LIKE. Matches are highlighted here, in Python, the same way for both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import and_, func, literal, literal_column, or_, select

from workbench.articles.models import Article
from workbench.desk.keyset import KeysetPage, keyset_page
from workbench.extensions import db
from workbench.review.models import Claim

MAX_TERMS = 8
WORD = re.compile(r"\w+", re.UNICODE)


class SearchError(ValueError):
    """A query that cannot be searched, with a message for the page."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str
    terms: tuple[str, ...]


def parse_query(raw: str | None) -> SearchQuery | None:
    """The words of a query (None when empty); SearchError when it has no word or too many."""
    text = (raw or "").strip()
    if not text:
        return None
    terms = tuple(dict.fromkeys(t.lower() for t in WORD.findall(text)))
    if not terms:
        raise SearchError("type at least one word (letters or digits)")
    if len(terms) > MAX_TERMS:
        raise SearchError(f"use at most {MAX_TERMS} words")
    return SearchQuery(text[:200], terms)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matches(column, query: SearchQuery):
    if db.session.get_bind().dialect.name == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in query.terms)
        config = literal_column("'simple'::regconfig")
        return func.to_tsvector(config, column).op("@@")(func.to_tsquery(config, literal(tsquery)))
    lowered = func.lower(column)
    return and_(*[or_(lowered.like(f"{_escape_like(t)}%", escape="\\"),
                      lowered.like(f"%{_escape_like(' ' + t)}%", escape="\\"),
                      lowered.like(f"%{_escape_like(chr(10) + t)}%", escape="\\"))
                  for t in query.terms])


def search_claims(query: SearchQuery, after: int | None, size: int) -> KeysetPage:
    """Live claims of live articles whose text has every word (as a word prefix), newest first."""
    stmt = (select(Claim).join(Article, Article.id == Claim.article_id)
            .where(Claim.deleted_at.is_(None), Article.deleted_at.is_(None), _matches(Claim.text, query)))
    return keyset_page(db.session, stmt, Claim.id, after, size)


def search_articles(query: SearchQuery, limit: int = 10) -> list[Article]:
    """Live articles whose title or text has every word, newest first (the first few)."""
    stmt = (select(Article).where(Article.deleted_at.is_(None),
                                  or_(_matches(Article.title, query), _matches(Article.body, query)))
            .order_by(Article.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def highlight(text: str, query: SearchQuery, limit: int | None = None) -> Markup:
    """`text` escaped, with every word starting with a query word in <mark>; cut around the first match
    to about `limit` characters when given."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in query.terms) + r")\w*", re.IGNORECASE)
    if limit is not None and len(text) > limit:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - limit // 3)
        text = ("…" if start else "") + text[start:start + limit] + ("…" if start + limit < len(text) else "")
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos:match.start()]))
        out.append(Markup("<mark>") + escape(match.group(0)) + Markup("</mark>"))
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)
