"""Across articles: claims that state the same fact, matched by what they measure, not by order.

Real outlets do not follow each other's sentence order. Each value of a claim becomes a `Fact`:
its measure (value family and unit after conversion), its period (the dates stated beside it),
and its subject: the words that introduce it in its own part of the sentence ("die AfD auf" in a
list of party results), as English concepts through the term lexicon, so "Wahlbeteiligung" meets
"turnout". Two facts of two articles of one story are the same fact when they share measure and
period and their subjects are each other's best match; then their values are compared with the
tolerance their wording implies ("rund", "almost", a figure's own rounding). A disagreement is
classified: different basis (HICP against CPI), different source (the texts attribute the
figures to different bodies), likely revision (preliminary figures, a later publication), or a
plain contradiction. Agreeing statements are never flagged.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date

from claims.conflicts.compare import _fmt, _quote, _span, agree
from claims.conflicts.model import Document, Inconsistency, _local, _member, _norm
from claims.conflicts.terms import concepts
from claims.conflicts.words import _NUMBER_WORDS, _STOP
from claims.detect import Claim
from claims.values import Value

# Subject overlap (Dice over concept-matched words) at which two facts may be the same fact.
MIN_SUBJECT = 0.25
# Values further apart than this factor measure different things (a count and a total), not one
# fact stated twice.
MAX_RATIO = 2.0
# Subject score of two figures whose names and acronyms are the same ("SPD" and "SPD").
NAMED_SCORE = 0.5
# Subjects of at most this many words contrast (see subject_score).
CONTRAST_WORDS = 4
# Content words of a figure's own part of the sentence kept as its subject.
SUBJECT_WINDOW = 10
# Units with a physical dimension: a count without a unit is never one of these.
_PHYSICAL = frozenset({
    "km", "m", "cm", "mm", "mile", "kg", "g", "t", "tonne", "ton", "mt", "kt", "gt", "twh", "gwh", "mwh",
    "kwh", "mw", "gw", "kw", "l", "hectare", "ha", "km2", "m2", "second", "minute", "hour", "day", "week",
    "month", "year",
    # scales and attributes: never the unit of a bare count
    "magnitude", "age", "degree", "celsius",
})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITAL = re.compile(r"[A-ZÄÖÜ]")
_NUMERIC = ("quantity", "percent", "money", "duration")
# Words that frame any figure: they say nothing about what is measured.
_FRAME_TEXT = """
    reach reached reaches reaching hit stood stand stands come comes came rose rise risen fell fall
    fallen climbed climb increase increased decrease decreased grew dropped drop gone go went gain
    gained lost lose achieved achieve improved improve level low high record figure figures
    kommt kommen kam lag liegt lagen stieg steigt gestiegen sank sinkt gesunken erreichte erreicht
    erzielte erzielt verbesserte verbesserten verlor verloren wurde wurden
    according percent prozent per cent year jahr jahre jahren month monat
    again also only just still yet significantly slightly sharply clearly now once hand other
    wieder erneut erneuten lediglich nur noch bereits deutlich leicht knapp damit dabei hierbei
    unterdessen jedoch allerdings jetzt zuletzt
    higher lower more less höher niedriger
    betrug betragen beträgt gingen ging stiegen verstärkte beschleunigte erhöhten erhöhte
    verteuerten verteuerte zurück gains reaches reached improved achieved sees see comes confirms
    diese dieser dieses diesem diesen trotz wobei gegen gegenüber während obwohl im am
    handelt handelte beim ums kamen kam sich
    north south east west northeast northwest southeast southwest nördlich südlich östlich westlich
    südwestlich südöstlich nordwestlich nordöstlich
"""
# Calendar words: a figure's period is compared apart (its dates), never as its subject.
_CALENDAR_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday week weekend
    januar jänner februar märz april mai juni juli august september oktober november dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag heute gestern woche wochenende
    morning evening night morgen abend nacht
"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())
_FRAME = frozenset(_FRAME_TEXT.split())
# Definitions that make two figures of one measure incomparable; each id lists its wordings.
_BASES = {
    "HICP (harmonised index)": ("hicp", "hvpi", "harmonised", "harmonized", "harmonisiert", "eu-harmonisiert"),
    "CPI (national consumer price index)": ("cpi", "vpi", "verbraucherpreisindex", "consumer price index"),
    "CO2 only": ("co2", "kohlendioxid", "carbon dioxide"),
    "all greenhouse gases": ("greenhouse gas", "treibhausgas"),
    "gross consumption": ("gross consumption", "bruttostromverbrauch", "bruttoverbrauch"),
    "grid load": ("grid load", "netzlast"),
    "energy prices": ("energy price", "energiepreis", "energieprodukte", "energy"),
}
# German stop words that stay function words even when capitalised (a clause's first word).
_GERMAN_FUNCTION_TEXT = "der die das den dem des ein eine einer eines einem einen und oder aber es er sie wir"
_GERMAN_FUNCTION = frozenset(_GERMAN_FUNCTION_TEXT.split())
_BASIS_WORDS = frozenset(w for words in _BASES.values() for w in words if " " not in w)
_PROVISIONAL = re.compile(
    r"(?i)\b(preliminary|provisional|projection\w*|forecast\w*|estimate\w*|exit poll|flash|so far|"
    r"vorläufig\w*|hochrechnung\w*|prognose\w*|schätzung\w*|bislang|bisher)\b"
)
# Who says it is not what is measured: "According to the Federal Statistical Office," and "Nach
# Angaben des Statistischen Bundesamtes (Destatis)" leave a figure's subject (sources are compared
# apart, by classify).
_SOURCE_PHRASE = re.compile(
    r"(?i)\b(?:according to|citing|data from|figures from|nach angaben (?:des|der|von)|laut)\b"
    r"[^,;:.]*?(?=,|;|:|\.|\b(?:inflation|the|die|der|das|stiegen|stieg|rose|fell)\b|$)"
)
# The base a change is measured against is not what changes: "im Vergleich zum Vorjahresmonat",
# "year-on-year", "gegenüber dem Vorjahr", "compared with a year earlier" leave the subject.
_COMPARISON_PHRASE = re.compile(
    r"(?i)\b(?:im vergleich zu[mr]?|verglichen mit|gegenüber (?:dem|der|den)?|compared (?:with|to)|"
    r"than)\s+(?:\w+\s+){0,2}?(?:vorjahr\w*|vormonat\w*|year earlier|a year ago|last year|"
    r"previous (?:year|month)|the same month)\b|\b(?:year-on-year|month-on-month|jahresvergleich|"
    r"vormonatsvergleich|vorjahresvergleich|on the year|on the month)\b"
)
_FORWARD = frozenset({"according to", "citing", "cited by", "figures from", "data from", "laut"})
_ATTRIBUTION = re.compile(
    r"(?i)\b(according to|said|says|reported|citing|cited by|figures from|data from|laut|"
    r"nach angaben (?:des|der|von)|teilte\w* mit|berichtete\w*|zufolge)\b"
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One value of one claim, with what it measures."""

    doc: Document
    claim: Claim
    value: Value
    measure: tuple
    periods: tuple[tuple[date, date], ...]
    subject: tuple[frozenset[str], ...]  # concepts of each subject word
    names: frozenset[str]  # lower-case names and acronyms of the subject part
    bounds: tuple[float, float]


