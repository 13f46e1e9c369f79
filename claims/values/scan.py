"""Cheap pre-check of a sentence and the gates that keep patterns off sentences they cannot match."""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims.calendar import month_number
from claims.numbers import EN_SMALL, EN_TENS

_HAS_DIGIT = re.compile(r"\d")


_WORDS = re.compile(r"[^\W\d_]+")


# Word beginnings that can start a value when a sentence has no digit (number words, ordinals,
# months, German compounds such as "Zehntausende" or "einundzwanzig").
# Word beginnings of number words (English, and German compounds such as "einundzwanzig").
_NUMWORD_PREFIXES = tuple(
    sorted(
        {*EN_SMALL, *EN_TENS, "hundred", "thousand", "million", "billion", "dozen", "zwei", "drei", "vier",
         "fünf", "sechs", "sech", "sieb", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig",
         "dreissig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig", "hundert", "tausend",
         "einund", "einhundert", "eintausend", "eins", "milli"}
    )
)


# Other word beginnings that can start a value without a digit: months, ordinals, superlatives.
_OTHER_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "okt", "nov", "dec", "dez", "mai",
    "mär", "jän", "first", "top", "erst", "allererst", "dutzend", "second", "third", "fourth", "fifth",
    "sixth", "eighth", "ninth", "tenth", "largest", "biggest", "tallest", "longest", "größt", "grösst",
    "längst", "zweit", "dritt", "viert", "year", "jahr", "vorjahr",
)


