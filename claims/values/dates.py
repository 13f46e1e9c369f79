"""Dates, date ranges and lists of days (absolute forms; relative ones are in relative.py)."""
from __future__ import annotations

import re
from datetime import date

from claims.calendar import infer_year, month_number, valid_date
from claims.values.lexicon import _REL_CANON, _WEEKDAY_NAMES, _WEEKDAYS
from claims.values.numerals import (
    _CODE_BEFORE,
    _DAY_END,
    _MON,
    _MON_FULL,
    _ORD_SUFFIX,
    _YEAR,
    _YEAR_LB,
    PatternSpec,
    Pieces,
    _int,
    _pre_before,
)
from claims.values.scan import _G_DIGIT, _G_MONTH
from claims.values.targets import _target_after, _target_key, _target_phrase_start
from claims.values.units import _find_unit

_REL_BEFORE = re.compile(
    r"(?i:\b(?P<rel>until|till|through|by|no\s+later\s+than|since|before|after"
    r"|bis(?:\s+(?:zum|zur|einschließlich|spätestens))?|spätestens(?:\s+(?:am|zum|bis))?"
    r"|seit(?:\s+dem)?|ab(?:\s+dem)?|vor\s+dem|nach\s+dem)\s+)$"
)


_YEAR_CONTEXT = re.compile(
    r"(?i:\b(?:(?P<target>by(?:\s+the\s+end\s+of)?|no\s+later\s+than|bis(?:\s+(?:zum\s+Jahr(?:e)?|zum|Ende))?"
    r"|spätestens(?:\s+bis)?(?:\s+zum\s+Jahr(?:e)?)?)"
    r"|(?P<since>since|seit(?:\s+dem\s+Jahr(?:e)?)?|ab(?:\s+dem\s+Jahr(?:e)?)?|starting\s+in)"
    r"|(?P<until>until|till|through)"
    r"|(?P<before>before|vor)"
    r"|(?P<after>after|nach)"
    r"|(?P<plain>in|im|during|of|from|the\s+year|in\s+the\s+year|im\s+Jahr(?:e)?|Jahr(?:e|es)?|year"
    r"|early|late|mid-?|end\s+of|beginning\s+of|Anfang|Ende|Mitte|Frühjahr|Herbst|Sommer|Winter"
    r"|spring|summer|autumn|fall|winter|fiscal\s+year|FY|Q[1-4]|H[12]|[1-4]\.\s+Quartal))\s*)$"
)


# "Long March 5" is a rocket, not 5 March.
_NAME_BEFORE_MONTH = re.compile(r"\bLong\s+$")


def _date_norm(
    year: int | None, month: int, day: int | None, published: date | None
) -> dict | None:
    """Normalised form of a single date of day or month precision, or None if impossible."""
    if day is None:
        if not 1 <= month <= 12:
            return None
        if year is not None:
            return {"date": f"{year:04d}-{month:02d}", "precision": "month"}
        if published is None:
            return {"date": None, "month": f"{month:02d}", "precision": "month", "year_inferred": True}
        y = infer_year(month, 1, published)
        return {"date": f"{y:04d}-{month:02d}", "precision": "month", "year_inferred": True}
    if year is not None:
        d = valid_date(year, month, day)
        return {"date": d.isoformat(), "precision": "day"} if d else None
    # 2000 is a leap year: "29 February" without a year stays possible.
    if valid_date(2000, month, day) is None:
        return None
    if published is None:
        return {"date": None, "month_day": f"{month:02d}-{day:02d}", "precision": "day",
                "year_inferred": True}
    y = infer_year(month, day, published)
    d = valid_date(y, month, day)
    if d is None:
        return None
    return {"date": d.isoformat(), "precision": "day", "year_inferred": True}