def _measure(value: Value) -> tuple | None:
    norm = _norm(value)
    if value.type == "quantity":
        key = norm.get("base_unit") or norm.get("dimension") or norm.get("unit_key")
        return ("quantity", str(key) if key else "?")
    if value.type == "percent":
        unit = norm.get("unit", "%")
        return ("percent", "pp" if unit == "pp" else "%")
    if value.type == "money":
        return ("money", norm.get("currency"))
    if value.type == "duration":
        unit = norm.get("unit")
        return ("duration", "second" if unit in _SECONDS else unit)
    return None


# Durations in clock units compare in seconds: "almost a minute" against "34 seconds".
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def _number(value: Value) -> float | None:
    norm = _norm(value)
    number = norm.get("base_value", norm.get("value"))
    if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number):
        return None
    if value.type == "duration":
        return float(number) * _SECONDS.get(str(norm.get("unit")), 1)
    return float(number)


_EPSILON = 1e-9
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def tolerance(value: Value, number: float) -> tuple[float, float]:
    """The interval a stated figure allows: its own rounding and its qualifier's reach."""
    lo = hi = number
    match = _DIGITS.search(value.text)
    if match is not None:
        text = match.group()
        # a decimal mark is the last separator followed by one to two digits ("14,6", "8.3"),
        # a thousands separator is followed by three ("2.012", "770 000")
        tail = re.split(r"[.,]", text)
        decimals = len(tail[-1]) if len(tail) > 1 and len(tail[-1]) < 3 else 0
        stated = float(text.replace(",", ".")) if decimals else float(re.sub(r"[.,]", "", text))
        if stated:
            half = 0.5 * (abs(number) / stated) * 10 ** (-decimals)
            lo, hi = number - half, number + half
    qualifier = str(_norm(value).get("qualifier") or "")
    spread = abs(number) * 0.05
    if qualifier in ("about", "approx", "approximately") or _norm(value).get("approximate"):
        lo, hi = min(lo, number - spread), max(hi, number + spread)
    elif qualifier in ("more_than", "at_least"):
        hi = max(hi, number + spread * 2) if qualifier == "more_than" else math.inf
        if qualifier == "more_than":
            hi = math.inf
    elif qualifier in ("less_than", "at_most"):
        lo = -math.inf
    elif qualifier in ("nearly", "almost"):
        lo = min(lo, number - spread)
    return lo, hi


_SUBJECT_BREAK = re.compile(r";|\s[–—]\s|\s-\s")


def _subject_part(claim: Claim, value: Value, numeric: list[Value], language: str) -> tuple[int, int]:
    """The part of the sentence that belongs to this value: from the previous figure's end to the
    value; if that holds no words, from the value to the next figure."""
    vs, ve = _local(claim, value)
    before = [_local(claim, v)[1] for v in numeric if _local(claim, v)[1] <= vs]
    after = [_local(claim, v)[0] for v in numeric if _local(claim, v)[0] >= ve]
    lo = max(before, default=0)
    # a clause ends at ";" or a dash: "... at 11 pm local time; the epicentre was about 75 km"
    breaks = [m.end() for m in _SUBJECT_BREAK.finditer(claim.text, lo, vs)]
    if breaks and _content(claim.text[breaks[-1]:vs], language):
        lo = breaks[-1]
    if _content(claim.text[lo:vs], language):
        return lo, vs
    return ve, min(after, default=len(claim.text))


_TAIL_STOP = re.compile(r"[,;:()–—]|\s-\s|\b(?:and|but|while|which|und|aber|während|wobei|die|der|das)\b")
TAIL_WORDS = 3


def _tail_words(claim: Claim, value: Value, numeric: list[Value], language: str) -> list[str]:
    """Up to TAIL_WORDS content words right after a figure, before the next figure or clause
    break: "shaved almost a minute off the world record" is about the record too."""
    ve = _local(claim, value)[1]
    after = [_local(claim, v)[0] for v in numeric if _local(claim, v)[0] >= ve]
    end = min(after, default=len(claim.text))
    text = claim.text[ve:end]
    stop = _TAIL_STOP.search(text)
    text = text[: stop.start()] if stop else text
    text = _COMPARISON_PHRASE.sub(" ", _PROVISIONAL.sub(" ", _SOURCE_PHRASE.sub(" ", text)))
    return [w for w in _content(text, language) if w.lower() not in _BASIS_WORDS][:TAIL_WORDS]


