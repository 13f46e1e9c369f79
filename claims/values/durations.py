"""Spans of time ("for three years", "drei Tage lang")."""
from __future__ import annotations

import re
from decimal import Decimal

from claims.numbers import as_number
from claims.values.lexicon import _TIME_UNITS
from claims.values.numerals import PatternSpec, Pieces, _value_of, _with_qualifier
from claims.values.scan import _G_CLOCK, _G_DURATION, _G_TIME_OF_DAY

_AGO_AFTER = re.compile(r"(?i:\s+(?:ago|old|earlier|later|alt|älter|später|zuvor|danach|before|after)|-old)\b")


_DUR_PRE_BEFORE = re.compile(
    r"(?i:\b(?:for|für|over\s+the\s+(?:past|last|next)|in\s+the\s+(?:past|last|next)|during\s+the\s+(?:past|last))"
    r"\s+)$"
)


_VOR_BEFORE = re.compile(r"(?i:\bvor\s+)$")


def _h_duration(m, text, language, published):
    s = m.start()
    if _VOR_BEFORE.search(text, max(0, s - 5), s) or _AGO_AFTER.match(text, m.end()):
        return
    value = _value_of(m.group("n"), language)
    if value is None or value <= 0:
        return
    if not m.group("n")[:1].isdigit() and not m.group("n")[:1].isalpha():
        return
    unit = _TIME_UNITS.get(m.group("u").lower())
    if unit is None:
        return
    end = m.end()
    if m.group("half") and value == value.to_integral_value():
        # "three and a half minutes": the half sits between the number and its unit.
        value += Decimal("0.5")
    norm: dict = {"value": as_number(value), "unit": unit, "iso": iso_duration(value, unit)}
    start = _with_qualifier(text, s, norm)
    pre = _DUR_PRE_BEFORE.search(text, max(0, start - 30), start)
    if pre:
        start = pre.start()
    yield "duration", start, end, norm


_SECONDS = {"hour": 3600, "minute": 60, "second": 1}
_ISO_DATE = {"year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100), "month": ("M", 1), "week": ("W", 1),
             "day": ("D", 1)}


def iso_duration(value: Decimal, unit: str) -> str | None:
    """ISO 8601 form of an amount of one time unit ("3.5 minute" -> "PT3M30S"), so spellings compare."""
    if unit in _SECONDS:
        return _iso_seconds(value * _SECONDS[unit])
    if unit in _ISO_DATE:
        letter, mult = _ISO_DATE[unit]
        return f"P{as_number(value * mult)}{letter}"
    return None


def _iso_seconds(total: Decimal) -> str:
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes or (hours and seconds):
        out += f"{int(minutes)}M"
    if seconds or out == "PT":
        out += f"{as_number(seconds)}S"
    return out


def _h_clock_duration(m, text, language, published):
    """Race and record times: "2:00:35", "1:59:40,2 Stunden", "60:48 Minuten"."""
    h = int(m.group("h")) if m.group("h") else 0
    minutes, secs = int(m.group("m")), int(m.group("s"))
    if m.group("h") is None and not m.group("mu"):
        return  # "23:11" alone is a time of day; "60:48 Minuten" is a duration
    frac = m.group("f")
    total = Decimal(h * 3600 + minutes * 60 + secs) + (Decimal("0." + frac) if frac else 0)
    iso = f"PT{h}H{minutes}M{as_number(Decimal(secs) + (Decimal('0.' + frac) if frac else 0))}S" if h else \
        _iso_seconds(total)
    norm: dict = {"value": as_number(total), "unit": "second", "iso": iso}
    start = _with_qualifier(text, m.start(), norm)
    yield "duration", start, m.end(), norm


def _h_compound_duration(m, text, language, published):
    """"2 hours, 35 seconds", "three minutes and 27 seconds": one span of time written in parts."""
    total = Decimal(0)
    for n, u in (("n", "u"), ("n2", "u2")):
        value = _value_of(m.group(n), language)
        unit = _TIME_UNITS.get(m.group(u).lower())
        if value is None or unit not in _SECONDS:
            return
        total += value * _SECONDS[unit]
    first = _TIME_UNITS[m.group("u").lower()]
    second = _TIME_UNITS[m.group("u2").lower()]
    if _SECONDS[first] <= _SECONDS[second]:
        return
    norm: dict = {"value": as_number(total), "unit": "second", "iso": _iso_seconds(total)}
    start = _with_qualifier(text, m.start(), norm)
    yield "duration", start, m.end(), norm


def _h_article_duration(m, text, language, published):
    """"almost a minute", "more than a century": "a" is one only after a qualifier."""
    norm: dict = {}
    start = _with_qualifier(text, m.start(), norm)
    if start == m.start():
        return
    unit = _TIME_UNITS.get(m.group("u").lower())
    if unit is None:
        return
    value = Decimal("0.5") if m.group("half") else Decimal(1)
    norm.update({"value": as_number(value), "unit": unit, "iso": iso_duration(value, unit)})
    yield "duration", start, m.end(), norm


