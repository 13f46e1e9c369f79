"""Ranks: ordinal places, tops, firsts and superlatives."""
from __future__ import annotations

import re

from claims.numbers import EN_ORDINALS, parse_de_ordinal, parse_en_words
from claims.values.lexicon import _EN_DETERMINERS, _SUPERLATIVES
from claims.values.numerals import _DE_ORD, _DE_WORDS, _EN_ORD, _EN_WORDS, PatternSpec, Pieces, _value_of
from claims.values.scan import (
    _G_FIRST_DE,
    _G_FIRST_EN,
    _G_PLATZ,
    _G_RANK_DE,
    _G_RANK_EN,
    _G_SUPERLATIVE_DE,
    _G_SUPERLATIVE_EN,
    _G_TOP,
)
from claims.values.units import _find_unit

_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _of_part(m, text, language) -> tuple[int, int | None]:
    """End and "of N" total of a rank phrase ("... among 197 countries")."""
    if not m.group("of"):
        return m.end("ord_end"), None
    value = _value_of(m.group("of"), language)
    if value is None or value != value.to_integral_value() or value < 2:
        return m.end("ord_end"), None
    end = m.end()
    found = _find_unit(text, end, language)
    if found:
        end = found[0]
    return end, int(value)


def _h_rank_en(m, text, language, published):
    raw = m.group("ord") or m.group("numrank")
    low = raw.lower()
    if low in EN_ORDINALS:
        rank = EN_ORDINALS[low]
    else:
        digits = re.match(r"\d+", raw)
        if digits:
            rank = int(digits.group())
        else:
            v = parse_en_words(raw)
            if v is None:
                return
            rank = v
    yield from _rank_values(m, text, language, rank)


def _rank_values(m, text, language, rank: int):
    """A rank with its "of N" when one follows, and the short form: the longest match wins later."""
    if rank < 1:
        return
    end, of = _of_part(m, text, language)
    if of is not None and of >= rank:
        yield "rank", m.start(), end, {"rank": rank, "of": of}
    yield "rank", m.start(), m.end("ord_end"), {"rank": rank}


def _h_rank_de(m, text, language, published):
    raw = m.group("ord")
    if raw[:1].isdigit():
        rank = int(raw.rstrip("."))
    else:
        r = parse_de_ordinal(raw)
        if r is None:
            return
        rank = r
    yield from _rank_values(m, text, language, rank)


def _h_top(m, text, language, published):
    value = _value_of(m.group("n"), language)
    if value is None or value != value.to_integral_value() or value < 1:
        return
    yield "rank", m.start(), m.end(), {"top": int(value)}


def _h_first(m, text, language, published):
    lead = m.group(0).split(None, 1)[0].lower()
    if language != "de" and lead in _EN_DETERMINERS and _CAPITAL_NEXT.match(text, m.end("first")):
        # "the first China International Import Expo": an edition number, not a claim of primacy.
        return
    yield "rank", m.start("first"), m.end("first"), {"rank": 1, "first": True}


def _h_superlative(m, text, language, published):
    raw = m.group("ord")
    rank = 1
    if raw:
        low = raw.lower().rstrip("-")
        if low[:1].isdigit():
            rank = int(re.match(r"\d+", low).group())
        else:
            rank = EN_ORDINALS.get(low) or parse_de_ordinal(low + "e") or 0
        if rank < 2:
            return
    sup = _SUPERLATIVES.get(m.group("sup").lower())
    if sup is None:
        return
    yield "rank", m.start("body"), m.end("body"), {"rank": rank, "superlative": sup}



def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Ranks, tops, firsts and superlatives."""
    return [
        (rf"\b(?i:rank(?:s|ed|ing)?|placed|placing|came|comes|finished|finishing|positioned)\s+"
         rf"(?:[A-Z][\w'’\-]*\s+){{0,2}}(?:(?i:at|in)\s+)?(?:(?i:no\.|number)\s*(?P<numrank>\d{{1,3}}|{_EN_WORDS})|(?i:the\s+)?"
         rf"(?P<ord>{_EN_ORD}))(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:among|out\s+of|of\s+(?:the\s+)?|from|unter|von|aus)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{p.words_alt}))?", _h_rank_en, _G_RANK_EN),
        (rf"(?:\b(?i:den|dem|der)\s+)?(?P<ord>{_DE_ORD})\s+(?:Platz|Rang|Stelle|Position)\b(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:unter|von|aus|among|of)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{p.words_alt}))?", _h_rank_de, _G_RANK_DE),
        (rf"\b(?:auf\s+)?(?:Platz|Rang)\s+(?P<ord>\d{{1,3}})(?![\w.,]\d?)(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:unter|von|aus)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{p.words_alt}))?", _h_rank_de, _G_PLATZ),
        (rf"\b(?i:top)[\s\-]+(?P<n>\d{{1,4}}(?![\w.,]\d?)|{_EN_WORDS}|{_DE_WORDS})", _h_top, _G_TOP),
        (r"(?:(?<=['’]s)|(?<=s['’])|\b(?i:the|its|their|his|her|our)\b)\s+(?:(?i:very)\s+)?"
         r"(?P<first>(?i:first)(?:-ever)?)\b(?![\-–,.;:!?)\"”']|\s*$|\s+(?i:time|times|half|quarter|phase"
         r"|stage|step|steps|day|days|week|weeks|month|months|year|years|of|and|or|round|batch|batches"
         r"|session|sessions|edition|meeting|place|line|lady|name|floor|hand|glance|sight|thing|things|two"
         r"|three|four|five|six|seven|eight|nine|ten|few|part|section|chapter|page|person|instance|one"
         r"|to|in|on|at|was|is|were|are|had|has|will|by|with|for)\b)", _h_first, _G_FIRST_EN),
        (r"(?:\b(?i:das|der|die|den|dem|des|sein|seine[nmrs]?|ihr|ihre[nmrs]?|unser|unsere[nmrs]?)"
         r"|\b[A-ZÄÖÜ][^\W\d_]*s)\s+(?P<first>(?i:allerersten?|allererste[mrs]?|ersten?|erste[mrs]?))\b"
         r"(?![\-–,.;:!?)\"”']|\s*$|\s+(?:Mal|Male|Hälfte|Quartal|Quartals|Phase|Schritt|Schritte|Tag|Tage"
         r"|Woche|Monat|Monats|Jahr|Jahres|Runde|Sitzung|Ausgabe|Teil|Linie|Platz|Rang|Stelle|Hand|Blick"
         r"|zwei|drei|vier|fünf|zehn|Reihe|Stock|Halbjahr|Halbjahres|von|und|oder|in|im|am|an)\b)",
         _h_first, _G_FIRST_DE),
        (r"(?:(?<=['’]s)|(?<=s['’])|\b(?i:the|its|their|world's|world’s)\b)\s+(?P<body>(?:(?P<ord>(?i:second"
         r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|\d{1,2}(?:nd|rd|th))[\s\-])?"
         r"(?P<sup>(?i:largest|biggest|tallest|longest)))\b", _h_superlative, _G_SUPERLATIVE_EN),
        (r"\b(?P<body>(?P<ord>(?i:zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt))?"
         r"(?P<sup>(?i:größt|grösst|längst))e[nmrs]?)\b", _h_superlative, _G_SUPERLATIVE_DE),
    ]