def _range_norm(
    y1: int | None, m1: int, d1: int | None, y2: int | None, m2: int, d2: int | None,
    published: date | None,
) -> dict | None:
    """Normalised date range; the missing years are taken from the other end or the article date."""
    precision = "day" if d1 is not None else "month"
    k1 = (m1, d1 or 1)
    k2 = (m2, d2 or 1)
    if m1 == m2 and k1 > k2 and (y1 is None or y2 is None):
        # "July 16 to 10" is a typo, not a year-long range.
        return None
    inferred = False
    if y1 is None and y2 is not None:
        y1 = y2 if k1 <= k2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if k1 <= k2 else y1 + 1
    elif y1 is None and y2 is None:
        inferred = True
        if published is None:
            if valid_date(2000, m1, d1 or 1) is None or valid_date(2000, m2, d2 or 1) is None:
                return None
            if precision == "day":
                return {"start": None, "end": None, "start_month_day": f"{m1:02d}-{d1:02d}",
                        "end_month_day": f"{m2:02d}-{d2:02d}", "precision": "day", "year_inferred": True}
            return {"start": None, "end": None, "start_month": f"{m1:02d}", "end_month": f"{m2:02d}",
                    "precision": "month", "year_inferred": True}
        y1 = infer_year(m1, d1 or 1, published)
        y2 = y1 if k1 <= k2 else y1 + 1
    assert y1 is not None and y2 is not None
    s = valid_date(y1, m1, d1 or 1)
    e = valid_date(y2, m2, d2 or 1)
    if s is None or e is None or s > e or (s == e and precision == "day"):
        return None
    if precision == "day":
        out = {"start": s.isoformat(), "end": e.isoformat(), "precision": "day"}
    else:
        out = {"start": f"{y1:04d}-{m1:02d}", "end": f"{y2:04d}-{m2:02d}", "precision": "month"}
    if inferred:
        out["year_inferred"] = True
    return out


def _h_iso(m, text, language, published):
    norm = _date_norm(int(m.group("y")), int(m.group("m")), int(m.group("d")), None)
    if norm:
        yield "date", m.start(), m.end(), norm


def _h_dm_numeric(m, text, language, published):
    """German "am 26.11.": day and month in digits, year from the article date."""
    s = m.start()
    if language != "de" or _CODE_BEFORE.search(text, max(0, s - 20), s):
        return
    norm = _date_norm(None, int(m.group("m")), int(m.group("d")), published)
    if norm:
        yield "date", s, m.end(), norm


