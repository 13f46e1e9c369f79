"""Dates relative to the article date ("last year", "im Vorjahr")."""
from __future__ import annotations

from datetime import date

from claims.values.lexicon import _RELATIVE_YEAR
from claims.values.numerals import PatternSpec, Pieces
from claims.values.scan import _G_RELATIVE


def _relative_year_norm(word: str, published: date | None) -> dict | None:
    """Normalised form of "last year"/"im vergangenen Jahr": a year read against the article date."""
    shift = _RELATIVE_YEAR.get(word.lower())
    if shift is None:
        return None
    year = f"{published.year + shift:04d}" if published and 1 <= published.year + shift <= 9999 else None
    return {"date": year, "precision": "year", "relative": shift, "year_inferred": True}


def _h_relative_year(m, text, language, published):
    word = next(g for g in (m.group("rel"), m.groupdict().get("rel2"), m.groupdict().get("rel3")) if g)
    norm = _relative_year_norm(word, published)
    if norm:
        yield "date", m.start(), m.end(), norm



def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Dates read against the article date."""
    return [
        (r"(?i:\b(?P<rel>last|previous|this|current|next)\s+year\b(?!\s*(?:'s|’s)?\s*\d))", _h_relative_year,
         _G_RELATIVE),
        (r"\b(?:(?i:im|in|des)\s+)?(?P<rel>(?i:vergangenen|letzten|diesem|laufenden|nächsten|kommenden))\s+Jahr(?:es)?\b"
         r"|\b(?P<rel2>(?i:letztes|dieses|vergangenes|nächstes|kommendes))\s+Jahr\b|\b(?:im\s+)?(?P<rel3>Vorjahr(?:es)?)\b",
         _h_relative_year, _G_RELATIVE),
    ]
