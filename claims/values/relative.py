"""Dates relative to the article date ("last year", "im Vorjahr")."""
from __future__ import annotations

import re
from datetime import date, timedelta

from claims.calendar import month_number
from claims.values.lexicon import _RELATIVE_YEAR
from claims.values.numerals import _MON_FULL, PatternSpec, Pieces, _value_of
from claims.values.scan import _G_MONTH, _G_RELATIVE, _G_RELWORD, _G_WEEKDAY


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


# --------------------------------------------------------------------------- weekdays, months, weeks, "ago"
# Every date read against the article date carries "relative_to" (the anchor) and "inferred": True, so a
# reviewer sees it was worked out, not written. Without an article date the date stays None.

_WEEKDAY_NUM = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
                "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
                "sonnabend": 5, "sonntag": 6}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A sentence about what is still to come ("will release ... on Friday", "soll am Freitag vorgelegt werden").
_FUTURE = re.compile(r"(?i:\b(?:will|due\s+to|is\s+to|are\s+to|scheduled|plans?\s+to|expected\s+to|soll|sollen"
                     r"|will|wollen|wird\s+am|werden\s+am|kommenden|nächsten)\b)")
_UNITS_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "tag": 1, "tage": 1, "tagen": 1, "woche": 7,
               "wochen": 7}


def _anchored(norm: dict, published: date | None) -> dict:
    norm["inferred"] = True
    norm["year_inferred"] = True
    if published is not None:
        norm["relative_to"] = published.isoformat()
    return norm


