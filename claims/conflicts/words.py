"""Content words of a claim and the subject of a value: what it is about."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.conflicts.model import _local
from claims.detect import Claim
from claims.stories import name_tokens
from claims.values import Value

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOP_TEXT = """
    a an the this that these those it its is are was were be been being has have had will would
    shall should can could may might must do does did of in on at by for from to with and or but as
    into onto over under about than then also very more most less least such so not no nor only
    which who whom whose what when where while during since until after before between among
    including include includes included per via same other another each every all some any both
    their they them there here he she his her we our you your i me my one ones said says say
    der die das den dem des ein eine einer eines einem einen und oder aber ist sind war waren wird
    werden wurde wurden hat haben hatte hatten sein seine seiner seinem seinen ihre ihrer ihrem im
    am zum zur vom beim auf aus bei mit nach seit von vor zu über unter für durch gegen ohne um
    bis als wie wenn dass es er sie wir sich auch nicht noch nur mehr weniger sowie darunter davon
    insgesamt rund etwa ungefähr knapp fast mindestens höchstens around approximately roughly nearly
    almost least total
"""
_STOP = frozenset(_STOP_TEXT.split())


def _lemma(word: str) -> str:
    """Crude lemma: lower case, no possessive, no English plural s, so 'factories' meets 'factory'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    return w


@lru_cache(maxsize=4096)  # every value of a claim asks for the same sentence's words
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    """Content words of a text with their offsets, lemmatised, stop words dropped."""
    out = []
    for match in _WORD.finditer(text):
        lower = match.group().lower()
        if lower in _STOP or len(lower) < 2:
            continue
        out.append((match.start(), match.end(), _lemma(lower)))
    return tuple(out)


_NUMBER_WORDS_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen ten tens hundreds thousands millions billions "
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig "
    "fünfzig hundert tausend million millionen milliarde milliarden dutzend zehntausende "
    "over above below under nearly almost some around roughly approximately percent per cent prozent "
    "mehr als über unter fast knapp rund etwa"
)
_NUMBER_WORDS = frozenset(_NUMBER_WORDS_TEXT.split())


@dataclass(frozen=True, slots=True)
class _Subject:
    words: frozenset[str]  # content words near the value and inside it (its unit and modifiers)
    names: frozenset[str]  # proper names and acronyms near the value


def _subject(claim: Claim, value: Value, language: str, window: int = 6) -> _Subject:
    """What a value is about: up to `window` content words each side (other values' words left
    out), the value's own words without its number ("green factories"), and the names nearby."""
    vs, ve = _local(claim, value)
    covered = [_local(claim, v) for v in claim.values if v is not value]
    words = [
        (s, e, w)
        for s, e, w in _words(claim.text)
        if not any(cs <= s < ce or cs < e <= ce for cs, ce in covered)
    ]
    before = [x for x in words if x[1] <= vs][-window:]
    inside = [x for x in words if vs <= x[0] and x[1] <= ve and x[2] not in _NUMBER_WORDS]
    after = [x for x in words if x[0] >= ve][:window]
    lo = before[0][0] if before else vs
    hi = after[-1][1] if after else ve
    names = name_tokens(claim.text[lo:hi], language) if lo < vs or hi > ve else set()
    return _Subject(frozenset(w for _, _, w in before + inside + after), frozenset(names))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
