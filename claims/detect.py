"""Check-worthiness: which sentences are claims, of what kind, how sure, and why.

A transparent additive score: typed values and checkable patterns (rankings, firsts, attributed
figures, dated events) add weight; questions, opinions, statements of intent, calls to action and
page furniture take it away. Every contribution leaves a short reason, so a reviewer sees why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims.values import Value

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    """A scored sentence. Offsets point into the cleaned body; values carry body offsets too."""

    text: str
    start: int
    end: int
    is_claim: bool
    kind: str
    score: float
    reasons: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    line: int | None = None


# Weight of the strongest value in a sentence; the order is also the priority for `kind`.
VALUE_WEIGHTS: dict[str, float] = {
    "year_target": 0.45,
    "percent": 0.45,
    "money": 0.45,
    "rank": 0.45,
    "quantity": 0.35,
    "date_range": 0.3,
    "duration": 0.3,
    "date": 0.3,
}
_BASE = 0.15

_I = re.IGNORECASE


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Markers are looked up as lowercase tokens in sets and as " phrase " in the space-joined tokens:
# one tokenisation per sentence instead of a dozen case-insensitive regex scans.
_SUPERLATIVES = _wordset(
    """first inaugural largest biggest highest lowest smallest fastest slowest most least best worst
    record top leading unprecedented erste ersten erstem erster erstes größte größten größter größtes
    höchste höchsten höchster höchstes höchstem niedrigste niedrigsten meiste meisten beste besten
    einzige einzigen führende führenden"""
)
_SUPERLATIVE_PREFIXES = ("rekord",)
_FIRSTS = frozenset({"first", "inaugural", "erste", "ersten", "erstem", "erster", "erstes"})
_EVENT_WORDS = _wordset(
    """held opened launched inaugurated established founded signed released announced completed
    hosted unveiled published awarded eröffnet statt stattgefunden stattfinden stattfindet stattfand
    fortgesetzt unterzeichnet veröffentlicht gegründet ausgezeichnet verliehen"""
)
_EVENT_PHRASES = (
    " kicked off ", " took place ", " takes place ", " take place ", " put into operation ",
    " continue until ", " continues until ", " continued until ", " run until ", " runs until ",
    " last until ", " lasts until ", " lasted until ",
)
_CHANGE_WORDS = _wordset(
    """increased decreased rose fell grew dropped doubled tripled halved reached rank ranks ranked
    contributed achieved exceeded reduced cut stieg sank wuchs gesunken gestiegen"""
)
_CHANGE_PHRASES = (" accounted for ",)
_TOTAL_WORDS = frozenset({"insgesamt", "totaling", "totalling"})
_TOTAL_PHRASES = (" a total of ", " in total ", " eine gesamtzahl von ")
_OPINION_WORDS = frozenset({"should", "must", "hopefully", "sollte", "sollten", "müssen"})
_OPINION_PHRASES = (
    " i think ", " i believe ", " we believe ", " in my view ", " in my opinion ", " ought to ",
    " it is important to ", " it is important that ", " it is essential to ", " it is crucial to ",
    " it is vital to ", " we need to ", " ich glaube ", " wir glauben ", " ich denke ", " wir denken ",
    " meiner meinung ", " meines erachtens ", " wir brauchen ",
)
_INTENT_WORDS = frozenset({"beabsichtigt", "plant"})
_INTENT_PHRASES = (
    " aim to ", " aims to ", " aiming to ", " plan to ", " plans to ", " intend to ", " intends to ",
    " hope to ", " hopes to ", " seek to ", " seeks to ", " strive to ", " strives to ", " will strive ",
    " is committed to ", " are committed to ", " zielt darauf ab ", " soll helfen ", " sollen helfen ",
)
_EVALUATIVE_WORDS = _wordset(
    """remarkable impressive significant inspiring visionary outstanding valuable insightful
    excellent pioneering grand"""
)
_HYPHEN_SUPERLATIVE = re.compile(r" (?:first|largest|biggest|highest|lowest|best|record)-")
_CHANGE_PREFIX = re.compile(r" (?:verdoppelt|erreicht|belegt)")
_EVALUATIVE_PREFIX = re.compile(r" (?:hervorragend|bedeutend|bahnbrechend)")
_ATTRIBUTION_TRIGGERS = _wordset(
    """according citing data figures statistics report study survey reported estimated laut angaben
    gemäß zufolge said says told stated noted added announced sagte erklärte betonte"""
)

_ATTRIBUTION = re.compile(
    r"\b(?:according to|citing|data from|figures from|statistics from|a (?:report|study|survey) "
    r"(?:released|published|issued|conducted) by|reported by|estimated by|laut|nach angaben (?:von|des|der)|"
    r"gemäß)\s+(?P<who>[^,.;:]{2,120})",
    _I,
)
_ZUFOLGE = re.compile(r"(?P<who>\b[A-ZÄÖÜ][\w\-]*(?:\s+[A-ZÄÖÜ][\w\-]*){0,4})\s+zufolge\b")
_SAID = re.compile(
    r"[,\"”“]\s*(?:said|says|told|stated|noted|added|announced|sagte|erklärte|betonte)\s+"
    r"(?P<who>[A-ZÄÖÜ][\w\-]*(?:\s+[A-ZÄÖÜ][\w\-]*){0,3})"
)
_BY_NAME = re.compile(
    r"\b(?:released|published|issued|conducted|compiled)\s+by\s+(?:the\s+)?(?P<who>[^,.;]+)", _I
)
# A short name in brackets after the full one: "(IEA)", "(Destatis)".
_ACRONYM = re.compile(r"\(([A-Z][\w&]{1,11})\)")
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:join|visit|click|subscribe|register|sign up|follow|contact|learn more|read more|"
    r"download|call|share|besuchen sie|melden sie sich|klicken sie|jetzt)\b",
    _I,
)
_QUOTED_SPEECH = re.compile(r"^\W*[\"“„«‘']")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TOKEN = re.compile(r"\w+(?:[-‐]\w+)*")
_CLOSERS = "\"'”’»)] \t\n"
_TERMINALS = frozenset(".!?。！？")


def _first_words(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for p in phrases:
        first = p.split()[0]
        index[first] = (*index.get(first, ()), p)
    return index


_PHRASE_INDEX: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    phrases: _first_words(phrases)
    for phrases in (_EVENT_PHRASES, _CHANGE_PHRASES, _TOTAL_PHRASES, _OPINION_PHRASES, _INTENT_PHRASES)
}


def _any(words: set[str], norm: str, single: frozenset[str], phrases: tuple[str, ...]) -> bool:
    """Whether a marker word is among `words` or a marker phrase occurs in `norm`."""
    if not words.isdisjoint(single):
        return True
    # Only phrases whose first word occurs in the sentence are looked for: usually none or one.
    index = _PHRASE_INDEX[phrases]
    return any(p in norm for w in words.intersection(index) for p in index[w])


def _superlative(tokens: list[str], words: set[str], norm: str) -> str | None:
    """The first superlative or "first" marker of the sentence, in text order."""
    possessive = _POSSESSIVE_SUPERLATIVE.search(norm)
    if (
        words.isdisjoint(_SUPERLATIVES)
        and " rekord" not in norm
        and not _HYPHEN_SUPERLATIVE.search(norm)
        and not possessive
    ):
        return None  # the common case, decided without a Python-level loop over tokens
    for i, token in enumerate(tokens):
        head = token.split("-", 1)[0] if "-" in token else token
        if head == "top" and "-" in token:
            continue  # "top-level", "top-notch" are not rankings
        if head in _SUPERLATIVES or head.startswith(_SUPERLATIVE_PREFIXES):
            if head == "höchstem" and " höchstem niveau " in norm:
                continue  # "auf höchstem Niveau" is the idiom "top-level"
            if head in _FIRSTS and i + 1 < len(tokens) and tokens[i + 1] in _PERIOD_AFTER_FIRST:
                continue  # "the first two months", "first half", "ersten Quartal": a period
            return head
    return possessive.group(1) if possessive else None


# "world's busiest", "China's largest": a possessive before an -est adjective.
_POSSESSIVE_SUPERLATIVE = re.compile(
    r"\w s (?!(?:interest|forest|request|contest|protest|harvest|honest|modest|manifest|digest|"
    r"arrest|guest|west|east|test|rest|nest|pest|chest|quest|vest)\b)(\w{2,}est)\b"
)
_PERIOD_AFTER_FIRST = _wordset(
    """two three four five six seven eight nine ten half quarter quarters months weeks days years
    hälfte halbjahr quartal monate wochen tage jahre zwei drei vier fünf sechs"""
)


_NAME_LINKS = _wordset("of for and the de du la von der des für und zur zum")
_ARTICLES = _wordset("the a an der die das dem den des")


def _source_name(phrase: str) -> str:
    """The name at the head of an attribution phrase: capitalised words and their links."""
    acronym = _ACRONYM.search(phrase)
    if acronym:
        return acronym.group(1)
    words = phrase.split()
    while words and words[0].lower() in _ARTICLES:
        words.pop(0)
    kept: list[str] = []
    for w in words:
        if w[:1].isupper() or w[:1].isdigit() or (kept and w.lower() in _NAME_LINKS):
            kept.append(w)
        else:
            break
    while kept and kept[-1].lower() in _NAME_LINKS:
        kept.pop()
    name = " ".join(kept) if kept else " ".join(words)
    return name.strip(" ,;:()")[:60]


def _attribution(text: str) -> str | None:
    """The source a sentence credits ("IEA", "Tsinghua University"), or None."""
    m = _ATTRIBUTION.search(text)
    if m:
        phrase = m.group("who")
        by = _BY_NAME.search(phrase)
        return _source_name(by.group("who") if by and not _ACRONYM.search(phrase) else phrase) or None
    for pattern in (_ZUFOLGE, _SAID):
        m = pattern.search(text)
        if m:
            return _source_name(m.group("who")) or None
    return None


def score_sentence(
    text: str,
    start: int,
    end: int,
    values: tuple[Value, ...],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    headline: bool = False,
    furniture: str | None = None,
    line: int | None = None,
) -> Claim:
    """Score one sentence (with its extracted values) and decide whether it is a claim."""
    reasons: list[str] = []
    score = _BASE
    types = [v.type for v in values]

    has_digit = _DIGIT.search(text) is not None
    main: str | None = None
    for vtype in VALUE_WEIGHTS:
        if vtype in types:
            main = vtype
            break
    if main is not None:
        score += VALUE_WEIGHTS[main]
        reasons.append(f"has {main.replace('_', ' ')} value")
        # Each further kind of value makes the sentence a denser, more checkable statement.
        extra = len(set(types) - {main})
        if extra:
            score += min(0.1 * extra, 0.2)
            reasons.append(f"{extra + 1} kinds of values")
    elif has_digit:
        score += 0.15
        reasons.append("has number")

    tokens = _TOKEN.findall(text.lower())
    words = set(tokens)
    norm = " " + " ".join(tokens) + " "

    superlative = _superlative(tokens, words, norm)
    is_first = False
    if superlative:
        is_first = superlative in _FIRSTS
        # A "first" is a crisp, checkable record claim; other superlatives are often loose praise.
        score += 0.35 if is_first else 0.25
        reasons.append(f"superlative: {superlative}")

    source = _attribution(text) if not words.isdisjoint(_ATTRIBUTION_TRIGGERS) else None
    if source:
        score += 0.15
        reasons.append(f"attributed to {source}")

    event = _any(words, norm, _EVENT_WORDS, _EVENT_PHRASES)
    if event and main in ("date", "date_range"):
        score += 0.15
        reasons.append("dated event")
    elif event:
        score += 0.05
        reasons.append("event")
    if _any(words, norm, _CHANGE_WORDS, _CHANGE_PHRASES) or _CHANGE_PREFIX.search(norm):
        score += 0.1
        reasons.append("measurable verb")
    if _any(words, norm, _TOTAL_WORDS, _TOTAL_PHRASES):
        score += 0.1
        reasons.append("stated total")

    if text.rstrip().endswith(("?", "？")):
        score -= 0.5
        reasons.append("question")
    if _any(words, norm, _OPINION_WORDS, _OPINION_PHRASES):
        score -= 0.25
        reasons.append("opinion marker")
    if _any(words, norm, _INTENT_WORDS, _INTENT_PHRASES) and main != "year_target":
        score -= 0.2
        reasons.append("statement of intent")
    if _CALL_TO_ACTION.search(text):
        score -= 0.4
        reasons.append("call to action")
    if _QUOTED_SPEECH.search(text) and main is None:
        score -= 0.1
        reasons.append("quotation")
    evaluative = len(words & _EVALUATIVE_WORDS) + len(_EVALUATIVE_PREFIX.findall(norm))
    if evaluative:
        score -= min(0.05 * evaluative, 0.15)
        reasons.append("evaluative language")
    # CJK text has no spaces: a run of Han/kana/Hangul is one token, so count its characters.
    n_words = len(tokens) + (len(_CJK.findall(text)) // 2 if _CJK.search(text) else 0)
    if n_words < 4:
        score -= 0.3
        reasons.append("too short")
    if headline or text.rstrip(_CLOSERS)[-1:] not in _TERMINALS:
        # A headline restates a body sentence; reviewing the body sentence (with context) is enough.
        score -= 0.2
        reasons.append("headline")
    if furniture:
        score -= 0.6
        reasons.append(f"page furniture: {furniture}")

    score = round(min(1.0, max(0.0, score)), 3)
    if main is not None:
        kind = main
    elif superlative:
        kind = "first" if is_first else "superlative"
    elif source:
        kind = "attribution"
    elif event:
        kind = "event"
    elif has_digit:
        kind = "statistic"
    else:
        kind = "other"
    return Claim(
        text=text,
        start=start,
        end=end,
        is_claim=score >= threshold,
        kind=kind,
        score=score,
        reasons=tuple(reasons),
        values=values,
        line=line,
    )