def _word_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Word beginnings by their first three letters, each with what it signals ("num", "other", a gate)."""
    table: dict[str, list[tuple[str, str]]] = {}
    entries = [(p, "num") for p in _NUMWORD_PREFIXES] + [(p, "other") for p in _OTHER_PREFIXES]
    entries += [(p, gate.name) for gate in _GATES for p in gate.prefixes]
    for prefix, tag in entries:
        table.setdefault(prefix[:3], []).append((prefix, tag))
    return {k: tuple(v) for k, v in table.items()}


def _scan(text: str) -> _Features:
    """Quick pre-check: one dictionary lookup per word finds number words, months and gate words."""
    has_digit = _HAS_DIGIT.search(text) is not None
    has_numword = has_month = has_other = False
    hits: set[str] = set()
    table = _WORD_TABLE
    for w in _WORDS.findall(text):
        low = w.lower()
        entries = table.get(low[:3])
        if not entries:
            continue
        for prefix, tag in entries:
            if low.startswith(prefix):
                if tag == "num":
                    has_numword = True
                elif tag == "other":
                    has_other = True
                    if w[0].isupper() and month_number(low) is not None:
                        has_month = True
                else:
                    hits.add(tag)
    # A gate word alone can start a value ("almost a minute", "the world record", "die stärkste Kraft").
    trigger = has_digit or has_numword or has_other or bool(hits) or any(c in text for c in _TRIGGER_CHARS)
    return _Features(text, has_digit, has_numword, has_month, trigger, frozenset(hits))


@dataclass(frozen=True, slots=True)
class _Gate:
    """Cheap test run before a pattern: a pattern only runs on sentences that could match it.

    Scanning each sentence with two dozen patterns costs far more than looking its words up once:
    `_scan` checks every word against all gates' word beginnings in one dictionary lookup.
    """

    name: str
    digit: bool = False
    month: bool = False
    prefixes: tuple[str, ...] = ()  # beginnings of words (two-letter ones must be the whole word)
    chars: tuple[str, ...] = ()  # symbols or word parts looked for anywhere in the text

    def passes(self, features: _Features) -> bool:
        """Whether the pattern can match a sentence with these features."""
        if self.digit and not features.has_digit:
            return False
        if self.month and not features.has_month:
            return False
        if not self.prefixes and not self.chars:
            return True
        return self.name in features.hits or any(c in features.text for c in self.chars)


@dataclass(frozen=True, slots=True)
class _Features:
    """What the pre-check found in a sentence."""

    text: str
    has_digit: bool
    has_numword: bool
    has_month: bool
    any_trigger: bool
    hits: frozenset[str]


_G_ALWAYS = _Gate("always")


_G_DIGIT = _Gate("digit", digit=True)


_G_MONTH = _Gate("month", month=True)


_G_PERCENT = _Gate("percent", prefixes=("percent", "prozent", "pct", "per"), chars=("%", "v. H.", "v.H.", "pc"))


_G_MONEY_SYMBOL = _Gate("money_symbol", digit=True, chars=("$", "€", "£", "¥", "￥", "₹", "PS", "Y=", "RM"),
                        prefixes=("usd", "eur", "gbp", "cny", "rmb", "hkd", "jpy", "chf"))


_G_MONEY_WORD = _Gate("money_word", prefixes=("dollar", "euro", "yuan", "renminbi", "pound", "pfund", "franken",
                                              "franc", "yen", "rmb", "cny", "usd", "eur", "gbp", "hkd", "chf",
                                              "jpy", "shekel", "ringgit", "rupee", "won", "rand", "rouble", "ruble",
                                              "lira", "zloty", "baht", "peso", "crowns", "kroner", "kronor", "kuna",
                                              "kn", "dirham", "naira", "reais"))


_G_DURATION = _Gate("duration", chars=("tägig", "wöchig", "monatig", "stündig"),
                    prefixes=("year", "month", "week", "day", "hour", "minute", "second", "decade", "centur", "jahr",
                              "monat", "woche", "tag", "stunde", "sekunde"))


_G_WEEKDAY = _Gate("weekday", prefixes=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                         "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                         "sonnabend", "sonntag"))
_G_RELWORD = _Gate("relword", prefixes=("month", "monat", "week", "woche", "ago", "earlier", "zuvor", "früher", "vor",
                                        "previous", "prior", "before"))
_G_RECORD = _Gate("record", chars=("record", "ekord"))
_G_SUPERLATIVE_ANY = _Gate("superlative_any", chars=("est", "ste", "ßte", "best", "worst"))
_G_ORDINAL = _Gate("ordinal", prefixes=("second", "third", "fourth", "fifth", "sixth", "seventh", "ninth", "tenth",
                                        "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "neunt", "zehnt"))
_G_CLOCK = _Gate("clock", digit=True, chars=(":",))
# Word gates, not letter pairs: "am" and "pm" inside words would send every sentence through the pattern.
_G_TIME_OF_DAY = _Gate("time_of_day", digit=True, prefixes=("am", "pm", "uhr", "gmt", "utc"),
                       chars=("a.m.", "p.m.", ":"))
_G_RANK_EN = _Gate("rank_en", prefixes=("rank", "placed", "placing", "came", "comes", "finish", "position"))


_G_RANK_DE = _Gate("rank_de", prefixes=("platz", "rang", "stelle", "position"))


_G_PLATZ = _Gate("platz", digit=True, prefixes=("platz", "rang"))


_G_TOP = _Gate("top", prefixes=("top",))


_G_FIRST_EN = _Gate("first_en", prefixes=("first",))


_G_FIRST_DE = _Gate("first_de", prefixes=("erst", "allererst"))


_G_SUPERLATIVE_EN = _Gate("superlative_en", prefixes=("largest", "biggest", "tallest", "longest"))


_G_SUPERLATIVE_DE = _Gate("superlative_de", chars=("größt", "grösst", "längst", "Größt", "Grösst", "Längst"))


_G_RATIO = _Gate("ratio", prefixes=("in", "out", "every"))


_G_FRACTION = _Gate("fraction", prefixes=("half", "halves", "third", "quarter", "fifth", "tenth", "drittel", "viertel",
                                          "fünftel", "zehntel", "hälfte"), chars=("-third", "-quarter", "-fifth"))


_G_RELATIVE = _Gate("relative", prefixes=("year", "jahr", "vorjahr"))


_G_APPROX_EN = _Gate("approx_en", prefixes=("thousands", "millions", "billions", "hundreds", "dozens"))


_G_APPROX_DE = _Gate("approx_de", prefixes=("tausende", "hunderte", "dutzende", "millionen", "zehntausende",
                                            "hunderttausende", "abertausende"))


_GATES = (_G_RECORD, _G_SUPERLATIVE_ANY, _G_CLOCK, _G_TIME_OF_DAY, _G_ORDINAL, _G_WEEKDAY, _G_RELWORD, _G_PERCENT,
          _G_MONEY_SYMBOL,
          _G_MONEY_WORD, _G_DURATION, _G_RANK_EN, _G_RANK_DE, _G_PLATZ, _G_TOP, _G_FIRST_EN,
          _G_FIRST_DE, _G_SUPERLATIVE_EN, _G_RATIO, _G_FRACTION, _G_RELATIVE, _G_APPROX_EN, _G_APPROX_DE)


_WORD_TABLE = _word_table()
_TRIGGER_CHARS = tuple(sorted({c for gate in _GATES for c in gate.chars}))

