"""Interpretable features of a sentence for the check-worthiness model, and its word n-grams.

Named features are what a reviewer can read as a reason ("has percent value", "question",
"attributed to IEA"); they come from the engine's typed values and from closed-class word lists
(claims.lexicon) in English and German, so they carry over between the two languages. Word
n-grams are English-only evidence learned from the training data (see claims.checkworthiness).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims import lexicon as lx
from claims.values import Value

# Value types in the order that also decides a claim's `kind`.
VALUE_TYPES = ("year_target", "percent", "money", "rank", "quantity", "date_range", "duration", "date")

_I = re.IGNORECASE
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CLOSERS = "\"'”’»)] \t\n"
_TERMINALS = frozenset(".!?。！？")
_QUOTED_START = re.compile(r"^\W*[\"“„«‘']")
_EST = re.compile(r"(?<![\w-])(\w{3,}est)(?![\w-])")
_HYPHEN_SUPERLATIVE = re.compile(r"(?<![\w-])(first|largest|biggest|highest|lowest|best|record|second|third)-(?=\w)")
_HYPHEN_HEAD = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(lx.SUPERLATIVES)) + r")-")
_POSSESSIVE_SUPERLATIVE = re.compile(r"\w['’]s (\w{2,}est)\b")
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:" + "|".join(re.escape(w) for w in lx.CALL_TO_ACTION_STARTS) + r")\b", _I
)

_ATTRIBUTION = re.compile(
    r"\b(?:according to|citing|data from|figures from|statistics from|a (?:report|study|survey) "
    r"(?:released|published|issued|conducted) by|reported by|estimated by|laut|nach angaben (?:von|des|der)|"
    r"gemäß)\s+(?P<who>[^,.;:]{2,120})",
    _I,
)
_ZUFOLGE = re.compile(r"(?P<who>\b[A-ZÄÖÜ][\w\-]*(?:\s+[A-ZÄÖÜ][\w\-]*){0,4})\s+zufolge\b")
_SAID = re.compile(
    r"[,\"”“]\s*(?:" + "|".join(sorted(lx.REPORTING_VERBS)) + r")\s+"
    r"(?P<who>[A-ZÄÖÜ][\w\-]*(?:\s+[A-ZÄÖÜ][\w\-]*){0,3})"
)
_NAME_SAID = re.compile(
    r"(?P<who>\b[A-ZÄÖÜ][\w\-]*(?:\s+[A-ZÄÖÜ][\w\-]*){0,3})\s+(?:" + "|".join(sorted(lx.REPORTING_VERBS)) + r")\b"
)
_BY_NAME = re.compile(r"\b(?:released|published|issued|conducted|compiled)\s+by\s+(?:the\s+)?(?P<who>[^,.;]+)", _I)
_ACRONYM = re.compile(r"\(([A-Z][\w&]{1,11})\)")
_NAME_LINKS = frozenset(["of", "for", "and", "the", "de", "du", "la", "von", "der", "des", "für", "und", "zur", "zum"])
_PRONOUNS = lx.FIRST_SINGULAR | lx.FIRST_PLURAL | lx.SECOND_PERSON
_ATTRIBUTION_TRIGGERS = lx.ATTRIBUTION_WORDS | lx.REPORTING_VERBS
_ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "dem", "den", "des"])


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What the model sees of one sentence: named features (name -> reason text) and word n-grams."""

    named: dict[str, str]
    grams: tuple[str, ...]
    main_value: str | None
    superlative: str | None
    source: str | None
    event: bool


def tokens_of(text: str) -> list[str]:
    """Lowercase word tokens (hyphenated words and contractions kept whole)."""
    return _TOKEN.findall(text.lower())


def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation per list: one C-level scan of the sentence instead of one per phrase.
    return re.compile("|".join(re.escape(p) for p in phrases))


_EVENT_PHRASES = _phrases(lx.EVENT_PHRASES)
_OPINION_PHRASES = _phrases(lx.OPINION_PHRASES)
_INTENT_PHRASES = _phrases(lx.INTENT_PHRASES)


def superlative_of(text: str, tokens: list[str], words: set[str]) -> str | None:
    """The first superlative or "first"/"record" marker of the sentence, or None."""
    low = text.lower()
    if (words.isdisjoint(lx.SUPERLATIVES) and "rekord" not in low
            and not ("-" in low and _HYPHEN_HEAD.search(low))):
        # The common case, decided without a Python-level loop over the tokens.
        if "s " in low and (m := _POSSESSIVE_SUPERLATIVE.search(low)) and m.group(1) not in lx.NOT_SUPERLATIVE_EST:
            return m.group(1)
        return None
    for i, token in enumerate(tokens):
        head = token.split("-", 1)[0] if "-" in token else token
        if head == "top" and "-" in token:
            continue  # "top-level": not a ranking
        if head in lx.SUPERLATIVES or head.startswith(lx.SUPERLATIVE_PREFIXES):
            if head in lx.FIRSTS and i + 1 < len(tokens) and tokens[i + 1] in lx.PERIOD_AFTER_FIRST:
                continue  # "the first two months": a period
            return head
    m = _HYPHEN_SUPERLATIVE.search(low)
    if m:
        return m.group(1)
    m = _POSSESSIVE_SUPERLATIVE.search(low)
    if m and m.group(1) not in lx.NOT_SUPERLATIVE_EST:
        return m.group(1)
    return None


def _source_name(phrase: str) -> str:
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


