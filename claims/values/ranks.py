"""Ranks: ordinal places, tops, firsts and superlatives."""
from __future__ import annotations

import re

from claims.numbers import EN_ORDINALS, parse_de_ordinal, parse_en_words
from claims.values.lexicon import _EN_DETERMINERS, _SUPERLATIVES
from claims.values.numerals import _DE_ORD, _DE_WORDS, _EN_ORD, _EN_WORDS, PatternSpec, Pieces, _value_of
from claims.values.scan import (
    _G_FIRST_DE,
    _G_FIRST_EN,
    _G_ORDINAL,
    _G_PLATZ,
    _G_RANK_DE,
    _G_RANK_EN,
    _G_RECORD,
    _G_SUPERLATIVE_ANY,
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


# --------------------------------------------------------------------------- ranks in real wording
# "a world record", "Europarekord", "the second-fastest ever", "Morocco's deadliest earthquake",
# "die stärkste Kraft", "zweitstärkste Kraft", "was second in 2:04:02", "third place", "Platz zwei".

_LAST_WORDS = frozenset({"worst", "lowest", "weakest", "poorest", "schlechteste", "schlechtesten", "schlechtester",
                         "niedrigste", "niedrigsten", "niedrigster", "schwächste", "schwächsten", "tiefstand"})
# Words ending in "-est"/"-ste" that are not superlatives (English spelling, German verb and noun forms).
_NOT_SUPERLATIVE = frozenset({
    "interest", "latest", "test", "west", "rest", "honest", "modest", "forest", "guest", "request", "contest",
    "protest", "harvest", "suggest", "digest", "manifest", "nest", "chest", "quest", "arrest", "invest", "pest",
    "vest", "crest", "earnest", "midwest", "southwest", "northwest", "conquest", "unrest", "behest", "bequest",
    "inquest", "priest", "zest", "jest", "attest", "detest", "infest", "divest", "ingest", "congest", "lest",
    "nächste", "nächsten", "nächster", "nächstes", "letzte", "letzten", "letzter", "letztes", "erste", "ersten",
    "erster", "erstes", "feste", "festen", "fester", "festes", "sonst", "selbst", "meist",
})
_EN_ORDINAL_RANK = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                    "ninth": 9, "tenth": 10}
_DE_ORDINAL_RANK = {"zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "neunt": 9,
                    "zehnt": 10}
_DE_NUMBER_RANK = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
                   "neun": 9, "zehn": 10}


def _h_record(m, text, language, published):
    yield "rank", m.start(), m.end(), {"rank": 1, "record": True}


def _h_any_superlative(m, text, language, published):
    sup = m.group("sup").lower()
    stem = sup.split()[-1]
    if stem in _NOT_SUPERLATIVE or sup in _NOT_SUPERLATIVE or stem.endswith(("sste", "ssten", "sster")):
        return
    ordinal = (m.group("ord") or "").lower().rstrip("-")
    rank = _EN_ORDINAL_RANK.get(ordinal) or _DE_ORDINAL_RANK.get(ordinal) or 1
    norm: dict = {"rank": "last" if stem in _LAST_WORDS and rank == 1 else rank, "superlative": stem}
    yield "rank", m.start("body"), m.end("body"), norm


def _h_ordinal_place(m, text, language, published):
    word = m.group("ord").lower()
    rank = _EN_ORDINAL_RANK.get(word) or _DE_ORDINAL_RANK.get(word.rstrip("enmrs")) or _DE_ORDINAL_RANK.get(
        word[:-1]) or _DE_ORDINAL_RANK.get(word[:-2])
    if rank is None:
        digits = re.match(r"\d+", word)
        rank = int(digits.group()) if digits else None
    if not rank:
        return
    yield "rank", m.start(), m.end(), {"rank": rank}


def _h_platz_word(m, text, language, published):
    rank = _DE_NUMBER_RANK.get(m.group("w").lower())
    if rank:
        yield "rank", m.start(), m.end(), {"rank": rank}


def real_wording_patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Records, superlatives of any adjective, bare ordinal places (English and German)."""
    det_en = r"(?:(?<=['’]s)|(?<=s['’])|\b(?i:the|its|their|his|her|a|an|by\s+far\s+the))"
    return [
        (r"\b(?:(?i:a|the|its|his|her|their|new)\s+)?(?:(?i:unofficial|official|new|world|course|european|all-time"
         r"|national|season|personal|event|marathon|track|olympic)\s+){0,3}(?i:record)(?!s|ed|ing|er)"
         r"(?:\s+(?i:high|low|rate|time|level))?\b"
         r"|\b[A-ZÄÖÜ]?[a-zäöüß\-]*(?:[Rr]ekord)(?:ler(?:in)?|marke|zeit|wert)?(?![^\W\d_])",
         _h_record, _G_RECORD),
        (rf"{det_en}\s+(?P<body>(?:(?P<ord>(?i:second|third|fourth|fifth))[\s\-])?"
         r"(?P<sup>(?i:most\s+[a-z]+|best|worst|[a-z]{2,}est))(?:[\s\-]ever)?)\b(?![\-'’])",
         _h_any_superlative, _G_SUPERLATIVE_ANY),
        (r"(?:\b(?i:der|die|das|den|dem|des|zur|zum|am|als|ein|eine|einen|einem|seine[nmrs]?|ihre[nmrs]?|seiner"
         r"|ihrer)\s+(?:[a-zäöüß]+e[nmrs]?\s+)?)?(?P<body>(?P<ord>(?i:zweit|dritt|viert|fünft))?"
         r"(?P<sup>[a-zäöüß]{2,}(?:st|ßt)e[nmrs]?))\b",
         _h_any_superlative_de, _G_SUPERLATIVE_ANY),
        (r"\b(?P<ord>(?i:second|third|fourth|fifth|sixth|seventh|ninth|tenth))\b(?!\s+(?:half|quarter|hand|tier"
         r"|of|and|or|to)\b)",
         _h_ordinal_en, _G_ORDINAL),
        (r"\b(?P<ord>(?:[Zz]weit|[Dd]ritt|[Vv]iert|[Ff]ünft|[Ss]echst|[Ss]iebt|[Nn]eunt|[Zz]ehnt)e[nmrs]?)\b",
         _h_ordinal_place, _G_ORDINAL),
        (r"\b(?:Platz|Rang)\s+(?P<w>(?i:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn))\b", _h_platz_word,
         _G_RANK_DE),
    ]


def _h_any_superlative_de(m, text, language, published):
    if language != "de":
        return
    full = m.group("sup").lower()
    if m.group("ord") is None and m.start("body") == m.start():
        return  # German needs an article or an ordinal prefix: "die stärkste", "zweitstärkste"
    yield from _h_any_superlative(_Sup(m, full), text, language, published)


def _h_ordinal_en(m, text, language, published):
    if language == "de":
        return
    word = m.group("ord").lower()
    before = text[max(0, m.start() - 6):m.start()].lower()
    if word == "second" and re.search(r"\b(?:a|one|per|every|split)\s+$", before):
        return
    yield "rank", m.start(), m.end(), {"rank": _EN_ORDINAL_RANK[word]}


class _Sup:
    def __init__(self, m, sup):
        self._m, self._sup = m, sup

    def group(self, name):
        return self._sup if name == "sup" else self._m.group(name)

    def start(self, *a):
        return self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)
