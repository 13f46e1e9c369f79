"""Percentages, shares, money and counted or measured quantities."""
from __future__ import annotations

import re
from decimal import Decimal

from claims.numbers import as_number, scale_value
from claims.values.lexicon import (
    _APPROX_VALUES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _EN_STOP,
    _MEASURE_KEYS,
    _NOT_UNITS,
)
from claims.values.numerals import (
    _ABBR,
    _MONEY_SCALE,
    _NEXT_WORD,
    _SCALE_WORDS,
    PatternSpec,
    Pieces,
    _number_ok,
    _qual_before,
    _range_values,
    _value_of,
    _with_qualifier,
    _year_like,
)
from claims.values.scan import (
    _G_ALWAYS,
    _G_APPROX_DE,
    _G_APPROX_EN,
    _G_DIGIT,
    _G_FRACTION,
    _G_MONEY_SYMBOL,
    _G_MONEY_WORD,
    _G_PERCENT,
    _G_RATIO,
)
from claims.values.units import _find_unit, _with_rate, unit_key

_WRITTEN_AMOUNT = re.compile(r"\d{5,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}")


_SINGULAR_NOT_NOUN = frozenset(
    ["another", "more", "less", "other", "such", "way", "said", "says", "told", "thing", "things", "else", "one",
     "time"])


def _singular_noun(text: str, pos: int) -> tuple[int, str] | None:
    """The counted noun after "one"/"1" ("one proposal", "one count of fraud"): English nouns after one are
    singular, so the plural rule of `_find_unit` cannot find them. The next word is taken if it is a
    lowercase word that is no function word, no past form (-ed) and no adverb (-ly)."""
    m = _NEXT_WORD.match(text, pos)
    if not m:
        return None
    word = m.group(1)
    low = word.lower()
    if (not word.isalpha() or not word.islower() or len(low) < 3 or low in _EN_STOP or low in _SINGULAR_NOT_NOUN
            or low in _NOT_UNITS or low.endswith(("ed", "ly"))):
        return None
    return m.end(), word


def _h_ratio(m, text, language, published):
    """"1 in 5 adults", "one out of three": a share, normalised to percent so it meets "20 percent"."""
    part = _value_of(m.group("n"), language)
    whole = _value_of(m.group("n2"), language)
    if part is None or whole is None or not 0 < part < whole <= 1000:
        return
    if part != part.to_integral_value() or whole != whole.to_integral_value():
        return
    if not _number_ok(text, m, "n", part, scaled=True) or _year_like(m.group("n2")):
        return
    norm: dict = {"value": as_number(round(part * 100 / whole, 2)), "unit": "%",
                  "ratio": f"{int(part)}/{int(whole)}"}
    start = _with_qualifier(text, m.start(), norm)
    yield "percent", start, m.end(), norm


_FRACTION_NUM = {"a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "two": 2,
                 "zwei": 2, "three": 3, "drei": 3, "four": 4, "vier": 4, "nine": 9, "neun": 9}
_FRACTION_DEN = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "tenth": 10, "tenths": 10, "drittel": 3, "viertel": 4, "fünftel": 5, "zehntel": 10}


def _h_fraction(m, text, language, published):
    """"two-thirds of", "a quarter of", "half of", "ein Fünftel", "die Hälfte": a share, normalised to
    percent ({"value": 66.67, "unit": "%", "ratio": "2/3"}) so it meets "67 percent"."""
    if m.group("half"):
        part, whole = 1, 2
    else:
        part = _FRACTION_NUM.get(m.group("fn").lower())
        whole = _FRACTION_DEN.get(m.group("fd").lower())
        if part is None or whole is None or part >= whole:
            return
    norm: dict = {"value": _share(part, whole), "unit": "%", "ratio": f"{part}/{whole}"}
    start = _with_qualifier(text, m.start(), norm)
    yield "percent", start, m.end(), norm


def _share(part: int, whole: int) -> int | float:
    return as_number(round(Decimal(part * 100) / Decimal(whole), 2))


def _h_fraction_any(m, text, language, published):
    gd = m.groupdict()
    if gd.get("fn2"):
        part, whole = _FRACTION_NUM[gd["fn2"].lower()], _FRACTION_DEN[gd["fd2"].lower()]
        norm: dict = {"value": _share(part, whole), "unit": "%", "ratio": f"{part}/{whole}"}
        yield "percent", _with_qualifier(text, m.start(), norm), m.end(), norm
        return
    yield from _h_fraction(m, text, language, published)


