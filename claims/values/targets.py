"""Year targets ("neutrality by 2060"): the goal named before or after the year."""
from __future__ import annotations

import re

from claims.values.lexicon import _TARGET_STOP
from claims.values.numerals import _LAST_WORD

# A goal word within a few words after the year, before any punctuation.
_TARGET_AFTER = re.compile(
    r"[^.;:!?,\n]{0,40}?\b(?P<t>[\w\-]*(?i:neutral|höchststand|spitzenwert|scheitelpunkt|net[\s\-]zero"
    r"|netto[\s\-]null)[\w\-]*)"
)


def _target_phrase_start(text: str, pos: int) -> int | None:
    """Start of the noun phrase naming a year target ("a coal exit by 2038" -> "coal exit")."""
    start = None
    for _ in range(3):
        m = _LAST_WORD.search(text, max(0, pos - 40), pos)
        word = m.group(1).lower() if m else ""
        # Participles ("completed by 2025") describe an action, not the target's name.
        if not m or word in _TARGET_STOP or (word.endswith("ed") and len(word) > 4):
            break
        start = m.start(1)
        pos = start
    return start


def _target_after(text: str, pos: int, norm: dict) -> None:
    """German puts the goal after the year ("bis 2060 klimaneutral werden"): name it if it is known."""
    m = _TARGET_AFTER.match(text, pos)
    if not m:
        return
    key = _target_key(m.group("t"), text[max(0, pos - 60):m.end()])
    if key:
        norm.setdefault("target", m.group("t"))
        norm["target_key"] = key


# What makes a goal a climate goal: the goal's words or the words just before it name carbon, CO2,
# emissions, greenhouse gases or the climate. Any "peak by 2030" is a peak of something; only a peak of
# emissions is a peak of carbon (a peak of sales, of demand or of a pandemic is not).
_CLIMATE = re.compile(r"carbon|co2|co₂|emission|greenhouse|climate|kohlenstoff|kohlendioxid|treibhaus|klima")


def _target_key(target: str, context: str = "") -> str | None:
    """Language-independent key of a year target: net_zero, carbon_neutrality, carbon_peak, or the generic
    neutrality / peak when nothing names the climate."""
    low = target.lower()
    climate = _CLIMATE.search(low) is not None or _CLIMATE.search(context.lower()) is not None
    if re.search(r"net[\s\-]?zero|netto[\s\-]?null", low):
        return "net_zero"
    if "neutral" in low:
        return "carbon_neutrality" if climate else "neutrality"
    if re.search(r"peak|höchst|spitze|gipfel|scheitel", low):
        return "carbon_peak" if climate else "peak"
    return None

