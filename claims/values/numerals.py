"""Number tokens, qualifiers before amounts and the pattern pieces the value families share."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claims.calendar import MONTH_PATTERN
from claims.numbers import (
    EN_MULTIPLIERS,
    EN_ORDINALS,
    EN_SCALES,
    EN_SMALL,
    EN_TENS,
    parse_de_word,
    parse_digits,
    parse_en_words,
)
from claims.values.lexicon import _ABBR_UNITS, QUALIFIERS

_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"


# A year not glued to a word, code or other number; the look-behind follows the first digit (fast scan).
_YEAR_LB = r"(?:1(?<![\w.,\-–/+#:]1)[89]|2(?<![\w.,\-–/+#:]2)[01])\d\d"


_MON = MONTH_PATTERN


_MON_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember)(?![^\W\d_])"
)


_ORD_SUFFIX = r"(?:st|nd|rd|th)"


_DAY_END = r"(?![\w]|\.\d|,\d{1,3}(?!\d))"


# The look-behind sits after the first digit so that the regex engine can skip quickly to digits.
_DIGITS = r"[0-9](?<![\w.,\-−/:#+@][0-9])[0-9]*(?:[.,][0-9]+)*(?![0-9]|[.,][0-9])"


_QUAL = (
    r"(?:(?P<qual>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    + r")\s+)"
)


_QUAL = r"(?i:\b" + _QUAL + r")"


_QUAL_BEFORE = re.compile(_QUAL + "$")


_SCALE_ALTS = (
    r"(?i:thousand|millions?|billions?|trillions?)|Tausend|Millionen|Million|Milliarden|Milliarde"
    r"|Billionen|Billion|Mio\.|Mrd\.|Tsd\.|Mio|Mrd|mln|mn|bn"
)


_SCALE_WORDS = r"(?:" + _SCALE_ALTS + r")(?![^\W\d_])"


# After a currency symbol, short scales are common: "€5m", "$20k", "$1.5B".
_MONEY_SCALE = r"(?:" + _SCALE_ALTS + r"|m|M|k|K|b|B)(?![^\W\d_])"


_ABBR = "(?:" + "|".join(re.escape(a) for a in sorted(_ABBR_UNITS, key=len, reverse=True)) + ")"


_EN_FIRST = "|".join(sorted([*EN_SMALL, *EN_TENS], key=len, reverse=True))


_EN_ANY = "|".join(sorted([*EN_SMALL, *EN_TENS, *EN_MULTIPLIERS, *EN_SCALES], key=len, reverse=True))


_EN_WORDS = (
    r"(?i:\b(?:(?:half\s+)?a(?=\s+(?:dozen|hundred|thousand|million|billion)\b)|(?:" + _EN_FIRST + r"))"
    r"(?:(?:(?<=hundred)\s+and\s+|\s+|-)(?:" + _EN_ANY + r"))*\b(?!-[^\W\d_]))"
)


_DE_MORPHS = (
    "dreißig|dreissig|zwanzig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|"
    "sieben|zwölf|sechs|sech|sieb|eins|ein|zwei|drei|vier|fünf|acht|neun|zehn|elf|und"
)


_DE_WORDS = (
    r"(?i:\b(?:eine?(?=\s+(?:Million|Milliarde|Billion)\b)|(?:" + _DE_MORPHS + r")+)\b(?!-[^\W\d_]))"
)


_EN_ORD = (
    r"(?:(?i:" + "|".join(sorted(EN_ORDINALS, key=len, reverse=True)) + r")\b|\d{1,3}"
    + _ORD_SUFFIX + r"\b)"
)


_DE_ORD = (
    r"(?:(?i:(?:aller)?(?:erst|zweit|dritt|viert|fünft|sechst|siebent|siebt|acht|neunt|zehnt|elft"
    r"|zwölft|dreizehnt|vierzehnt|fünfzehnt|sechzehnt|siebzehnt|achtzehnt|neunzehnt|zwanzigst"
    r"|dreißigst|fünfzigst|hundertst)e[nmrs]?)\b|\d{1,3}\.)"
)


_CODE_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}[\s\-]?|\b(?:No|Nr|Nos|Tel|Fax|Art|Abs|Ziff|S|p|pp|Vol|Bd)\.\s?"
    r"|(?i:\b(?:number|nummer|room|zimmer|page|seite|phone|telefon|hotline|tel|fax|version|model|article"
    r"|artikel|section|paragraph|paragraf|chapter|kapitel|abschnitt|phase|level|line|linie|terminal|gate|hall"
    r"|halle|stage|platform|exit|route|zone|building|floor|grade|class|type|typ|no|nr)\s+))$"
)


_PRE_BEFORE = re.compile(r"(?i:\b(?P<pre>from|between|vom|von|zwischen)\s+)$")


_LAST_WORD = re.compile(r"([^\W\d_][\w\-’']*)\s+$")


# At most a few spaces (or one line break) between a number and its unit.
_NEXT_WORD = re.compile(r"\s{1,3}([^\W\d_](?:[\w’'\-]*[^\W_])?)")


def _num(name: str, words: str | None) -> str:
    if words is None:
        return rf"(?P<{name}>{_DIGITS})"
    return rf"(?P<{name}>{_DIGITS}|{words})"


def _value_of(token: str, language: str, *, decimal_hint: bool = False) -> Decimal | None:
    """Value of a number token: digits, or English/German number words."""
    if token[:1].isdigit():
        return parse_digits(token, language, decimal_hint=decimal_hint)
    low = token.lower()
    if low in ("ein", "eine"):
        return Decimal(1)
    first, _, rest = low.partition(" ")
    if first == "half":
        whole = parse_en_words(rest)
        return Decimal(whole) / 2 if whole is not None else None
    first = re.split(r"[\s\-]+", low, maxsplit=1)[0]
    if first == "a" or first in EN_SMALL or first in EN_TENS:
        en = parse_en_words(token)
        if en is not None:
            return Decimal(en)
    de = parse_de_word(token)
    return Decimal(de) if de is not None else None


def _qual_before(text: str, start: int) -> tuple[int, str, str] | None:
    """A qualifier ending right before `start`: (its start, canonical form, surface), or None."""
    m = _QUAL_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return None
    raw = m.group("qual")
    canon = QUALIFIERS.get(re.sub(r"\s+", " ", raw.lower()))
    return (m.start("qual"), canon, raw) if canon else None


def _with_qualifier(text: str, start: int, norm: dict) -> int:
    """Extend an amount leftwards over its qualifier ("about", "mehr als") and record it."""
    qb = _qual_before(text, start)
    if qb is None:
        return start
    norm["qualifier"] = qb[1]
    return qb[0]


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _number_ok(text: str, m: re.Match[str], group: str, value: Decimal, *, scaled: bool) -> bool:
    """Reject numbers that are codes, list markers, ordinals or years rather than amounts."""
    s, e = m.span(group)
    token = m.group(group)
    if not token[:1].isdigit() and token[:1].isupper() and not _sentence_initial(text, s):
        # "the Big Four accounting firms": a capitalised number word inside a sentence is a name.
        return False
    if token[:1].isdigit():
        if _CODE_BEFORE.search(text, max(0, s - 20), s) or _label_before(text, s):
            return False
        if text[e:e + 1] == "." and not scaled:
            # "13. Fünfjahresplan", "1. Item": ordinals and list markers, not amounts.
            return False
        if re.match(r"[\-–/:]\d", text[e:e + 2]):
            return False
        if not scaled and len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100:
            return False
    elif value == 1 and not scaled:
        return False
    return True


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether only punctuation, quotes or nothing precede `pos` in its sentence."""
    before = text[:pos].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