def _h_percent(m, text, language, published):
    unit_word = (m.group("unit") or m.group("unitw")).lower()
    value = _value_of(m.group("n"), language, decimal_hint=True)
    if value is None:
        return
    if not m.group("n")[:1].isdigit() and value == 1:
        return
    points = unit_word.startswith(("percentage", "prozentp")) or (unit_word.startswith("%") and len(unit_word) > 1)
    norm: dict = {"value": as_number(value), "unit": "pp" if points else "%"}
    start = _with_qualifier(text, m.start(), norm)
    yield "percent", start, m.end(), norm


def _h_signed_percent(m, text, language, published):
    """"+5,9 %", "−4,5 Prozent", "Dow +0.2%": a signed rate is a change with its direction."""
    value = _value_of(m.group("n"), language, decimal_hint=True)
    if value is None:
        return
    unit_word = (m.group("unit") or m.group("unitw")).lower()
    points = unit_word.startswith(("percentage", "prozentp"))
    sign = m.group("sign")
    norm: dict = {"value": as_number(value), "unit": "pp" if points else "%", "change": "up" if sign == "+" else "down"}
    yield "percent", m.start(), m.end(), norm


def _h_pence(m, text, language, published):
    """"118.5p", "down 68 p": British pence, kept in pence (currency "GBp", as stock quotes write it)."""
    before = text[max(0, m.start() - 12):m.start()].lower()
    if language == "de" or not re.search(r"(?:\b(?:at|to|from|down|up|of|by|than|on)\s+|^)$", before):
        return
    value = _value_of(m.group("n"), language)
    if value is None:
        return
    norm: dict = {"value": as_number(value), "currency": "GBp"}
    start = _with_qualifier(text, m.start(), norm)
    yield "money", start, m.end(), norm


def _h_spaced_thousands(m, text, language, published):
    """"rund 770 000", "9 240 000 Fahrzeuge": thousands grouped by spaces (German and French style)."""
    value = int(re.sub(r"\D", "", m.group("n")))
    norm: dict = {"value": value}
    found = _find_unit(text, m.end(), language)
    end = m.end()
    if found:
        end, unit = found
        norm["unit"] = unit
        norm["unit_key"] = unit_key(unit)
    start = _with_qualifier(text, m.start(), norm)
    if not found and start == m.start():
        return  # a bare "770 000" could be two numbers; a unit or a qualifier says it is one
    yield "quantity", start, end, norm


def _h_minus(m, text, language, published):
    """"minus 130 degrees Fahrenheit", "minus-5 yards": a negative amount written out."""
    value = _value_of(m.group("n"), language, decimal_hint=True)
    found = _find_unit(text, m.end(), language)
    if value is None or not found:
        return
    end, unit = found
    yield "quantity", m.start(), end, {"value": as_number(-value), "unit": unit, "unit_key": unit_key(unit)}


def _h_magnitude(m, text, language, published):
    """Earthquake strength: "6.8 magnitude", "Stärke von 6,8", "6.8 on the Richter scale"."""
    value = _value_of(m.group("n") or m.group("n2"), language, decimal_hint=True)
    if value is None or not 0 < value < 10:
        return
    yield "quantity", m.start(), m.end(), {"value": as_number(value), "unit": "magnitude", "unit_key": "magnitude"}


def _h_age(m, text, language, published):
    """"Nick Hague, 44, said", "Mouhamad Elhasan, 59, sagte": a person's age between commas after a name."""
    value = int(m.group("n"))
    if not 1 <= value <= 120:
        return
    unit = "Jahre" if language == "de" else "years"
    yield "quantity", m.start("n"), m.end("n"), {"value": value, "unit": unit, "unit_key": "age"}


def _h_age_word(m, text, language, published):
    """"the 23-year-old Kenyan", "der 23-jährige Kenianer"."""
    value = _value_of(m.group("n"), language)
    # A person is at most 120; a skull or a temple "2,900 year-old" is an age too, written with "-old".
    if value is None or not 0 < value <= (10**7 if (m.group("old") or "").endswith("old") else 120):
        return
    unit = "Jahre" if language == "de" else "years"
    norm: dict = {"value": as_number(value), "unit": unit, "unit_key": "age"}
    start = _with_qualifier(text, m.start(), norm)
    yield "quantity", start, m.end(), norm


