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
_SUPERLATIVE = re.compile(
    r"\b(first|inaugural|largest|biggest|highest|lowest|smallest|fastest|slowest|most|least|best|"
    r"worst|record|top(?![-‐])|leading|unprecedented|erste[nmrs]?|größte[nmrs]?|höchste[nmrs]?(?!\s+Niveau)|"
    r"niedrigste[nmrs]?|meiste[nmrs]?|beste[nmrs]?|rekord\w*|einzige[nmrs]?|führende[nmrs]?)\b",
    _I,
)
_FIRSTS = frozenset({"first", "inaugural", "erste", "ersten", "erstem", "erster", "erstes"})
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
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
_EVENT = re.compile(
    r"\b(?:was|were|is|are|will be|has been|have been)\s+(?:\w+ly\s+)?(?:held|opened|launched|"
    r"inaugurated|established|founded|signed|released|announced|completed|put into operation|"
    r"hosted|unveiled|published)\b|\b(?:kicked off|took place|takes place|will take place|opened|"
    r"launched|hosted|held|signed|released|awarded|established|continue[sd]? until|runs? until|"
    r"last(?:s|ed)? until|eröffnet|statt(?:gefunden|finden|findet|fand)?|fortgesetzt|"
    r"unterzeichnet|veröffentlicht|gegründet|ausgezeichnet|verliehen)\b",
    _I,
)
_CHANGE = re.compile(
    r"\b(?:increased|decreased|rose|fell|grew|dropped|doubled|tripled|halved|reached|ranks?|ranked|"
    r"contributed|accounted for|achieved|exceeded|reduced|cut|stieg|sank|wuchs|verdoppelt\w*|"
    r"erreicht\w*|belegt\w*|gesunken|gestiegen)\b",
    _I,
)
_TOTAL = re.compile(r"\b(?:a total of|in total|totall?ing|insgesamt|eine gesamtzahl von)\b", _I)
_OPINION = re.compile(
    r"\b(?:i think|i believe|we believe|in my (?:view|opinion)|should|must|ought to|hopefully|"
    r"it is (?:important|essential|crucial|vital) (?:to|that)|we need to|ich glaube|meiner meinung|"
    r"sollte[n]?|müssen|wir brauchen)\b",
    _I,
)
_INTENT = re.compile(
    r"\b(?:aims? to|aiming to|plans? to|intends? to|hopes? to|seeks? to|strives? to|will strive|"
    r"is committed to|are committed to|zielt darauf ab|soll(?:en)? helfen|"
    r"beabsichtigt|plant)\b",
    _I,
)
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:join|visit|click|subscribe|register|sign up|follow|contact|learn more|read more|"
    r"download|call|share|besuchen sie|melden sie sich|klicken sie|jetzt)\b",
    _I,
)
_QUOTED_SPEECH = re.compile(r"^\W*[\"“„«‘']")
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?。！？][\"'”’»)\]]*$")
_EVALUATIVE = re.compile(
    r"\b(?:remarkable|impressive|significant|inspiring|visionary|outstanding|valuable|insightful|"
    r"excellent|pioneering|grand|hervorragend\w*|bedeutend\w*|bahnbrechend\w*)\b",
    _I,
)


def _attribution(text: str) -> str | None:
    """The source a sentence credits ("IEA", "Tsinghua University"), or None."""
    m = _ATTRIBUTION.search(text)
    if m:
        phrase = m.group("who")
        by = _BY_NAME.search(phrase)
        acronym = _ACRONYM.search(phrase)
        if acronym:
            return acronym.group(1)
        who = by.group("who") if by else phrase
        return re.sub(r"^(?:the|a|an|der|die|das|dem|den)\s+", "", who.strip(), flags=_I)[:60]
    for pattern in (_ZUFOLGE, _SAID):
        m = pattern.search(text)
        if m:
            return m.group("who").strip()[:60]
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
    elif _DIGIT.search(text):
        score += 0.15
        reasons.append("has number")

    superlative = _SUPERLATIVE.search(text)
    is_first = False
    if superlative:
        word = superlative.group(1).lower()
        is_first = word in _FIRSTS
        score += 0.25
        reasons.append(f"superlative: {word}")

    source = _attribution(text)
    if source:
        score += 0.15
        reasons.append(f"attributed to {source}")

    event = _EVENT.search(text)
    if event and main in ("date", "date_range"):
        score += 0.15
        reasons.append("dated event")
    elif event:
        score += 0.05
        reasons.append("event")
    if _CHANGE.search(text):
        score += 0.1
        reasons.append("measurable verb")
    if _TOTAL.search(text):
        score += 0.1
        reasons.append("stated total")

    if text.rstrip().endswith(("?", "？")):
        score -= 0.5
        reasons.append("question")
    if _OPINION.search(text):
        score -= 0.25
        reasons.append("opinion marker")
    if _INTENT.search(text) and main not in ("year_target",):
        score -= 0.2
        reasons.append("statement of intent")
    if _CALL_TO_ACTION.search(text):
        score -= 0.4
        reasons.append("call to action")
    if _QUOTED_SPEECH.search(text) and main is None:
        score -= 0.1
        reasons.append("quotation")
    evaluative = len(_EVALUATIVE.findall(text))
    if evaluative:
        score -= min(0.05 * evaluative, 0.15)
        reasons.append("evaluative language")
    words = len(_WORDS.findall(text))
    if words < 4:
        score -= 0.3
        reasons.append("too short")
    if headline or not _TERMINAL.search(text):
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
    elif _DIGIT.search(text):
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