def _sentence_words(claim: Claim, value: Value, numeric: list[Value], language: str) -> list[str]:
    """Content words of the sentence before a figure, other figures blanked out: the subject of a
    figure whose own part of the sentence holds only verbs ("rose up to 2,497")."""
    vs = _local(claim, value)[0]
    text = list(claim.text[:vs])
    for other in numeric:
        os_, oe = _local(claim, other)
        for k in range(os_, min(oe, vs)):
            text[k] = " "
    part = _SOURCE_PHRASE.sub(lambda m: " " * len(m.group()), "".join(text))
    words = [w for w in _content(part, language) if w.lower() not in _BASIS_WORDS]
    return words[-SUBJECT_WINDOW:]


# "kamen ums Leben" (lost their lives) is a death, whatever "Leben" means alone
_IDIOMS = ((re.compile(r"(?i)\bums\s+leben\b"), "ums Toten"), (re.compile(r"(?i)\blost their lives\b"), "lost deaths"))


def _content(text: str, language: str = "en") -> list[str]:
    for pattern, replacement in _IDIOMS:
        text = pattern.sub(lambda m, r=replacement: r.ljust(len(m.group()))[: len(m.group())], text)
    out = []
    for match in _WORD.finditer(text):
        w, lower = match.group(), match.group().lower()
        if len(w) < 2 or lower in _NUMBER_WORDS or lower in _FRAME or lower in _CALENDAR:
            continue
        # German capitalises nouns: "Waren" (goods) inside a sentence is not "waren" (were)
        noun = language == "de" and w[0].isupper() and match.start() > 0 and not w.isupper()
        if lower in _STOP and not (noun and lower not in _GERMAN_FUNCTION):
            continue
        out.append(w)
    return out


# "(2018: 72,3)": a date followed by a colon and a figure labels that figure, not the sentence's
_LABEL = re.compile(r"^\s*:\s*[-+−]?\d")


# A date right after these words is what the figure is compared with, not its own period:
# "higher than in December 2022", "gegenüber 2022", "im Vergleich zum Vorjahr".
_REFERENCE = re.compile(
    r"(?i)\b(?:than|als|gegenüber|compared (?:to|with)|against|verglichen mit|vergleich zu[mr]?|"
    r"since|seit)\s+(?:(?:in|im|the|dem|der|den|those|that|recorded|year|jahr|of|von)\s+){0,3}$"
)


def _periods_of(claim: Claim, value: Value, numeric: list[Value], dates: list) -> tuple[tuple[date, date], ...]:
    """The periods a figure is stated for: each date of the claim belongs to the figure nearest it
    ("from 3.2% in November to 3.7% in December"); a date that labels another figure ("(2018:
    72,3)") or that the figure is compared with ("than in December 2022") is not its own, unless
    nothing else dates it. Bare years the value grammar leaves alone count as dates too."""
    spans = [(_local(claim, v), (s.lo, s.hi)) for v, s in dates]
    covered = [span for span, _ in spans]
    for match in _YEAR.finditer(claim.text):
        if not any(a <= match.start() < b for a, b in covered):
            y = int(match.group())
            spans.append(((match.start(), match.end()), (date(y, 1, 1), date(y, 12, 31))))
    vs = _local(claim, value)[0]
    spans = [item for item in spans if not _LABEL.match(claim.text[item[0][1]:item[0][1] + 6])
             or item[0][1] < vs <= item[0][1] + 4]
    own, reference = [], []
    vs, ve = _local(claim, value)
    for (start, end), period in spans:
        # "(2018: 37,2 Prozent)": a date and a colon label the figure right after them, however
        # near another figure stands ("Die CSU kommt auf 37,0 (2018: 37,2 Prozent)")
        label = start < vs and _LABEL.match(claim.text[end:end + 6]) is not None and vs <= end + 4
        if label:
            own.append(period)
            continue
        if len(numeric) > 1 and _nearest(claim, (start, end), numeric) is not value:
            continue
        between = claim.text[ve:start] if start >= ve else claim.text[end:vs]
        if _CLAUSE_BREAK.search(between) and not label:
            continue  # "5.9 percent in 2023 - inflation increased in December": another clause
        (reference if _REFERENCE.search(claim.text[max(0, start - 40):start]) else own).append(period)
    return tuple(dict.fromkeys(own or reference))


_CLAUSE_BREAK = re.compile(r" [-–—] |;|: ")


def _bare(value: Value) -> bool:
    """A number stated with no unit at all ("37,0", "16.2", "2,122")."""
    norm = _norm(value)
    return value.type == "quantity" and not norm.get("unit") and not norm.get("unit_key") \
        and not norm.get("base_unit") and not norm.get("dimension")


# "14,6 Prozent (10,2)", "(2018: 72,3)": a figure in brackets right after another figure
_ASIDE_OPEN = re.compile(r"^\s*\(\s*(?:(?:19|20)\d\d\s*:\s*)?[-+−±]?$")
# "the CSU at 36.6, the Greens at 15.4 ... and the FDP at 2.9 percent": list items before the unit
_LIST_GAP = re.compile(r"(?i)^\s*(?:,|,?\s*(?:and|und|or|oder|sowie))\s+(?:[^\W\d_][\w.-]*\s+){0,5}$")
LIST_GAP_CHARS = 60


