"""Number parsing for English and German: digit groups, decimal marks, number words, scale words.

Everything here works on strings already isolated by the grammar in `claims.values`; nothing scans
whole texts. Values are computed with `Decimal` so that "1,2 Mrd." is exactly 1200000000.
"""
from __future__ import annotations

import re
from decimal import Decimal

# Digit strings longer than this are codes (licence numbers, phone numbers), never amounts.
MAX_DIGITS = 15

EN_SMALL: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# "dozen" multiplies like "hundred" ("two dozen" = 24).
EN_MULTIPLIERS: dict[str, int] = {"hundred": 100, "dozen": 12}
EN_SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}

_DE_UNITS: dict[str, int] = {
    "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
}
_DE_TEENS: dict[str, int] = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_DE_TENS: dict[str, int] = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}


def _build_de_below_100() -> dict[str, int]:
    table = dict(_DE_UNITS)
    table["eins"] = 1
    table.update(_DE_TEENS)
    table.update(_DE_TENS)
    for unit, u in _DE_UNITS.items():
        for tens, t in _DE_TENS.items():
            table[f"{unit}und{tens}"] = u + t
    return table


DE_BELOW_100: dict[str, int] = _build_de_below_100()

DE_ORDINAL_STEMS: dict[str, int] = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "siebent": 7,
    "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "dreizehnt": 13, "vierzehnt": 14,
    "fünfzehnt": 15, "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19,
    "zwanzigst": 20, "dreißigst": 30, "fünfzigst": 50, "hundertst": 100,
}

# Scale words after a number. German "Billion" is 10**12, English "billion" 10**9: the article's
# language decides, see `scale_value`.
_SCALES_COMMON: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "bn": 10**9, "k": 10**3, "trillion": 10**12,
    "tausend": 10**3, "tsd": 10**3, "millionen": 10**6, "mio": 10**6,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "billionen": 10**12,
}


def scale_value(word: str, language: str) -> int | None:
    """Multiplier of a scale word ("million", "Mrd.", "bn"), or None if it is not one."""
    w = word.lower().rstrip(".")
    if w in ("billion", "billions"):
        return 10**12 if language == "de" else 10**9
    return _SCALES_COMMON.get(w)


def parse_digits(token: str, language: str, *, decimal_hint: bool = False) -> Decimal | None:
    """Value of a digit token such as "300,000", "300.000", "3,5" or "1.5"; None if malformed.

    `decimal_hint` says the number is followed by a scale word or a percent sign, which makes a
    German "2,500" a decimal (2.5) rather than an English-style thousands group.
    """
    if sum(ch.isdigit() for ch in token) > MAX_DIGITS:
        return None
    seps = [ch for ch in token if ch in ".,"]
    if not seps:
        return Decimal(token)
    groups = re.split(r"[.,]", token)
    if len(set(seps)) == 2:
        # Both marks: the last one is the decimal mark, the other groups thousands.
        dec = seps[-1]
        thou = "," if dec == "." else "."
        if seps.count(dec) != 1:
            return None
        int_part, frac = token.rsplit(dec, 1)
        int_groups = int_part.split(thou)
        if not _valid_groups(int_groups):
            return None
        return Decimal("".join(int_groups) + "." + frac)
    sep = seps[0]
    if len(seps) > 1:
        # "1,234,567" / "1.234.567": repeated mark can only group thousands.
        return Decimal("".join(groups)) if _valid_groups(groups) else None
    head, tail = groups
    decimal_mark = "," if language == "de" else "."
    if sep == decimal_mark:
        if language == "de" and len(tail) == 3 and not decimal_hint and 1 <= len(head) <= 3:
            # German "2,500 Gäste": nobody counts 2.5 guests; an English-style grouping is likelier.
            return Decimal(head + tail)
        return Decimal(head + "." + tail)
    if len(tail) == 3 and 1 <= len(head) <= 3:
        return Decimal(head + tail)
    # The other language's decimal mark ("3,5" in English text, "1.5" in German text).
    return Decimal(head + "." + tail)


def _valid_groups(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_en_words(phrase: str) -> int | None:
    """Value of an English number phrase ("twenty-one", "three hundred and five", "a dozen")."""
    words = [w for w in re.split(r"[\s\-‐–]+", phrase.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] == "a":
        words[0] = "one"
    total = 0
    current = 0
    prev_kind = ""
    for w in words:
        if w in EN_SMALL or w in EN_TENS:
            v = EN_SMALL.get(w) or EN_TENS[w]
            # "twenty one" is fine; "three four" or "one twenty" is not a number.
            if prev_kind == "small" or (prev_kind == "tens" and w not in EN_SMALL) or (
                prev_kind == "tens" and v >= 10
            ):
                return None
            current += v
            prev_kind = "tens" if w in EN_TENS else "small"
        elif w in EN_MULTIPLIERS:
            current = (current or 1) * EN_MULTIPLIERS[w]
            prev_kind = "mult"
        elif w in EN_SCALES:
            total += (current or 1) * EN_SCALES[w]
            current = 0
            prev_kind = "scale"
        else:
            return None
    return total + current


def parse_de_word(word: str) -> int | None:
    """Value of a German number word ("einundzwanzig", "zweihundertfünfzig", "zehntausend")."""
    w = word.lower()
    if "tausend" in w:
        head, _, tail = w.rpartition("tausend")
        left = _de_below_1000(head) if head else 1
        right = _de_below_1000(tail) if tail else 0
        if left is None or right is None or left == 0:
            return None
        return left * 1000 + right
    value = _de_below_1000(w)
    return value or None


def _de_below_1000(w: str) -> int | None:
    if "hundert" in w:
        head, _, tail = w.partition("hundert")
        left = _DE_UNITS.get(head) if head else 1
        right = DE_BELOW_100.get(tail) if tail else 0
        if left is None or right is None:
            return None
        return left * 100 + right
    return DE_BELOW_100.get(w)


def parse_de_ordinal(word: str) -> int | None:
    """Value of a German ordinal word ("fünften", "erstes", "dritte"), or None."""
    m = re.fullmatch(r"(?i)(?:aller)?([a-zäöüß]+?)e[nmrs]?", word)
    if not m:
        return None
    return DE_ORDINAL_STEMS.get(m.group(1).lower())


def as_number(value: Decimal) -> int | float:
    """An int when the value is whole, else a float (JSON-friendly)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