def _h_money(m, text, language, published):
    scale_word = m.group("scale")
    token = m.group("n")
    negative = token.startswith("-")  # "$-50.8bn": a deficit written with its sign after the symbol
    value = _value_of(token.lstrip("-"), language, decimal_hint=bool(scale_word))
    if value is None:
        return
    if negative:
        value = -value
    gd = m.groupdict()
    if gd.get("cur") == "PS" and not scale_word and len(token) < 3:
        return  # "PS5" is a games console; a transliterated "£" comes before an amount ("PS21,700", "PS8.1bn")
    if gd.get("cur"):
        currency = _CURRENCY_SYMBOLS.get(gd["cur"].strip().lower())
    else:
        if gd.get("curs"):
            currency = _CURRENCY_SYMBOLS.get(gd["curs"])
        else:
            currency = _CURRENCY_WORDS.get(re.sub(r"\s+", " ", gd["curw"].lower()))
        if not _number_ok(text, m, "n", value, scaled=bool(scale_word)):
            return
    if currency is None:
        return
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            mult = {"m": 10**6, "k": 10**3, "b": 10**9}.get(scale_word.lower())
        if mult is None:
            return
        value *= mult
    norm: dict = {"value": as_number(value), "currency": currency}
    start = _with_qualifier(text, m.start(), norm)
    end = _with_rate(text, m.end(), norm)
    yield "money", start, end, norm


def _h_quantity(m, text, language, published):
    scale_word = m.group("scale")
    token = m.group("n")
    value = _value_of(token, language, decimal_hint=bool(scale_word))
    if value is None:
        return
    qb = _qual_before(text, m.start())
    # "one" alone is a pronoun ("one of them"); before a counted noun it is an amount ("one proposal").
    counted_one = (value == 1 and not scale_word and language != "de" and not token[:1].isdigit()
                   and m.group("abbr") is None and text[m.start() - 1:m.start()] not in ("-", "‐")
                   and _singular_noun(text, m.end()) is not None)
    # A qualifier makes a year-like number an amount: "more than 2000 guests".
    if not _number_ok(text, m, "n", value, scaled=bool(scale_word) or qb is not None or counted_one):
        return
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            return
        value *= mult
    end = m.end()
    unit = None
    abbr = m.group("abbr")
    if abbr == "m" and not scale_word and m.start("abbr") == m.end("n"):
        # "2.3m visitors": a glued "m" before a counted noun is millions, not metres.
        found = _find_unit(text, end, language)
        if found and unit_key(found[1]) not in _MEASURE_KEYS:
            value *= 10**6
            end, unit = found
            abbr = None
    if unit is None and abbr:
        unit = abbr
    elif unit is None:
        found = None
        if value == 1 and language != "de":
            found = _singular_noun(text, end)  # one takes a singular noun, never a later plural
        if found is None:
            found = _find_unit(text, end, language)
        if found:
            end, unit = found
    start = m.start()
    q = None
    # German "unter 197 Ländern" means "among", not "fewer than": only measures take "unter".
    if qb and not (qb[2].lower() == "unter" and (unit is None or unit_key(unit) not in _MEASURE_KEYS)):
        start, q = qb[0], qb[1]
    # A number written with a decimal part or grouped thousands ("ended at 1,334.20", "estimates of 64,900")
    # is an amount even without a unit; a bare integer could be anything (a year, a code, a count's start).
    written = token[:1].isdigit() and bool(_WRITTEN_AMOUNT.fullmatch(token))
    if unit is None and not scale_word and not written and (q is None or not token[:1].isdigit()):
        return
    norm: dict = {"value": as_number(value)}
    if unit:
        norm["unit"] = unit
        norm["unit_key"] = unit_key(unit)
        end = _with_rate(text, end, norm)
    if q:
        norm["qualifier"] = q
    yield "quantity", start, end, norm