def _bare_measure(claim: Claim, value: Value, numeric: list[Value], dates: list) -> tuple | None:
    """What a number stated without a unit measures, or None when it is not to be compared.

    * A bare number in brackets right after a figure ("14,6 Prozent (10,2)", "37 (+10)") is that
      figure's aside, an earlier value or a change, of its measure; its own period is stated only
      by a label ("(2018: 72,3)"). An aside without a label is never compared: what it refers
      to is not said.
    * A bare number whose own aside has a unit ("37,0 (2018: 37,2 Prozent)") has that measure.
    * Bare numbers listed before a figure with a unit share it ("the CSU at 36.6, ... and the FDP
      at 2.9 percent", "auf 36,6, 15,4 und 2,9 Prozent").
    * Otherwise a bare whole number is a count ("the death toll rose to 2,122"), compared with
      other counts of the story; a bare decimal number is no count, and is never compared."""
    vs, ve = _local(claim, value)
    ordered = sorted(numeric, key=lambda v: _local(claim, v)[0])
    k = next(i for i, v in enumerate(ordered) if v is value)
    before = ordered[k - 1] if k else None
    after = ordered[k + 1] if k + 1 < len(ordered) else None
    if before is not None and _ASIDE_OPEN.match(claim.text[_local(claim, before)[1]:vs]):
        label = _LABEL_DATE.search(claim.text[_local(claim, before)[1]:vs])
        if label is None:
            return None
        return _measure(before) if not _bare(before) else None
    if after is not None and not _bare(after) and _ASIDE_OPEN.match(claim.text[ve:_local(claim, after)[0]]):
        return _measure(after)
    for nxt in ordered[k + 1:]:
        start = _local(claim, nxt)[0]
        gap = claim.text[ve:start]
        if len(gap) > LIST_GAP_CHARS or not _LIST_GAP.match(gap):
            break
        if not _bare(nxt):
            return _measure(nxt)
        ve = _local(claim, nxt)[1]
    number = _number(value)
    if number is None or not float(number).is_integer() or re.search(r"\d[.,]\d{1,2}(?!\d)", value.text):
        return None
    return _measure(value)


_LABEL_DATE = re.compile(r"(?:19|20)\d\d\s*:")


def _nearest(claim: Claim, span: tuple[int, int], numeric: list[Value]) -> Value | None:
    """The figure nearest a span of the claim (characters between them; a figure before wins ties)."""
    best, distance = None, None
    for v in numeric:
        vs, ve = _local(claim, v)
        d = span[0] - ve if ve <= span[0] else vs - span[1] + 0.5 if vs >= span[1] else 0
        if distance is None or d < distance:
            best, distance = v, d
    return best


_PRONOUN_START = re.compile(
    r"^\W*(?:it|this|that|they|these|es|dies|sie|diese[sr]?)\b(?!\s+(?:is|was|ist|war)\s+(?:clear|klar))", re.I
)


def _previous_context(claim: Claim, language: str) -> tuple[tuple[frozenset[str], ...], tuple]:
    """Subject words (up to SUBJECT_WINDOW, the sentence's last) and periods of a sentence a
    following pronoun refers to."""
    numeric = [v for v in claim.values if v.type in _NUMERIC]
    text = list(claim.text)
    for v in numeric:
        vs, ve = _local(claim, v)
        text[vs:ve] = " " * (ve - vs)
    part = _SOURCE_PHRASE.sub(lambda m: " " * len(m.group()), "".join(text))
    words = [w for w in _content(part, language) if w.lower() not in _BASIS_WORDS][-SUBJECT_WINDOW:]
    spans = [s for s in (_span(v) for v in claim.values if v.type in ("date", "date_range")) if s is not None]
    periods = tuple((s.lo, s.hi) for s in spans if not s.relation)
    periods += tuple((date(int(y), 1, 1), date(int(y), 12, 31)) for y in _YEAR.findall(claim.text)
                     if not any(s.lo.year == int(y) for s in spans))
    return tuple(concepts(w, language) for w in words), periods


def facts_of(doc: Document) -> list[Fact]:
    """Every numeric value of the document's claims as a fact."""
    out = []
    previous: Claim | None = None
    for claim in doc.claims:
        # "It killed at least 12,000 people." speaks of the previous sentence's subject and time
        before = previous if previous is not None and _PRONOUN_START.match(claim.text) else None
        previous = claim
        numeric = [v for v in claim.values if v.type in _NUMERIC]
        dates = [(v, _span(v)) for v in claim.values if v.type in ("date", "date_range")]
        dates = [(v, s) for v, s in dates if s is not None and not s.relation]
        for value in numeric:
            measure = _measure(value)
            number = _number(value)
            if measure is None or number is None:
                continue
            if _bare(value):
                measure = _bare_measure(claim, value, numeric, dates)
                if measure is None:
                    continue
            lo, hi = _subject_part(claim, value, numeric, doc.language)
            part = _SOURCE_PHRASE.sub(lambda m: " " * len(m.group()), claim.text[lo:hi])
            part = _PROVISIONAL.sub(lambda m: " " * len(m.group()), part)
            part = _COMPARISON_PHRASE.sub(lambda m: " " * len(m.group()), part)
            # the words of a definition (HICP, CPI) are its basis, compared apart, not its subject
            words = [w for w in _content(part, doc.language) if w.lower() not in _BASIS_WORDS]
            # the words nearest the figure say what it measures; a long clause drifts away
            words = words[-SUBJECT_WINDOW:] if hi <= _local(claim, value)[0] else words[:SUBJECT_WINDOW]
            if hi <= _local(claim, value)[0]:
                words += _tail_words(claim, value, numeric, doc.language)
            if not words:  # "the death toll ... measured 6.8 ... rose to 2,497": the clause's subject
                words = _sentence_words(claim, value, numeric, doc.language)
            subject = tuple(concepts(w, doc.language) for w in words)
            # Acronyms ("CSU", "AfD", "HICP") name a subject in any language.
            # Acronyms of a definition (HICP, CPI) are its basis, not its subject.
            names = frozenset(w.lower() for w in words
                              if sum(ch.isupper() for ch in w) >= 2 and w.lower() not in _BASIS_WORDS)
            periods = _periods_of(claim, value, numeric, dates)
            if before is not None:
                inherited = _previous_context(before, doc.language)
                subject += inherited[0]
                periods = periods or inherited[1]
            out.append(Fact(doc, claim, value, measure, periods, subject, names,
                            tolerance(value, number)))
    return out