_SENTENCE_OPENERS = frozenset(".!?:;\"“”„'‘’«»([–—-\n")


def _label_before(text: str, pos: int) -> bool:
    """A capitalised word right before a number, inside a sentence, names it: "Fortune 500 companies",
    "Boeing 737 aircraft", "Halle 3", "Linie 2". Sentence-initial words and possessives do not."""
    m = _LAST_WORD.search(text, max(0, pos - 40), pos)
    if not m:
        return False
    word = m.group(1)
    if word[:1].islower() and any(c.isupper() for c in word[1:]) and not word.endswith(("'s", "’s")):
        return True  # "iPhone 11", "eBay 500": a camel-cased name labels the number after it
    if not word[:1].isupper() or word.endswith(("'s", "’s")) or word.lower() in QUALIFIERS:
        return False
    # Names label whole numbers ("Boeing 737"); "9,24 Millionen" or "1,334.20" is an amount.
    if _DECIMAL_AT.match(text, pos):
        return False
    # German capitalises every noun: after an article it is the sentence's noun ("der Konzern 9 Werke").
    if _ARTICLE_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1)):
        return False
    return not _sentence_initial(text, m.start(1))


_DECIMAL_AT = re.compile(r"\d+[.,]\d")
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:der|die|das|dem|den|des|ein|eine|einer|einem|einen|eines)\s+)$")


def _pre_before(text: str, start: int) -> tuple[int, str]:
    """A range opener ("from", "between", "vom", "zwischen") right before `start`: (its start, word)."""
    m = _PRE_BEFORE.search(text, max(0, start - 12), start)
    return (m.start("pre"), m.group("pre").lower()) if m else (start, "")


def _range_values(m, text, language, *, scale_word: str | None) -> tuple[int, Decimal, Decimal] | None:
    """Start and both ends of a numeric range ("20 to 30", "20-30", "zwischen 20 und 30"), or None."""
    conn = m.group("conn").lower()
    s = m.start()
    pre_start, pre = _pre_before(text, s)
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return None
    if pre == "from":
        # "rose from 20 to 30 firms" is a change, not a range (German uses "von 20 auf 30" for that).
        return None
    hint = bool(scale_word) or "unit" in m.groupdict()
    low = _value_of(m.group("n"), language, decimal_hint=hint)
    high = _value_of(m.group("n2"), language, decimal_hint=hint)
    if low is None or high is None or high <= low:
        return None
    if _CODE_BEFORE.search(text, max(0, s - 20), s):
        return None
    if not scale_word and any(_year_like(m.group(g)) for g in ("n", "n2")):
        return None
    return (pre_start if pre in ("between", "zwischen") else s), low, high


def _year_like(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100



PatternSpec = tuple[str, Callable[..., Iterator[tuple]], Any]


@dataclass(frozen=True, slots=True)
class Pieces:
    """Pattern pieces shared by the value families, built for one number-word alternative.

    `words` is the language's number-word pattern, or None for the digits-only grammar (number-word
    alternatives are the costliest part of scanning, and most sentences have none).
    """

    words: str | None

    @property
    def words_alt(self) -> str:
        return self.words or r"(?!)"

    def num(self, name: str) -> str:
        return _num(name, self.words)

    range_conn: str = r"(?P<conn>[-–—]|(?i:to|through|until|till|and|und|bis(?:\s+(?:zum|einschließlich))?))"
    num_conn: str = r"(?P<conn>[-–—]|(?i:to|bis|and|und)(?![^\W\d_]))"
    day_en: str = _ORD_SUFFIX + r"?"
    dm_sep: str = r"(?:\.\s*|" + _ORD_SUFFIX + r"?\s+(?:of\s+)?)"

    @property
    def num2(self) -> str:
        return rf"(?P<n2>\d+(?:[.,]\d+)*(?!\d|[.,]\d)|{self.words_alt})"