def _h_weekday(m, text, language, published):
    """"on Sunday", "late on Friday", "am Dienstag", "am späten Freitagabend": the nearest such day."""
    wd = _WEEKDAY_NUM[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    day = None
    if published is not None:
        back = (published.weekday() - wd) % 7
        ahead = (wd - published.weekday()) % 7
        if rel in ("next", "nächsten", "kommenden") or (rel not in ("last", "vergangenen", "letzten")
                                                         and back and _FUTURE.search(text)):
            day = published + timedelta(days=ahead or 7)
        elif rel in ("last", "vergangenen", "letzten"):
            day = published - timedelta(days=back or 7)
        else:
            day = published - timedelta(days=back)
    norm = {"date": day.isoformat() if day else None, "precision": "day", "weekday": _WEEKDAY_NAMES[wd]}
    yield "date", m.start(), m.end(), _anchored(norm, published)


def _h_relative_month(m, text, language, published):
    """"last month", "this month", "im vergangenen Monat", "last December", "this time last year"."""
    gd = m.groupdict()
    if gd.get("timelast") is not None:
        if published is None:
            yield "date", m.start(), m.end(), _anchored({"date": None, "precision": "month"}, None)
            return
        yield "date", m.start(), m.end(), _anchored(
            {"date": f"{published.year - 1:04d}-{published.month:02d}", "precision": "month"}, published)
        return
    if gd.get("mon"):
        month = month_number(gd["mon"])
        if month is None:
            return
        if published is None:
            yield "date", m.start(), m.end(), _anchored({"date": None, "month": f"{month:02d}",
                                                          "precision": "month"}, None)
            return
        rel = gd["mrel"].lower()
        if rel in ("last", "vergangenen", "letzten"):
            year = published.year if month < published.month else published.year - 1
        else:
            year = published.year if month >= published.month else published.year + 1
        yield "date", m.start(), m.end(), _anchored({"date": f"{year:04d}-{month:02d}", "precision": "month"},
                                                     published)
        return
    shift = _RELATIVE_YEAR.get(gd["rel"].lower())
    if shift is None:
        return
    if published is None:
        yield "date", m.start(), m.end(), _anchored({"date": None, "precision": "month", "relative": shift}, None)
        return
    total = published.year * 12 + published.month - 1 + shift
    yield "date", m.start(), m.end(), _anchored(
        {"date": f"{total // 12:04d}-{total % 12 + 1:02d}", "precision": "month", "relative": shift}, published)


def _h_ago(m, text, language, published):
    """"two weeks ago", "vor gut zwei Wochen", "three days earlier": a day counted back from the article date."""
    value = _value_of(m.group("n"), language)
    days = _UNITS_DAYS.get(m.group("u").lower())
    if value is None or days is None or value != value.to_integral_value() or value > 400:
        return
    day = published - timedelta(days=int(value) * days) if published is not None else None
    norm = {"date": day.isoformat() if day else None, "precision": "day", "ago": f"P{int(value) * days}D"}
    yield "date", m.start(), m.end(), _anchored(norm, published)


def _h_year_before(m, text, language, published):
    """"im Jahr zuvor", "the year before", "the previous year": the year before the article's."""
    norm = {"date": f"{published.year - 1:04d}" if published else None, "precision": "year", "relative": -1}
    yield "date", m.start(), m.end(), _anchored(norm, published)


def relative_patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Weekdays, months, weeks and counted days read against the article date."""
    en_wd = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    de_wd = r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
    return [
        (rf"(?:\b(?P<rel>(?i:last|next|this|vergangenen|letzten|kommenden|nächsten))\s+)?"
         rf"\b(?P<wd>{en_wd}|{de_wd})(?:abend|morgen|nachmittag|vormittag|nacht|mittag)?"
         rf"(?:['’]s)?(?![^\W\d_])", _h_weekday, _G_WEEKDAY),
        (r"(?i:\bthis\s+time\s+last\s+year)(?P<timelast>)", _h_relative_month, _G_RELATIVE),
        (r"\b(?P<rel>(?i:last|this|next|previous))\s+month\b"
         r"|\b(?:(?i:im|in)\s+)?(?P<rel2>(?i:vergangenen|letzten|kommenden|nächsten|diesem))\s+Monat\b",
         _h_relative_month_any, _G_RELWORD),
        (rf"\b(?P<mrel>(?i:last|next|vergangenen|letzten|kommenden|nächsten))\s+(?P<mon>{_MON_FULL})",
         _h_relative_month, _G_MONTH),
        (r"\b(?P<rel>(?i:last|this|next|previous))\s+week\b|\b(?P<rel2>(?i:vergangene|letzte|kommende|nächste"
         r"|diese))\s+Woche\b", _h_relative_week_any, _G_RELWORD),
        (rf"{p.num('n')}\s+(?P<u>(?i:days?|weeks?))\s+(?i:ago|earlier)\b|\b(?i:vor)\s+(?:(?i:gut|knapp|rund|etwa)"
         rf"\s+)?{p.num('n2')}\s+(?P<u2>Tagen|Wochen)\b|{p.num('n3')}\s+(?P<u3>Tage|Wochen)\s+(?i:zuvor|früher)\b",
         _h_ago_any, _G_RELWORD),
        (r"\b(?i:im\s+Jahr\s+zuvor|the\s+(?:previous|prior)\s+year|the\s+year\s+before|ein\s+Jahr\s+zuvor)\b",
         _h_year_before, _G_RELWORD),
    ]


def _h_relative_month_any(m, text, language, published):
    gd = m.groupdict()
    word = gd.get("rel") or gd.get("rel2") or ""
    fake = {"rel": word, "timelast": None, "mon": None}
    yield from _h_relative_month(_Groups(m, fake), text, language, published)


def _h_relative_week_any(m, text, language, published):
    word = (m.group("rel") or m.group("rel2")).lower()
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1, "vergangene": -1, "letzte": -1, "kommende": 1,
             "nächste": 1, "diese": 0}.get(word)
    if shift is None:
        return
    day = published - timedelta(days=published.weekday()) + timedelta(days=7 * shift) if published else None
    norm = {"date": day.isoformat() if day else None, "precision": "week", "relative": shift}
    yield "date", m.start(), m.end(), _anchored(norm, published)


def _h_ago_any(m, text, language, published):
    for n, u in (("n", "u"), ("n2", "u2"), ("n3", "u3")):
        if m.group(n):
            yield from _h_ago(_Groups(m, {"n": m.group(n), "u": m.group(u)}), text, language, published)
            return


class _Groups:
    """A match seen through other group names (one handler serves several spellings)."""

    def __init__(self, m, groups: dict) -> None:
        self._m, self._g = m, groups

    def group(self, name):
        return self._g[name] if name in self._g else self._m.group(name)

    def groupdict(self):
        return {**self._m.groupdict(), **self._g}

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)