def subject_score(a: Fact, b: Fact, weights: dict[str, float] | None = None) -> float:
    """Weighted Dice overlap of two subjects: a word counts when its concepts meet the other
    side's, with the weight of its commonest concept among the facts compared (`weights`), so
    "prices" in every sentence of an inflation story says little and "food" much."""
    if not a.subject or not b.subject:
        return 0.0
    all_a = frozenset().union(*a.subject)
    all_b = frozenset().union(*b.subject)

    def weight(word: frozenset[str]) -> float:
        if weights is None:
            return 1.0
        return min((weights.get(c, 1.0) for c in word), default=1.0)

    hit_a = [weight(c) for c in a.subject if c & all_b]
    hit_b = [weight(c) for c in b.subject if c & all_a]
    miss_a = [weight(c) for c in a.subject if not c & all_b]
    miss_b = [weight(c) for c in b.subject if not c & all_a]
    # Contrast: each side has a word the other lacks that is at least as telling as anything they
    # share ("prices of goods" / "prices of food"): two subjects that only share their frame.
    shared_best = max(hit_a + hit_b, default=0.0)
    # A shared name or acronym ("CSU", "AfD") says what is measured more than any other word:
    # the rest of two sentences about one party's result differs freely.
    named = bool(a.names & b.names)
    # Only short subjects contrast: in a long clause some rare word always differs.
    short = len(a.subject) <= CONTRAST_WORDS and len(b.subject) <= CONTRAST_WORDS
    if (short and not named and miss_a and miss_b
            and max(miss_a) >= shared_best and max(miss_b) >= shared_best):
        return 0.0
    total = sum(hit_a) + sum(hit_b) + sum(miss_a) + sum(miss_b)
    score = (sum(hit_a) + sum(hit_b)) / total if total else 0.0
    if named and a.names == b.names:
        score = max(score, NAMED_SCORE)  # the same party or body and no other: one subject
    return score


def concept_weights(facts: list[Fact]) -> dict[str, float]:
    """Inverse fact frequency of each concept over the facts of the articles compared."""
    counts: dict[str, int] = {}
    for fact in facts:
        for concept in frozenset().union(*fact.subject) if fact.subject else ():
            counts[concept] = counts.get(concept, 0) + 1
    n = len(facts)
    return {c: math.log(1.0 + n / k) for c, k in counts.items()}


def _historical(fact: Fact) -> bool:
    """Dated two or more years before its article: an earlier result quoted for comparison."""
    published = fact.doc.published
    return published is not None and bool(fact.periods) and all(
        hi.year <= published.year - 2 for _lo, hi in fact.periods)


def _periods_meet(a: Fact, b: Fact) -> bool:
    if not a.periods or not b.periods:
        # an undated figure speaks of the story's own time, not of an earlier year
        return not (_historical(a) or _historical(b))
    return any(_meet(pa, pb) for pa in a.periods for pb in b.periods)


def _grain(period: tuple[date, date]) -> str:
    days = (period[1] - period[0]).days
    return "day" if days == 0 else "month" if 27 <= days <= 30 else "year" if 364 <= days <= 365 else "range"