def _h_hyphen_duration_any(m, text, language, published):
    if m.group("u"):
        yield from _h_hyphen_duration(m, text, language, published)
        return
    token = m.group("nw")
    value = Decimal(token) if token.isdigit() else _value_of(token, "de")
    unit = _HYPHEN_UNITS.get(m.group("uw").lower())
    if value is None or unit is None:
        return
    yield "duration", m.start(), m.end(), {"value": as_number(value), "unit": unit,
                                            "iso": iso_duration(value, unit)}


def _h_hyphen_duration(m, text, language, published):
    """"a five-year journey", "the 2-hour mark", "dreitägige Staatstrauer"."""
    value = _value_of(m.group("n"), language)
    unit = _HYPHEN_UNITS.get(m.group("u").lower())
    if value is None or value <= 0 or unit is None:
        return
    yield "duration", m.start(), m.end(), {"value": as_number(value), "unit": unit,
                                            "iso": iso_duration(value, unit)}


_HYPHEN_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour", "minute": "minute",
                 "second": "second", "tägig": "day", "tägige": "day", "tägigen": "day", "tägiger": "day",
                 "tägiges": "day", "wöchig": "week", "wöchige": "week", "wöchigen": "week", "monatig": "month",
                 "monatige": "month", "monatigen": "month", "stündig": "hour", "stündige": "hour",
                 "stündigen": "hour"}



def _h_time_of_day(m, text, language, published):
    """"at 8 p.m.", "9:30 am", "at 14:05 GMT", "um 14 Uhr", "um 9.30 Uhr": a time of day, kept as a date of
    precision "time" ({"date": None, "time": "20:00"}) so that it is never read as an amount."""
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            return
        hour = hour % 12 + (12 if ap == "pm" else 0)
        if "." not in m.group("ap") and not m.group("mi") and not _AT_BEFORE.search(text, 0, m.start()):
            return  # "5 am" alone could be the verb; "at 5 am", "5:30 am" and "5 a.m." are times
    elif not m.group("mi") and not m.group("uhr"):
        return
    if hour > 23:
        return
    yield "date", m.start(), m.end(), {"date": None, "precision": "time", "time": f"{hour:02d}:{minute:02d}"}


_AT_BEFORE = re.compile(r"(?i:\b(?:at|by|until|till|from|before|after|since|around|about)\s+)$")
_TIME_OF_DAY = (
    r"(?<![\w.,:])(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?(?![\d:])"
    r"(?:\s?(?P<ap>(?i:a\.m\.|p\.m\.|am|pm)(?![^\W\d_]))|\s(?P<uhr>Uhr)\b"
    r"|(?<=\d\d)(?=\s(?:GMT|UTC|BST|CET|CEST|MEZ|MESZ|EST|EDT|ET|PST|PDT|PT|local\s+time)\b))"
)


def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Spans of time."""
    units = (r"(?i:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century)"
             r"|Sekunden|Sekunde|Jahren|Jahre|Jahr|Monaten|Monate|Monat|Wochen|Woche|Tagen|Tage|Tag|Stunden"
             r"|Stunde|Minuten")
    return [
        (_TIME_OF_DAY, _h_time_of_day, _G_TIME_OF_DAY),
        (r"(?<![\d:.,])(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?:[.,](?P<f>\d{1,2}))?(?![\d:])"
         r"(?:\s?(?P<hu>Stunden|Std\.|(?i:hours?|hrs?)(?![^\W\d_]))|\s?(?P<mu>Minuten|(?i:minutes|min)(?![^\W\d_])))?",
         _h_clock_duration, _G_CLOCK),
        (rf"{p.num('n')}\s+(?P<u>{units})(?:,\s*|\s+(?i:and|und)\s+){p.num('n2')}\s+(?P<u2>{units})(?![^\W\d_])",
         _h_compound_duration, _G_DURATION),
        (r"(?i:\b(?P<half>half\s+)?an?\s+(?P<u>minute|hour|day|week|month|year|decade|century)\b)",
         _h_article_duration, _G_DURATION),
        (r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
         r"|fifteen|twenty|thirty|forty|fifty|sixty|hundred)-(?P<u>year|month|week|day|hour|minute|second)"
         r"(?!-?olds?\b)(?![^\W\d_])"
         r"|(?P<nw>(?i:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d+))-?"
         r"(?P<uw>(?i:tägig|wöchig|monatig|stündig)(?:e[nmrs]?)?)\b", _h_hyphen_duration_any, _G_DURATION),
        (rf"{p.num('n')}(?P<half>\s+(?i:and\s+a\s+half))?\s+(?P<u>(?i:years?|months?|weeks?|days?|hours?|minutes?"
         rf"|seconds?|decades?|centuries|century)|Sekunden|Sekunde|Jahren|Jahre|Jahr|Jahrzehnten|Jahrzehnte|Jahrzehnt|Monaten|Monate"
         rf"|Monat|Wochen|Woche|Tagen|Tage|Tag|Stunden|Stunde|Minuten|Jahrhunderten|Jahrhunderte"
         rf"|Jahrhundert)(?:\s+(?:lang|long))?(?![^\W\d_])", _h_duration, _G_DURATION),
    ]
