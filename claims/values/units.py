"""The unit after a number, its canonical key, and rates ("per year")."""
from __future__ import annotations

import re

from claims.calendar import month_number
from claims.values.lexicon import (
    _ABBR_UNITS,
    _COMPOUND_UNITS,
    _DE_STOP,
    _EN_IRREGULAR_PLURALS,
    _EN_STOP,
    _MEASURE_KEYS,
    _NOT_UNITS,
    _PER_CANON,
    UNIT_KEYS,
)
from claims.values.numerals import _ABBR, _NEXT_WORD

_PER_AFTER = re.compile(
    r"(?i:\s{1,3}(?:per|a|an|each|every|pro|je|im)\s+(?P<p1>year|annum|month|week|day|hour|Jahr|Monat|Woche|Tag"
    r"|Stunde)\b|\s?/\s?(?P<p2>year|yr|a|month|day|Jahr|Monat|Tag|h)\b|\s{1,3}(?P<p3>annually|yearly|jährlich)\b"
    r"|\s{1,3}(?P<p4>p\.\s?a\.))"
    r"(?!\s+(?i:ago|earlier|later|before|after|zuvor|später|davor))"
)


_ABBR_AT = re.compile(r"\s?(" + _ABBR + r")(?![^\W\d_])")
# A measure glued by a hyphen: "a 6.1-inch display", "a 5-mpg boost", "a 40-yard dash".
_HYPHEN_UNIT = re.compile(r"-([^\W\d_]+)(?![\w\-])")


def _find_unit(text: str, pos: int, language: str, *, allow_upper: bool = False) -> tuple[int, str] | None:
    """The unit noun after a number at `pos`: (end offset, surface unit), or None.

    English: the first plural-looking word within a few lowercase modifiers ("over 600 domestic and
    foreign enterprises" -> "enterprises"). German: the first capitalised word after lowercase
    adjectives ("168 namhafte Unternehmen" -> "Unternehmen").
    """
    m = _ABBR_AT.match(text, pos)
    if m:
        return m.end(), m.group(1)
    m = _HYPHEN_UNIT.match(text, pos)
    if m and UNIT_KEYS.get(m.group(1).lower()) in _MEASURE_KEYS:
        return m.end(), m.group(1)
    p = pos
    prev = ""
    prev_start = pos
    for i in range(6):
        m = _NEXT_WORD.match(text, p)
        if not m:
            return None
        word = m.group(1)
        low = word.lower()
        if low in _NOT_UNITS or (month_number(low.rstrip(".")) is not None and word[:1].isupper()):
            return None
        compound = f"{prev} {low}" if prev else ""
        if compound in _COMPOUND_UNITS:
            return m.end(), text[prev_start:m.end()]
        if language == "de":
            if word[:1].isupper() and low not in _DE_STOP:
                return m.end(), word
            if low in ("und", "oder", "sowie") and i > 0:
                p = m.end()
                continue
            if low in _DE_STOP or low in _EN_STOP:
                return None
        else:
            if low in UNIT_KEYS and low not in ("land",):
                nxt = _NEXT_WORD.match(text, m.end())
                if nxt and f"{low} {nxt.group(1).lower()}" in _COMPOUND_UNITS:
                    return nxt.end(), text[m.start(1):nxt.end()]
                return m.end(), word
            if word[:1].isupper() and not (allow_upper and i == 0):
                # "seven European countries", "three Grammy awards": a capitalised modifier may stand before
                # the counted noun, which is then a lowercase plural; a name alone is no unit.
                if i < 2 and word.isalpha() and low not in _EN_STOP:
                    nxt = _NEXT_WORD.match(text, m.end())
                    if nxt and nxt.group(1).islower() and (_looks_plural(nxt.group(1)) or nxt.group(1) in UNIT_KEYS):
                        return nxt.end(), nxt.group(1)
                return None
            if low in ("and", "or") and i > 0:
                p = m.end()
                continue
            if low in _EN_STOP:
                return None
            if _looks_plural(low):
                return m.end(), word
        prev = low
        prev_start = m.start(1)
        p = m.end()
    return None


def _looks_plural(low: str) -> bool:
    if low in _EN_IRREGULAR_PLURALS:
        return True
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "ous", "'s", "’s", "ics"))
    )


def unit_key(unit: str) -> str:
    """Canonical, language-independent key of a unit word ("Tonnen" -> "t", "countries" -> "country").

    Units outside the table get a lowercase singular guess (English plural rules only).
    """
    low = re.sub(r"\s+", " ", unit.lower())
    if low in UNIT_KEYS:
        return UNIT_KEYS[low]
    if unit in _ABBR_UNITS:
        return unit
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


# "$21.25 per square foot", "$58 a barrel", "€1.20 pro Liter": a rate per any counted or measured thing.
_PER_NOUN = re.compile(r"\s{1,3}(?:(?P<per>per|pro|je)|(?P<art>an?))\s+(?P<w1>[^\W\d_]+)(?:\s+(?P<w2>[^\W\d_]+))?")


def _per_noun(text: str, end: int) -> tuple[int, str] | None:
    """The thing a rate is per: any noun after "per"/"pro"/"je"; after "a"/"an" only a unit of measure or
    "share" (else "$5 a person" would read "a" as a rate even in "$5 a week later")."""
    m = _PER_NOUN.match(text, end)
    if not m:
        return None
    w1, w2 = m.group("w1"), m.group("w2")
    two = f"{w1} {w2}".lower() if w2 else ""
    if two and two in UNIT_KEYS:
        return m.end(), two
    low = w1.lower()
    if low in _EN_STOP or low in _DE_STOP:
        return None
    if m.group("art") and not (UNIT_KEYS.get(low) in _MEASURE_KEYS or low == "share"):
        return None
    return m.end("w1"), unit_key(low) if low not in UNIT_KEYS else low


def _with_rate(text: str, end: int, norm: dict) -> int:
    """Extend an amount over "per year"/"a year"/"/Jahr"/"jährlich" and record {"per": "year"}; or over
    "per barrel"/"an ounce" and record the singular noun ({"per": "barrel"})."""
    m = _PER_AFTER.match(text, end)
    if not m:
        found = _per_noun(text, end)
        if found is None:
            return end
        norm["per"] = found[1]
        return found[0]
    word = next(g for g in m.groups() if g)
    per = "year" if word.lower().startswith("p.") else _PER_CANON.get(word.lower())
    if per is None:
        return end
    norm["per"] = per
    return m.end()