def _meet(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Whether two periods can be the period of one figure: a year's rate is not December's, so
    a year meets a year and a month a month; a day (the day of an event or of a report) and a
    range meet any period they overlap... and a day meets any other day, for a running count
    (a death toll) is one fact reported on several days."""
    ga, gb = _grain(a), _grain(b)
    if ga == "day" and gb == "day":
        return True
    overlap = a[0] <= b[1] and b[0] <= a[1]
    if "day" in (ga, gb) or "range" in (ga, gb):
        return overlap
    return overlap and ga == gb


def _comparable(a: Fact, b: Fact) -> bool:
    if a.measure[0] != b.measure[0]:
        return False
    if a.names and b.names and not a.names & b.names:
        return False  # "CSU 37%" and "AfD 14.6%": two subjects
    if a.measure[1] != b.measure[1]:
        other = b.measure[1] if a.measure[1] == "?" else a.measure[1] if b.measure[1] == "?" else None
        if other is None or str(other).lower() in _PHYSICAL:
            return False
    return _periods_meet(a, b)


def _agree(a: Fact, b: Fact) -> bool:
    """Whether both can be true. "At least 12,000" and "about 15,000" can, but a fact-checker
    still asks why: an open bound agrees only with figures within a tenth of it."""
    # Half-open: "14.6" covers [14.55, 14.65) and "14.7" starts at 14.65, so the two never meet.
    # A number word ("eight") is an exact point, which meets any interval holding it.
    overlap = min(a.bounds[1], b.bounds[1]) - max(a.bounds[0], b.bounds[0])
    point = a.bounds[0] == a.bounds[1] or b.bounds[0] == b.bounds[1]
    if overlap < -_EPSILON or (overlap <= _EPSILON and not point):
        return False
    x, y = _number(a.value) or 0.0, _number(b.value) or 0.0
    open_bound = any(math.isinf(v) for v in a.bounds + b.bounds)
    return not open_bound or abs(x - y) <= 0.1 * max(abs(x), abs(y))


def _far_apart(a: Fact, b: Fact) -> bool:
    x, y = abs(_number(a.value) or 0.0), abs(_number(b.value) or 0.0)
    if not x or not y:
        return True
    return max(x, y) / min(x, y) > MAX_RATIO


def _best(fact: Fact, others: list[Fact], weights: dict[str, float]) -> tuple[Fact | None, float]:
    best, score = None, 0.0
    for other in others:
        if not _comparable(fact, other):
            continue
        s = subject_score(fact, other, weights)
        if s > score:
            best, score = other, s
    return best, score


def compare_facts(a: Document, b: Document, *, story_score: float = 1.0) -> list[Inconsistency]:
    """Disagreements between the facts two documents of one story both state."""
    facts_a, facts_b = facts_of(a), facts_of(b)
    weights = concept_weights(facts_a + facts_b)
    found = []
    disagreements: dict[tuple, list[tuple[float, Fact, Fact]]] = {}
    for fa in facts_a:
        fb, score = _best(fa, facts_b, weights)
        if fb is None or score < MIN_SUBJECT:
            continue
        back, _ = _best(fb, facts_a, weights)
        if back is not fa and not (back is not None and _number(back.value) == _number(fa.value)
                                   and back.measure == fa.measure):
            continue  # only each other's best match (or A's same figure stated again) is the same fact
        if _agree(fa, fb):
            clash = _direction_clash(fa, fb)
            if clash:
                found.append(_direction_finding(fa, fb, clash, score))
            continue
        # Another statement of B about the same subject that agrees: B states both, no conflict.
        if any(_comparable(fa, o) and _agree(fa, o) and subject_score(fa, o, weights) >= score - 0.05
               for o in facts_b if o is not fb):
            continue
        if _far_apart(fa, fb):
            continue
        # The same two figures stated again (a lede and its body, a list and its sentence) are
        # one disagreement for a reviewer: one finding, explained by the statements whose
        # subjects match best, with every statement of either figure among its members.
        pair = (fa.measure, _number(fa.value), _number(fb.value))
        disagreements.setdefault(pair, []).append((score, fa, fb))
    for stated in disagreements.values():
        score, fa, fb = max(stated, key=lambda item: item[0])
        finding = _finding(fa, fb, score, story_score)
        extra = []
        for _, xa, xb in stated:
            for fact in (xa, xb):
                if fact is not fa and fact is not fb and all(fact is not f for f in extra):
                    extra.append(fact)
        if extra:
            more = tuple(_member(f.doc.id, f.claim, f.value) for f in extra)
            finding = replace(finding, members=finding.members + more,
                              explanation=finding.explanation + f" Stated {len(stated)} times.")
        found.append(finding)
    found.extend(_percent_for_points(facts_a, facts_b))
    found.extend(_other_term(facts_a, facts_b))
    return found


def _other_term(facts_a: list[Fact], facts_b: list[Fact]) -> list[Inconsistency]:
    """The same exact figure for the same dated period, called production in one article and
    deliveries in the other: the wording differs in just what is measured, so the subjects need
    not meet; the figure and its period say it is one fact."""
    found = []
    for fa in facts_a:
        terms_a = _measure_terms(fa)
        if not terms_a or not fa.periods:
            continue
        for fb in facts_b:
            terms_b = _measure_terms(fb)
            if (terms_b and not terms_a & terms_b and fb.periods and _comparable(fa, fb)
                    and _number(fa.value) == _number(fb.value) and _agree(fa, fb)):
                found.append(_terminology(fa, fb, (
                    f"the same figure is called {', '.join(sorted(terms_a))} in {fa.doc.id} and "
                    f"{', '.join(sorted(terms_b))} in {fb.doc.id}"), 0.0))
    return found


# What a count measures, in general words: the same figure called production in one article and
# deliveries in another is a terminology slip a fact-checker flags, though the numbers agree.
_MEASURE_TERMS = {
    "production": re.compile(r"(?i)\b(produced|production|manufactured|built|produziert\w*|"
                             r"hergestellt\w*|produktion\w*)\b"),
    "deliveries/sales": re.compile(r"(?i)\b(delivered|deliveries|delivery|sold|sales|"
                                   r"ausgeliefert\w*|auslieferung\w*|verkauft\w*|absatz\w*)\b"),
}


# Compass bearings in degrees, English and German ("südwestlich", "south-east")
_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
             "west": 270, "northwest": 315}
_GERMAN_BEARINGS = {"nord": "north", "nordost": "northeast", "ost": "east", "südost": "southeast",
                    "süd": "south", "südwest": "southwest", "west": "west", "nordwest": "northwest"}
_DIRECTION = re.compile(
    r"(?i)^\s*(?:\([^)]{0,30}\)\s*)?(north|south|nord|süd)?[- ]?(east|west|ost|west)?(?:ern|lich|en|e)?\b"
)


def _bearing(fact: Fact) -> tuple[str, int] | None:
    """The compass direction stated right after a distance ("72 km (45 miles) southwest of")."""
    if fact.measure[1] not in ("km", "m", "mile"):
        return None
    end = _local(fact.claim, fact.value)[1]
    match = _DIRECTION.match(fact.claim.text[end:end + 50])
    if match is None or not (match.group(1) or match.group(2)):
        return None
    parts = [(p or "").lower() for p in match.groups()]
    german = {"nord": "north", "süd": "south", "ost": "east"}
    name = "".join(german.get(p, p) for p in parts)
    return (name, _BEARINGS[name]) if name in _BEARINGS else None


def _direction_clash(a: Fact, b: Fact) -> str:
    """A description of two distances that agree but point more than 45 degrees apart, or ""."""
    ba, bb = _bearing(a), _bearing(b)
    if ba is None or bb is None:
        return ""
    gap = abs(ba[1] - bb[1]) % 360
    if min(gap, 360 - gap) <= 45:
        return ""  # "south" is a coarser "southwest"
    return f"the same distance in different directions ({ba[0]} against {bb[0]})"


def _pair_finding(fa: Fact, fb: Fact, why: str, *, kind: str, severity: str, confidence: float) -> Inconsistency:
    """A finding on two facts: what each article says, why they disagree, and when each appeared."""
    dates = "; ".join(f"{f.doc.id} published {f.doc.published or 'undated'}" for f in (fa, fb))
    return Inconsistency(
        kind=kind,
        severity=severity,
        confidence=confidence,
        explanation=f"{fa.doc.id} says {_show(fa)}, {fb.doc.id} says {_show(fb)}: {why}. ({dates})",
        members=(_member(fa.doc.id, fa.claim, fa.value), _member(fb.doc.id, fb.claim, fb.value)),
    )


def _direction_finding(fa: Fact, fb: Fact, why: str, score: float) -> Inconsistency:
    return _pair_finding(fa, fb, why, kind="cross_contradiction", severity="high",
                         confidence=round(min(0.9, 0.5 + 0.4 * score), 2))


def _measure_terms(fact: Fact) -> frozenset[str]:
    text = fact.claim.text
    return frozenset(name for name, pattern in _MEASURE_TERMS.items() if pattern.search(text))


# A change in points: "Minus", "verlor", "lost", "gained", "(-0.2)"
_CHANGE = re.compile(
    r"(?i)\b(minus|plus|verlor\w*|verlust\w*|gewann|gewinn\w*|zugelegt|lost|loss|gained|gain|"
    r"down|up|dropped|fell|rose)\b"
)


def _percent_for_points(facts_a: list[Fact], facts_b: list[Fact]) -> list[Inconsistency]:
    """A change given in percent by one article and, with the same number, in percentage points
    by another ("Das Minus fiel mit 0,2 Prozent" / "verlor 0,2 Prozentpunkte"): percent where
    points are meant (a terminology flag; as a relative change 0.2 points of 37 is 0.5 percent)."""
    found = []
    for pct_side, pp_side in ((facts_a, facts_b), (facts_b, facts_a)):
        for fp in pp_side:
            if fp.measure != ("percent", "pp"):
                continue
            matches = [f for f in pct_side if f.measure == ("percent", "%")
                       and abs(_number(f.value) or 0) == abs(_number(fp.value) or 0)
                       and _CHANGE.search(f.claim.text) and _periods_meet(f, fp)
                       and not _names_clash(f, fp)]
            if len(matches) == 1:
                found.append(_terminology(matches[0], fp, (
                    "a change in percentage points is given in percent "
                    f"({_quote(matches[0].value.text)} against {_quote(fp.value.text)})"), 0.0))
    return found


def _names_clash(a: Fact, b: Fact) -> bool:
    from claims.stories import name_tokens

    na = name_tokens(a.claim.text, a.doc.language)
    nb = name_tokens(b.claim.text, b.doc.language)
    return bool(na and nb and not na & nb)


def _terminology(fa: Fact, fb: Fact, why: str, score: float) -> Inconsistency:
    return _pair_finding(fa, fb, why, kind="cross_terminology", severity="low",
                         confidence=round(min(0.8, 0.5 + 0.3 * score), 2))


def _bases(text: str) -> set[str]:
    lower = text.lower()
    return {name for name, words in _BASES.items() if any(w in lower for w in words)}


def _sources(fact: Fact) -> frozenset[str]:
    """Names the claim attributes its figures to, lower case: those after "according to", "laut",
    "nach Angaben des" or before "said", "reported", "teilte mit"."""
    text = fact.claim.text
    found: set[str] = set()
    for match in _ATTRIBUTION.finditer(text):
        forward = match.group().lower() in _FORWARD or match.group().lower().startswith("nach angaben")
        window = text[match.end(): match.end() + 40] if forward else text[max(0, match.start() - 40): match.start()]
        found.update(w.lower() for w in _WORD.findall(window)
                     if _CAPITAL.match(w) and w.lower() not in _STOP and len(w) > 2)
    return frozenset(found)


def classify(a: Fact, b: Fact) -> tuple[str, str]:
    """(class, why) of a disagreement between two statements of one fact."""
    basis_a, basis_b = _bases(a.claim.text), _bases(b.claim.text)
    if basis_a and basis_b and basis_a != basis_b:
        return "different_basis", (f"different bases: {', '.join(sorted(basis_a))} against "
                                   f"{', '.join(sorted(basis_b))}")
    src_a, src_b = _sources(a), _sources(b)
    if src_a and src_b and not src_a & src_b:
        return "different_source", (f"attributed to different sources ({', '.join(sorted(src_a)[:3])} / "
                                    f"{', '.join(sorted(src_b)[:3])})")
    provisional = [f for f in (a, b) if _PROVISIONAL.search(f.claim.text)]
    pa, pb = a.doc.published, b.doc.published
    if len(provisional) == 1:
        later = b if provisional[0] is a else a
        return "revision", (f"likely revision: {provisional[0].doc.id} gives a provisional figure, "
                            f"{later.doc.id} a later one")
    if pa and pb and pa != pb:
        later = a if pa > pb else b
        return "revision", f"likely revision: {later.doc.id} was published later ({later.doc.published})"
    running = [f for f in (a, b) if _RUNNING.search(f.claim.text)]
    if running:
        return "revision", (f"likely revision: a running figure ({', '.join(sorted({f.doc.id for f in running}))}: "
                            f"{_RUNNING.search(running[0].claim.text).group()}) reported at different times")
    return "contradiction", "the two cannot both be true"


# A figure that is updated as it grows ("the death toll climbed to", "stieg auf"): two values of it
# the same day are most likely two stages of one count.
_RUNNING = re.compile(
    r"(?i)\b(climbed to|rose to|risen to|has risen|rising to|jumped to|"
    r"stieg auf|steigt auf|gestiegen|steigt weiter|erhöhte sich auf)\b"
)


def _show(fact: Fact) -> str:
    number = _number(fact.value)
    unit = fact.measure[1] if fact.measure[1] not in ("?", None) else ""
    shown = _fmt(number) + ("%" if unit == "%" else f" {unit}" if unit else "")
    return f"{shown} ({_quote(fact.value.text)})"


def _finding(fa: Fact, fb: Fact, score: float, story_score: float) -> Inconsistency:
    kind, why = classify(fa, fb)
    dates = "; ".join(f"{f.doc.id} published {f.doc.published or 'undated'}" for f in (fa, fb))
    sources = [", ".join(sorted(_sources(f))[:3]) for f in (fa, fb)]
    source_text = (f" Sources named: {sources[0] or 'none'} / {sources[1] or 'none'}."
                   if any(sources) else "")
    confidence = round(min(0.95, 0.4 + 0.4 * score + 0.15 * story_score), 2)
    return Inconsistency(
        kind=f"cross_{kind}",
        severity="medium" if kind == "revision" else "high",
        confidence=confidence,
        explanation=(f"{fa.doc.id} says {_show(fa)}, {fb.doc.id} says {_show(fb)}: {why}.{source_text} "
                     f"({dates}; subjects match {score:.2f})"),
        members=(_member(fa.doc.id, fa.claim, fa.value), _member(fb.doc.id, fb.claim, fb.value)),
    )


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of a story as a desk editor compares it: what is measured and each article's value
    (None where the article does not state it), and whether the stated values agree."""

    subject: str
    values: tuple[Value | None, ...]
    agree: bool


def fact_table(docs: list[Document]) -> list[FactRow]:
    """The facts the first document states that at least one other document states too, with
    every document's value (same matching rule as compare_facts), in the first document's order."""
    if not docs:
        return []
    per_doc = [facts_of(d) for d in docs]
    weights = concept_weights([f for facts in per_doc for f in facts])
    rows = []
    for fact in per_doc[0]:
        cells: list[Value | None] = [fact.value]
        matched = [fact]
        for facts in per_doc[1:]:
            other, score = _best(fact, facts, weights)
            if (other is not None and score >= MIN_SUBJECT and not _far_apart(fact, other)
                    and _best(other, per_doc[0], weights)[0] is fact):
                cells.append(other.value)
                matched.append(other)
            else:
                cells.append(None)
        if len(matched) < 2:
            continue
        agree = all(_agree(fact, other) for other in matched[1:])
        numeric = [v for v in fact.claim.values if v.type in _NUMERIC]
        lo, hi = _subject_part(fact.claim, fact.value, numeric, fact.doc.language)
        subject = " ".join(fact.claim.text[lo:hi].split()) or fact.claim.text
        rows.append(FactRow(subject=subject[-80:], values=tuple(cells), agree=agree))
    return rows


# Inside one article: one fact stated twice with values that cannot both be true.
# Subjects must match at least this well: inside one article every figure shares the story's words.
MIN_INSIDE_SUBJECT = 0.5


def _part_names_clash(a: Fact, b: Fact) -> bool:
    """Whether the names in the two figures' own parts of their sentences differ ("Huawei sold",
    "Xiaomi sold"), as a set: a shared place elsewhere in the sentences does not make one subject."""
    from claims.stories import name_tokens

    def names(fact: Fact) -> set[str]:
        numeric = [v for v in fact.claim.values if v.type in _NUMERIC]
        lo, hi = _subject_part(fact.claim, fact.value, numeric, fact.doc.language)
        return name_tokens(fact.claim.text[lo:hi], fact.doc.language)

    na, nb = names(a), names(b)
    return bool(na and nb and not na & nb)


_INSIDE_CHANGE = re.compile(
    r"(?i)\b(from|increase\w*|decrease\w*|rose|risen|rise|fell|fall(?:en)?|grew|grown|growth|"
    r"up|down|compared|than|last year|previous|year-on-year|yoy|doubled|tripled|halved|"
    r"gestiegen|gesunken|stieg|sank|wuchs|vorjahr\w*|gegenüber|im vergleich)\b"
)


def _open_change(fact: Fact, facts: list[Fact]) -> bool:
    """A figure of a sentence that tells a change ("increased to 650") with no date for it nor for
    the figure it changed from: it may be a later stage of the fact than another sentence's. A
    change whose start is dated ("to 15.3 percent, from 11.6 percent in 2018") ends today."""
    if not _INSIDE_CHANGE.search(fact.claim.text) or fact.periods:
        return False
    return not any(f.periods for f in facts if f.claim is fact.claim and f is not fact)


def restated_facts(doc: Document) -> list[Inconsistency]:
    """Two claims of one article that state the same fact (same measure and period, subjects
    each other's best match among the article's other claims) with values that cannot both be
    true: "inflation rose in December to 3.7 percent" and "the December rate was 4.1 percent". A
    running count ("the toll climbed to") and figures of one sentence (a change "from 3.2% to
    3.7%", a list) are never compared; figures attributed to different bodies are named so."""
    facts = facts_of(doc)
    weights = concept_weights(facts)
    found: list[Inconsistency] = []
    seen: set[tuple] = set()

    def best(fact: Fact) -> tuple[Fact | None, float]:
        return _best(fact, [f for f in facts if f.claim is not fact.claim], weights)

    for fa in facts:
        if _RUNNING.search(fa.claim.text):
            continue
        fb, score = best(fa)
        if fb is None or score < MIN_INSIDE_SUBJECT or _RUNNING.search(fb.claim.text):
            continue
        back, _ = best(fb)
        if back is not fa or _agree(fa, fb) or _far_apart(fa, fb) or (
                fa.value.type == fb.value.type and agree(fa.value, fb.value)):
            continue
        if _part_names_clash(fa, fb):
            continue  # "Huawei sold 300 phones", "Xiaomi sold 350 phones": two subjects
        if _open_change(fa, facts) or _open_change(fb, facts):
            continue  # "increased its factories to 650": a change over time
        if any(_comparable(fa, o) and _agree(fa, o) and subject_score(fa, o, weights) >= score - 0.05
               for o in facts if o.claim is fb.claim and o is not fb):
            continue  # the other sentence states this figure too
        pair = tuple(sorted(((fa.claim.start, fa.value.start), (fb.claim.start, fb.value.start))))
        if pair in seen:
            continue
        seen.add(pair)
        first, second = sorted((fa, fb), key=lambda f: f.value.start)
        src_a, src_b = _sources(first), _sources(second)
        why = (f" They are attributed to different sources ({', '.join(sorted(src_a)[:3])} / "
               f"{', '.join(sorted(src_b)[:3])})." if src_a and src_b and not src_a & src_b else "")
        found.append(Inconsistency(
            kind="value_mismatch",
            severity="low" if why else "medium",
            confidence=round(min(0.9, 0.3 + 0.5 * score), 2),
            explanation=(f"The same fact is stated twice with different values: {_show(first)} and "
                         f"{_show(second)}.{why} (subjects match {score:.2f})"),
            members=(_member(doc.id, first.claim, first.value), _member(doc.id, second.claim, second.value)),
        ))
    return found