def _h_mdy(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None or _NAME_BEFORE_MONTH.search(text, max(0, m.start() - 6), m.start()):
        return
    norm = _date_norm(_int(m.group("y")), month, int(m.group("d")), published)
    if norm:
        yield "date", m.start(), m.end(), norm


def _h_month_year(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None:
        return
    norm = _date_norm(int(m.group("y")), month, None, published)
    if norm:
        yield "date", m.start("mon"), m.end(), norm


def _h_month_only(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None:
        return
    norm = _date_norm(None, month, None, published)
    if norm:
        yield "date", m.start("mon"), m.end(), norm


_NAME_EDITION = re.compile(r"(?i:\bthe\s+)$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
# Words before a number that make it an amount, not a year ("more than 2000", "$2020").
_AMOUNT_BEFORE = re.compile(r"(?i:\b(?:more\s+than|over|about|around|some|nearly|almost|up\s+to|rund|etwa|fast|knapp"
                            r"|insgesamt|total\s+of|von\s+rund|copyright)\s+|[$€£¥©]\s?)$")


def _h_bare_year(m, text, language, published):
    s = m.start()
    ctx = _YEAR_CONTEXT.search(text, max(0, s - 40), s)
    year = int(m.group("y"))
    if not ctx:
        # A year without "in"/"im"/"since" before it ("Landtagswahl 2018", "2019 war ..."): a date unless a
        # counted noun follows ("2000 guests") or a code word precedes it ("No. 2019").
        if not 1900 <= year <= 2099 or _CODE_BEFORE.search(text, max(0, s - 20), s):
            return
        if _find_unit(text, m.end(), language) is not None or _AMOUNT_BEFORE.search(text, max(0, s - 25), s):
            return
        if _NAME_EDITION.search(text, max(0, s - 12), s) and _CAPITAL_AFTER.match(text, m.end()):
            return  # "the 2023 China International Expo": the edition of a named event
        yield "date", s, m.end(), {"date": f"{year:04d}", "precision": "year"}
        return
    if ctx.group("target"):
        t_start = ctx.start("target")
        norm: dict = {"year": year}
        start = t_start
        phrase_start = _target_phrase_start(text, t_start)
        if phrase_start is not None:
            target = re.sub(r"\s+", " ", text[phrase_start:t_start].strip())
            norm["target"] = target
            key = _target_key(target, text[max(0, phrase_start - 60):m.end()])
            if key:
                norm["target_key"] = key
            start = phrase_start
        if "target_key" not in norm:
            _target_after(text, m.end(), norm)
        yield "year_target", start, m.end(), norm
        return
    if ctx.group("before"):
        # "carbon neutrality before 2060" is the same kind of pledge as "by 2060".
        phrase_start = _target_phrase_start(text, ctx.start("before"))
        if phrase_start is not None:
            target = re.sub(r"\s+", " ", text[phrase_start:ctx.start("before")].strip())
            key = _target_key(target, text[max(0, phrase_start - 60):m.end()])
            if key:
                yield "year_target", phrase_start, m.end(), {"year": year, "target": target, "target_key": key,
                                                             "relation": "before"}
                return
    norm = {"date": f"{year:04d}", "precision": "year"}
    for rel in ("since", "until", "before", "after"):
        if ctx.group(rel):
            norm["relation"] = rel
            yield "date", ctx.start(rel), m.end(), norm
            return
    yield "date", s, m.end(), norm


def _h_year_range(m, text, language, published):
    conn = m.group("conn").lower()
    start, pre = _pre_before(text, m.start())
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return
    y1 = int(m.group("y1"))
    raw2 = m.group("y2")
    if len(raw2) == 2:
        if conn not in ("-", "–", "—", "/"):
            return
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if y2 <= y1 or y2 - y1 > 100:
        return
    yield "date_range", start, m.end(), {"start": f"{y1:04d}", "end": f"{y2:04d}", "precision": "year"}


def _range_common(m, text, published, y1, mon1, d1, y2, mon2, d2) -> tuple[int, dict] | None:
    """Start (with any "from"/"vom" opener) and normalised form of a day or month range."""
    conn = re.sub(r"\s+", " ", m.group("conn").lower())
    start, pre = _pre_before(text, m.start())
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return None
    m1 = month_number(mon1)
    m2 = month_number(mon2)
    if m1 is None or m2 is None:
        return None
    norm = _range_norm(y1, m1, d1, y2, m2, d2, published)
    return (start, norm) if norm else None


def _h_range_same_month(m, text, language, published):
    """"June 5-8", "from July 10th to 16th", "5-8 June", "vom 5. bis 8. Juni 2024"."""
    y = _int(m.group("y"))
    found = _range_common(m, text, published, None, m.group("mon"), int(m.group("d1")), y, m.group("mon"),
                          int(m.group("d2")))
    if found:
        yield "date_range", found[0], m.end(), found[1]


def _h_range_two_dates(m, text, language, published):
    gd = m.groupdict()
    d1 = _int(gd.get("d1"))
    d2 = _int(gd.get("d2"))
    found = _range_common(m, text, published, _int(gd.get("y1")), gd["mon1"], d1, _int(gd.get("y2")),
                          gd["mon2"], d2)
    if found:
        yield "date_range", found[0], m.end(), found[1]


def _h_day_list(m, text, language, published):
    """"5. und 6. Juni 2024", "June 5 and 6": two dates sharing a month (and year)."""
    month = month_number(m.group("mon"))
    if month is None:
        return
    year = _int(m.group("y"))
    for group, (start, end) in (("d1", m.span("first")), ("d2", m.span("second"))):
        norm = _date_norm(year, month, int(m.group(group)), published)
        if norm:
            yield "date", start, end, norm


_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Montag|Dienstag|Mittwoch|Donnerstag"
    r"|Freitag|Samstag|Sonnabend|Sonntag|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.),?\s+(?:(?i:the|den|dem)\s+)?$"
)


def _with_weekday(text: str, start: int, norm: dict) -> tuple[int, dict]:
    """Extend a day over its weekday ("Monday, June 3") and flag a weekday that does not fit the date.

    A wrong weekday is a classic sign of a copied or mistyped date, so reviewers are told.
    """
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
    if not m:
        return start, norm
    wd = _WEEKDAYS[m.group("wd").lower().rstrip(".")]
    out = {**norm, "weekday": _WEEKDAY_NAMES[wd]}
    if norm.get("date"):
        actual = date.fromisoformat(norm["date"]).weekday()
        if actual != wd:
            out["weekday_mismatch"] = True
    return m.start("wd"), out


def _with_relation(text: str, start: int, norm: dict) -> tuple[int, dict]:
    """Extend a date leftwards over "until"/"since"/"bis zum"/"seit" and record the relation."""
    if "relation" in norm:
        return start, norm
    m = _REL_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return start, norm
    word = m.group("rel").split()[0].lower()
    rel = _REL_CANON.get(word)
    if rel is None:
        return start, norm
    return m.start("rel"), {**norm, "relation": rel}



def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Absolute dates, date ranges and lists of days."""
    return [
        # Look-behinds sit after a first digit so that the engine can skip straight to digits.
        (r"(?P<y>[0-9](?<![\w.\-/][0-9])[0-9]{3})([-/])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?![\w\-/]|\.\d)",
         _h_iso, _G_DIGIT),
        (rf"(?P<d>[0-9](?<![\w.\-/][0-9])[0-9]?)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})(?![\w]|\.\d)", _h_iso,
         _G_DIGIT),
        *(
            [(r"(?P<d>[0-9](?<![\w.,\-/][0-9])[0-9]?)\.(?P<m>[01]?\d)\.(?!\d|[^\W\d_])", _h_dm_numeric, _G_DIGIT)]
            if language == "de" else []
        ),
        (rf"(?P<mon>{_MON})\s*(?P<d>[0-3]?\d){p.day_en}{_DAY_END}(?:(?:,\s*|\s+)(?P<y>{_YEAR})(?!\d))?",
         _h_mdy, _G_MONTH),
        (rf"(?<![\w.,])(?P<d>[0-3]?\d){p.dm_sep}(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_mdy, _G_MONTH),
        (rf"(?<![\w.])(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})(?![\d]|[.,]\d)", _h_month_year, _G_MONTH),
        (rf"(?i:\b(?:in|im|during|since|seit|until|till|bis|by|early|late|mid-?|Anfang|Ende|Mitte)\s+)"
         rf"(?:(?i:the\s+)?(?i:end|beginning|middle)\s+of\s+)?(?P<mon>{_MON_FULL})"
         # "im Dezember 4,1 Prozent": a decimal number after the month is no day of it
         r"(?!\s*\d+(?!\d|[.,]\d)|\s*[.,]\d)",
         _h_month_only, _G_MONTH),
        (rf"(?P<y>{_YEAR_LB})(?![\w]|[.,:]\d|\s?[-–—/]\s?\d|\s?%)", _h_bare_year, _G_DIGIT),
        # ---- date ranges
        (rf"(?P<y1>{_YEAR_LB})\s*(?P<conn>[-–—/]|(?i:to|through|until|till|bis|and|und))"
         rf"\s*(?P<y2>{_YEAR}|\d\d)(?![\w]|[.,:\-–/]\d)", _h_year_range, _G_DIGIT),
        (rf"(?P<mon>{_MON})\s*(?P<d1>[0-3]?\d){p.day_en}\s*{p.range_conn}\s*(?P<d2>[0-3]?\d){p.day_en}"
         rf"{_DAY_END}(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_range_same_month, _G_MONTH),
        (rf"(?<![\w.,])(?P<d1>[0-3]?\d)(?:\.|{_ORD_SUFFIX})?\s*{p.range_conn}\s*(?P<d2>[0-3]?\d){p.dm_sep}"
         rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_range_same_month, _G_MONTH),
        (rf"(?P<mon1>{_MON})\s*(?P<d1>[0-3]?\d){p.day_en}(?:,?\s+(?P<y1>{_YEAR}))?\s*{p.range_conn}\s*"
         rf"(?P<mon2>{_MON})\s*(?P<d2>[0-3]?\d){p.day_en}{_DAY_END}(?:,?\s+(?P<y2>{_YEAR})(?!\d))?",
         _h_range_two_dates, _G_MONTH),
        (rf"(?<![\w.,])(?P<d1>[0-3]?\d){p.dm_sep}(?P<mon1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?\s*"
         rf"{p.range_conn}\s*(?P<d2>[0-3]?\d){p.dm_sep}(?P<mon2>{_MON})(?:,?\s+(?P<y2>{_YEAR})(?!\d))?",
         _h_range_two_dates, _G_MONTH),
        (rf"(?P<mon1>{_MON})(?:\s+(?P<y1>{_YEAR}))?\s*{p.range_conn}\s*(?P<mon2>{_MON}),?\s+"
         rf"(?P<y2>{_YEAR})(?!\d)", _h_range_two_dates, _G_MONTH),
        (rf"(?<![\w.,])(?P<first>(?P<d1>[0-3]?\d)(?:\.|{_ORD_SUFFIX})?)\s*(?:,|(?i:and|und|&))\s*"
         rf"(?P<second>(?P<d2>[0-3]?\d){p.dm_sep}(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?)",
         _h_day_list, _G_MONTH),
        (rf"(?P<first>(?P<mon>{_MON})\s*(?P<d1>[0-3]?\d){p.day_en})(?!,\d)\s*(?:,|(?i:and|&))\s*"
         rf"(?P<second>(?P<d2>[0-3]?\d){p.day_en}{_DAY_END}(?:,?\s+(?P<y>{_YEAR})(?!\d))?)",
         _h_day_list, _G_MONTH),
    ]