def _h_quantity_range(m, text, language, published):
    scale_word = m.group("scale")
    found = _range_values(m, text, language, scale_word=scale_word)
    if found is None:
        return
    start, low, high = found
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            return
        low, high = low * mult, high * mult
    end = m.end()
    unit = m.group("abbr")
    if unit is None:
        found = _find_unit(text, end, language)
        if found:
            end, unit = found
    if unit is None and not scale_word:
        return
    norm: dict = {"value": as_number(low), "value_max": as_number(high)}
    if unit:
        norm["unit"] = unit
        norm["unit_key"] = unit_key(unit)
        end = _with_rate(text, end, norm)
    qb = _qual_before(text, start)
    if qb and qb[2].lower() != "unter":
        start = qb[0]
        norm["qualifier"] = qb[1]
    yield "quantity", start, end, norm


def _h_percent_range(m, text, language, published):
    found = _range_values(m, text, language, scale_word=None)
    if found is None:
        return
    start, low, high = found
    unit_word = m.group("unit").lower()
    unit = "pp" if unit_word.startswith(("percentage", "prozentp")) else "%"
    norm: dict = {"value": as_number(low), "value_max": as_number(high), "unit": unit}
    qb = _qual_before(text, start)
    if qb:
        start = qb[0]
        norm["qualifier"] = qb[1]
    yield "percent", start, m.end(), norm


def _h_approx(m, text, language, published):
    """"tens of thousands of students", "hundreds of miles", "Zehntausende von Gästen": an order of magnitude,
    kept as the range from N to 10N ({"value": N, "value_max": 10N, "approximate": True}); a currency as
    the counted noun makes it money ("tens of millions of dollars")."""
    key = re.sub(r"\s+", " ", m.group("a").lower())
    if key.endswith("n") and key[:-1] in _APPROX_VALUES:
        key = key[:-1]
    value = _APPROX_VALUES.get(key)
    if value is None:
        return
    cur = _NEXT_WORD.match(text, m.end())
    currency = _CURRENCY_WORDS.get(cur.group(1).lower()) if cur else None
    if currency:
        yield "money", m.start(), cur.end(), {"value": value, "value_max": value * 10, "currency": currency,
                                        "qualifier": "at_least", "approximate": True}
        return
    found = _find_unit(text, m.end(), language, allow_upper=True)
    if not found:
        return
    end, unit = found
    yield "quantity", m.start(), end, {"value": value, "value_max": value * 10, "unit": unit,
                                       "unit_key": unit_key(unit), "qualifier": "at_least", "approximate": True}


def patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Shares, percentages and money."""
    fractions = (
        r"(?i:\b(?:(?P<fn>eine[mnr]?|ein)\s+(?P<fd>Drittel|Viertel|Fünftel|Zehntel)|(?P<fn2>zwei|drei|vier|neun)\s+"
        r"(?P<fd2>Drittel|Viertel|Fünftel|Zehntel)|(?P<half>die\s+Hälfte|der\s+Hälfte))\b)"
        if language == "de" else
        r"(?i:\b(?:(?P<fn>an?|one|two|three|four|nine)[\s\-]+(?P<fd>halves|half|thirds?|quarters?|fifths?|tenths?)"
        r"(?=\s+of\b)|(?P<half>half)(?=\s+(?:of|the|its|their|all)\s))\b)"
    )
    return [
        (fractions, _h_fraction_any, _G_FRACTION),
        (rf"{p.num('n')}\s+(?i:in|out\s+of|of\s+every)\s+{p.num2}(?![^\W\d_]|[.,]\d)", _h_ratio, _G_RATIO),
        (rf"{p.num('n')}\s?%?\s*{p.num_conn}\s*{p.num2}\s?(?P<unit>%|(?i:percentage\s+points?|percent"
         rf"|per\s?cent|pct\.?|prozentpunkte?n?|prozent|v\.\s?H\.)(?![^\W\d_]))", _h_percent_range, _G_PERCENT),
        (rf"{p.num('n')}(?:[\s\-]?(?P<unitw>(?i:%[\s\-]?punkte?n?|percentage[\s\-]+points?|percent|per\s?cent"
         rf"|pct\.?|prozentpunkte?n?|prozent|v\.\s?H\.|pc)(?![^\W\d_]))|\s?(?P<unit>%))", _h_percent, _G_PERCENT),
        (r"(?<![\w.,%])(?P<sign>[+−-])\s?(?P<n>\d+(?:[.,]\d+)?)(?:\s?(?P<unit>%)|\s(?P<unitw>(?i:Prozentpunkte?n?"
         r"|Prozent|percentage\s+points?|percent|per\s?cent|pct)(?![^\W\d_])))", _h_signed_percent, _G_PERCENT),
        (r"(?<![\w.,])(?P<n>\d+(?:\.\d+)?)\s?p\b(?![.\-]\w)", _h_pence, _G_DIGIT),
        (rf"(?P<cur>US\s?\$|HK\s?\$|\$US|\$A|NT\$|A\$|C\$|S\$|R\$|\$|€|£|¥|￥|₹|(?<![A-Za-z])Y=|"
         rf"(?:USD|EUR|GBP|CNY|RMB|HKD|JPY|CHF|RM|(?<![A-Za-z])PS)(?![A-Za-z]))\s?(?P<n>-?\d+(?:[.,]\d+)*)(?!\d|[.,]\d)(?:\s?(?P<scale>{_MONEY_SCALE}))?",
         _h_money, _G_MONEY_SYMBOL),
        (rf"{p.num('n')}(?:\s+(?P<scale>{_SCALE_WORDS}))?\s+(?P<curw>(?i:U\.?S\.?\s+dollars?|US-Dollar"
         rf"|Hong\s+Kong\s+dollars?|(?:Australian|Canadian|New\s+Zealand|Singapore|Taiwan)\s+dollars?|dollars?|euros?"
         rf"|yuan|renminbi|pounds\s+sterling|pounds?|(?:Swiss\s+)?francs|yen|shekels?|ringgit|rupees?|won|rand"
         rf"|roubles?|rubles?|lira|zloty|baht|pesos?|(?:Danish|Swedish|Norwegian)\s+(?:crowns|kroner|kronor)|kuna"
         rf"|dirhams?|naira|reais)"
         rf"|Euro|Dollar|Yuan|Renminbi|Pfund|Franken|RMB|CNY|USD|EUR|GBP|HKD|CHF|JPY)(?![^\W\d_])",
         _h_money, _G_MONEY_WORD),
        (rf"{p.num('n')}(?:\s+(?P<scale>{_SCALE_WORDS}))?\s?(?P<curs>€|\$|£|¥|￥)", _h_money, _G_MONEY_SYMBOL),
    ]


def quantity_patterns(p: Pieces, language: str) -> list[PatternSpec]:
    """Counted and measured quantities."""
    return [
        (r"(?<=[A-Za-zÄÖÜäöüß]),\s(?P<n>\d{1,3}),\s(?=[a-zäöüß])", _h_age, _G_DIGIT),
        (r"(?<![\d.,])(?P<n>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?!\d|[.,]\d|\s\d)", _h_spaced_thousands, _G_DIGIT),
        (r"\b(?i:minus)[\s\-](?P<n>\d+(?:[.,]\d+)?)(?![\d.,])", _h_minus, _G_DIGIT),
        (r"\b(?:Stärke|magnitude)\s+(?:(?:von|of)\s+)?(?P<n>\d(?:[.,]\d)?)(?![\d.,])"
         r"|(?P<n2>\d(?:[.,]\d)?)(?:\s+on\s+the\s+Richter\s+scale|[\s\-]magnitude)\b", _h_magnitude, _G_DIGIT),
        (r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})*)[\s\-](?:year|jährig)(?P<old>s?-old|e[nmrs]?)?\b(?<!year)(?<!years)",
         _h_age_word,
         _G_DIGIT),
        (rf"{p.num('n')}\s*{p.num_conn}\s*{p.num2}(?:\s?(?P<scale>{_SCALE_WORDS}))?"
         rf"(?:\s?(?P<abbr>{_ABBR}))?(?![^\W\d_])", _h_quantity_range, _G_DIGIT),
        (rf"{p.num('n')}(?:\s?(?P<scale>{_SCALE_WORDS}))?(?:\s?(?P<abbr>{_ABBR}))?(?![^\W\d_])",
         _h_quantity, _G_ALWAYS),
        (r"(?i:\b(?P<a>(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions)|hundreds|dozens)"
         r"\s+of)\b", _h_approx, _G_APPROX_EN),
        (r"(?<![\d.,]\s)(?<!\d)(?i:\b(?P<a>zehntausende|hunderttausende|abertausende|tausende|hunderte|dutzende|millionen)n?"
         r"(?:\s+von)?)\b", _h_approx, _G_APPROX_DE),
    ]
