"""Spans of time ("for three years", "drei Tage lang")."""
from __future__ import annotations

import re

from claims.numbers import as_number
from claims.values.lexicon import _TIME_UNITS
from claims.values.numerals import PatternSpec, Pieces, _value_of, _with_qualifier
from claims.values.scan import _G_DURATION

_AGO_AFTER = re.compile(r"(?i:\s+(?:ago|old|earlier|later|alt|älter|später|zuvor|danach|before|after))\b")


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
    norm: dict = {"value": as_number(value), "unit": unit}
    start = _with_qualifier(text, s, norm)
    pre = _DUR_PRE_BEFORE.search(text, max(0, start - 30), start)
    if pre:
        start = pre.start()
    yield "duration", start, m.end(), norm



def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Spans of time."""
    return [
        (rf"{p.num('n')}\s+(?P<u>(?i:years?|months?|weeks?|days?|hours?|minutes?"
         rf"|seconds?|decades?|centuries|century)|Sekunden|Sekunde|Jahren|Jahre|Jahr|Jahrzehnten|Jahrzehnte|Jahrzehnt|Monaten|Monate"
         rf"|Monat|Wochen|Woche|Tagen|Tage|Tag|Stunden|Stunde|Minuten|Jahrhunderten|Jahrhunderte"
         rf"|Jahrhundert)(?:\s+(?:lang|long))?(?![^\W\d_])", _h_duration, _G_DURATION),
    ]