def attribution_of(text: str) -> str | None:
    """The source a sentence credits ("Destatis", "the Federal Statistical Office"), or None."""
    m = _ATTRIBUTION.search(text)
    if m:
        phrase = m.group("who")
        by = _BY_NAME.search(phrase)
        return _source_name(by.group("who") if by and not _ACRONYM.search(phrase) else phrase) or None
    for pattern in (_ZUFOLGE, _SAID, _NAME_SAID):
        m = pattern.search(text)
        if m:
            name = _source_name(m.group("who"))
            if name and name.lower() not in _PRONOUNS:
                return name
    return None


def _length_feature(n_words: int) -> tuple[str, str]:
    if n_words < 4:
        return "len:<4", "too short"
    if n_words < 8:
        return "len:4-7", "short sentence"
    if n_words < 15:
        return "len:8-14", "medium length"
    if n_words < 30:
        return "len:15-29", "long sentence"
    return "len:30+", "very long sentence"


def sentence_features(text: str, values: tuple[Value, ...], language: str = "en") -> SentenceFeatures:
    """Named features and n-grams of one sentence, given the values the engine found in it."""
    named: dict[str, str] = {}
    types = {v.type for v in values}
    main = next((t for t in VALUE_TYPES if t in types), None)
    for t in VALUE_TYPES:
        if t in types:
            named[f"value:{t}"] = f"has {t.replace('_', ' ')} value"
    if len(types) >= 2:
        named["value:kinds2+"] = f"{len(types)} kinds of values"
    if len(values) >= 3:
        named["value:many"] = f"{len(values)} values"
    has_digit = _DIGIT.search(text) is not None
    if has_digit and main is None:
        named["number"] = "has number"
    if _YEAR.search(text):
        named["year"] = "names a year"

    tokens = tokens_of(text)
    words = set(tokens)
    norm = " " + " ".join(tokens) + " "
    superlative = superlative_of(text, tokens, words)
    if superlative:
        if superlative in lx.FIRSTS:
            named["first"] = f"superlative: {superlative}"
        else:
            named["superlative"] = f"superlative: {superlative}"
    source = attribution_of(text) if not words.isdisjoint(_ATTRIBUTION_TRIGGERS) else None
    if source:
        named["attribution"] = f"attributed to {source}"
    event = not words.isdisjoint(lx.EVENT_WORDS) or _EVENT_PHRASES.search(norm) is not None
    if event:
        named["event"] = "dated event" if main in ("date", "date_range") else "event"
    if not words.isdisjoint(lx.CHANGE_WORDS):
        named["change"] = "measurable verb"
    if not words.isdisjoint(lx.TOTAL_WORDS):
        named["total"] = "stated total"
    if not words.isdisjoint(lx.COMPARATIVE_WORDS):
        named["comparison"] = "comparison"

    stripped = text.rstrip()
    if stripped.endswith(("?", "？")):
        named["question"] = "question"
    if stripped.endswith("!"):
        named["exclamation"] = "exclamation"
    if not words.isdisjoint(lx.OPINION_WORDS) or _OPINION_PHRASES.search(norm) is not None:
        named["opinion"] = "opinion marker"
    if not words.isdisjoint(lx.HEDGES):
        named["hedge"] = "hedged"
    if _INTENT_PHRASES.search(norm):
        named["intent"] = "statement of intent"
    if not words.isdisjoint(lx.FUTURE_WORDS):
        named["future"] = "future tense"
    if not words.isdisjoint(lx.MODAL_WORDS):
        named["modal"] = "modal verb"
    if not words.isdisjoint(lx.PAST_AUXILIARIES):
        named["past"] = "past tense"
    if not words.isdisjoint(lx.NEGATIONS):
        named["negation"] = "negation"
    if not words.isdisjoint(lx.FIRST_SINGULAR):
        named["pron:i"] = "speaks of self"
    if not words.isdisjoint(lx.FIRST_PLURAL):
        named["pron:we"] = "speaks of 'we'"
    if not words.isdisjoint(lx.SECOND_PERSON):
        named["pron:you"] = "addresses the reader"
    if tokens and tokens[0] in lx.FORMULAE:
        named["formula"] = "conversational formula"
    if _CALL_TO_ACTION.search(text):
        named["call_to_action"] = "call to action"
    if _QUOTED_START.search(text):
        named["quotation"] = "quotation"

    n_words = len(tokens) + (len(_CJK.findall(text)) // 2 if _CJK.search(text) else 0)
    name, reason = _length_feature(n_words)
    named[name] = reason
    if main is not None and n_words < 15:
        # Debates make short sentences look unimportant; a short sentence with a typed value is a
        # different case ("It will continue until November 28."), so the model gets to weigh it apart.
        named[f"{name}+value"] = f"{reason} with a value"
    if stripped.rstrip(_CLOSERS)[-1:] not in _TERMINALS:
        named["no_terminal"] = "no sentence ending"

    grams: tuple[str, ...] = ()
    if language == "en":
        grams = _grams(tokens)
    return SentenceFeatures(named, grams, main, superlative, source, event)


def _grams(tokens: list[str]) -> tuple[str, ...]:
    """Unigrams and bigrams, numbers folded to one token so the model learns "a number" not "60"."""
    folded = [t if t.isalpha() or not _DIGIT.search(t) else "#" for t in tokens]
    out = list(folded)
    prev = "<s>"
    for t in folded:
        out.append(f"{prev} {t}")
        prev = t
    return tuple(out)
