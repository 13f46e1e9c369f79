"""Inconsistencies inside one article and across articles on the same story (any language).

Every check prefers silence to a guess: a reviewer loses minutes on each false alarm, so a
finding needs a clear link between its members (the same event, the same subject words, the same
aligned sentence of a translation) and values that cannot both be true once qualifiers ("about",
"more than"), precision ("June" versus "June 5 to 8") and the engine's own year inference are
allowed for.

Kinds: inside one article (find_inside)
  date_outside_span  a sub-event (opening, closing, launch...) dated outside its event's range
  value_mismatch     one fact (same value kind and unit, same subject words) with two values
  total_mismatch     parts after "of which" / "davon" adding up to more than their total
  duration_mismatch  "since YEAR ... N years" off by two or more from the publication year
  tense_mismatch     past tense for a date after publication, future tense for one before it
across articles (find_across, compare)
  cross_article_mismatch  aligned sentences of two tellings of one story disagreeing on a value

Story matching (story keys, scores, candidate pairs) lives in claims.stories.
"""
from __future__ import annotations

import calendar
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claims.detect import Claim
from claims.stories import (
    DEFAULT_DF_CAP,
    SAME_STORY_THRESHOLD,
    candidate_pairs,
    name_tokens,
    same_story,
    score_shared,
    story_keys,
)
from claims.values import Value

__all__ = [
    "SAME_STORY_THRESHOLD",
    "Document",
    "Inconsistency",
    "Member",
    "compare",
    "find_across",
    "find_inconsistencies",
    "find_inside",
    "same_story",
    "story_keys",
]


@dataclass(frozen=True, slots=True)
class Document:
    """What conflict detection needs of one article: an id, its date, language and claims."""

    id: str
    published: date | None
    language: str
    claims: tuple[Claim, ...]
    title: str | None = None
    length: int = 0  # body length, for relative positions of claims; 0: end of the last claim
    # Names and acronyms of the title and of sentences that are not claims ("CCAE 2023 is held"):
    # story evidence that conflicts never compare. Empty when built from stored claims only.
    names: frozenset[str] = frozenset()

    @classmethod
    def from_analysis(cls, id: str, analysis) -> Document:
        """A Document of the claims (is_claim True) of one claims.analysis.Analysis."""
        names: set[str] = set()
        for sentence in analysis.sentences:
            if not sentence.is_claim:
                names |= name_tokens(sentence.text, analysis.language)
        if analysis.title:
            names |= name_tokens(analysis.title, analysis.language)
        return cls(
            id=id,
            published=analysis.published,
            language=analysis.language,
            claims=tuple(s for s in analysis.sentences if s.is_claim),
            title=analysis.title,
            length=len(analysis.body),
            names=frozenset(names),
        )


@dataclass(frozen=True, slots=True)
class Member:
    """One claim/value taking part in an inconsistency. Offsets point into that document's body."""

    document: str
    start: int
    end: int
    text: str
    value: dict  # {"type": ..., "text": ..., "normalized": {...}} of the value involved, or {}
    claim_start: int
    claim_end: int

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "claim_start": self.claim_start,
            "claim_end": self.claim_end,
        }


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One finding: its kind, how bad, how sure, what to check, and the values involved."""

    kind: str
    severity: str  # "low" | "medium" | "high"
    confidence: float
    explanation: str
    members: tuple[Member, ...]

    @property
    def key(self) -> str:
        """Stable fingerprint: the same finding on the same spans gets the same key."""
        spans = sorted((m.document, m.start, m.end) for m in self.members)
        text = self.kind + "|" + ";".join(f"{d}\x1f{s}\x1f{e}" for d, s, e in spans)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        """JSON-ready form, with the key."""
        return {
            "key": self.key,
            "kind": self.kind,
            "severity": self.severity,
            "confidence": self.confidence,
            "explanation": self.explanation,
            "members": [m.to_dict() for m in self.members],
        }


# ---------------------------------------------------------------------------------------------
# Members, values, words


def _member(doc_id: str, claim: Claim, value: Value) -> Member:
    return Member(
        document=doc_id,
        start=value.start,
        end=value.end,
        text=value.text,
        value={"type": value.type, "text": value.text, "normalized": dict(value.normalized or {})},
        claim_start=claim.start,
        claim_end=claim.end,
    )


def _local(claim: Claim, value: Value) -> tuple[int, int]:
    """The value's offsets inside claim.text."""
    return value.start - claim.start, value.end - claim.start


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


def _norm(value: Value) -> dict:
    return value.normalized or {}


# ---------------------------------------------------------------------------------------------
# Dates as intervals


def _parse(text: object) -> tuple[date, date, str] | None:
    """'2023-06-10' / '2023-06' / '2023' as the first and last day it covers, with its precision."""
    if not isinstance(text, str):
        return None
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            d = date(parts[0], parts[1], parts[2])
            return d, d, "day"
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last), "month"
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"
    except (ValueError, OverflowError):
        return None
    return None


@dataclass(frozen=True, slots=True)
class _Span:
    lo: date
    hi: date
    precision: str
    inferred: bool
    relation: str  # "", "until", "since"
    is_range: bool


def _span(value: Value) -> _Span | None:
    """The days a date or date_range value covers, or None when it has no resolved date."""
    norm = _norm(value)
    inferred = bool(norm.get("year_inferred"))
    relation = norm.get("relation") or ""
    if value.type == "date":
        parsed = _parse(norm.get("date"))
        if parsed is None:
            return None
        return _Span(parsed[0], parsed[1], parsed[2], inferred, relation, False)
    if value.type == "date_range":
        start, end = _parse(norm.get("start")), _parse(norm.get("end"))
        if start is None or end is None or end[1] < start[0]:
            return None
        return _Span(start[0], end[1], start[2], inferred, relation, True)
    return None


def _shift_year(d: date, years: int) -> date | None:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return None


def _shift_month(d: date, months: int) -> date | None:
    month = d.month - 1 + months
    year = d.year + month // 12
    try:
        return d.replace(year=year, month=month % 12 + 1)
    except ValueError:
        return None


def _spans_agree(a: _Span, b: _Span) -> bool:
    """Whether two time statements can both be true."""
    if a.relation != b.relation:
        return True  # "until" and "since" bound different things: not comparable here
    if (a.inferred or b.inferred) and a.lo.year != b.lo.year:
        # the year is our guess, not the text's: compare day and month only
        shifted = _shift_year(b.lo, a.lo.year - b.lo.year) if b.inferred else None
        other = _shift_year(a.lo, b.lo.year - a.lo.year) if a.inferred else None
        if shifted is not None:
            b = _Span(shifted, _shift_year(b.hi, a.lo.year - b.lo.year) or shifted, b.precision,
                      b.inferred, b.relation, b.is_range)
        elif other is not None:
            a = _Span(other, _shift_year(a.hi, b.lo.year - a.lo.year) or other, a.precision,
                      a.inferred, a.relation, a.is_range)
    if a.is_range and b.is_range:
        if a.precision == b.precision:
            return a.lo == b.lo and a.hi == b.hi
        return a.lo <= b.hi and b.lo <= a.hi
    if not a.is_range and not b.is_range and a.precision == b.precision:
        return a.lo == b.lo
    # a coarser date or a point against a range: agree when they overlap ("June" vs "June 5 to 8")
    return a.lo <= b.hi and b.lo <= a.hi


# ---------------------------------------------------------------------------------------------
# Numbers with qualifiers


_STATED_DIGITS = re.compile(r"\d+(?:[.,](\d+))?")
_SCALED = re.compile(r"(?i)\b(thousand|million|billion|trillion|mn|bn|mio|mrd|millionen|milliarden|tausend)\b")


def _bounds(value: Value) -> tuple[float, float] | None:
    """The interval a numeric value allows, from its qualifier and (for '1.5 million') rounding."""
    norm = _norm(value)
    number = norm.get("value")
    if not isinstance(number, int | float) or isinstance(number, bool):
        return None
    x = float(number)
    lo, hi = x, x
    digits = _STATED_DIGITS.search(value.text) if _SCALED.search(value.text) else None
    if digits is not None and float(digits.group().replace(",", ".")) > 0:
        # "1.5 million" is a rounded figure: half a unit of its last stated digit either way
        stated = float(digits.group().replace(",", "."))
        decimals = len(digits.group(1) or "")
        half = 0.5 * (x / stated) * 10 ** (-decimals)
        lo, hi = x - half, x + half
    qualifier = norm.get("qualifier")
    if norm.get("approximate") or qualifier == "about":
        # "about 60 percent", "tens of thousands": a tenth either way
        lo, hi = min(lo, x - abs(x) * 0.1), max(hi, x + abs(x) * 0.1)
    if qualifier in ("more_than", "at_least"):
        hi = float("inf")
    elif qualifier in ("less_than", "at_most"):
        lo = float("-inf")
    elif qualifier == "nearly":
        lo = min(lo, x - abs(x) * 0.1)
    return lo, hi


def _numbers_agree(a: Value, b: Value) -> bool:
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def agree(a: Value, b: Value) -> bool:
    """Whether two values of one slot can both be true (unknown forms count as agreeing)."""
    if a.type in ("date", "date_range") and b.type in ("date", "date_range"):
        sa, sb = _span(a), _span(b)
        return True if sa is None or sb is None else _spans_agree(sa, sb)
    if a.type != b.type:
        return True
    na, nb = _norm(a), _norm(b)
    if a.type in ("quantity", "percent", "money", "duration"):
        return _numbers_agree(a, b)
    if a.type == "rank":
        return all(na[f] == nb[f] for f in ("rank", "of", "top") if f in na and f in nb)
    if a.type == "year_target":
        return na.get("year") is None or nb.get("year") is None or na.get("year") == nb.get("year")
    return True


def _slot(value: Value, cross_language: bool) -> tuple | None:
    """What a value measures, so that only like is compared with like."""
    norm = _norm(value)
    if value.type in ("date", "date_range"):
        return ("time", norm.get("relation") or "")
    if value.type == "quantity":
        unit_key = norm.get("unit_key")
        if unit_key:
            return ("quantity", unit_key)
        unit = norm.get("unit")
        if cross_language or not unit:
            return ("quantity", "?")
        return ("quantity", _lemma(str(unit).split()[-1]))
    if value.type == "percent":
        return ("percent", norm.get("unit", "%"))
    if value.type == "money":
        return ("money", norm.get("currency"))
    if value.type == "duration":
        return ("duration", norm.get("unit"))
    if value.type == "rank":
        return ("rank", "top" if "top" in norm else "first" if norm.get("first") else "rank")
    if value.type == "year_target":
        if norm.get("target_key"):  # language-independent ("carbon_peak"): safe across translations
            return ("year_target", norm["target_key"])
        if cross_language:
            return ("year_target", "")
        return ("year_target", " ".join(_lemma(w) for w in str(norm.get("target") or "").split()))
    return None


def describe(value: Value) -> str:
    """A value in words a reviewer can compare at a glance."""
    norm = _norm(value)
    if value.type == "date":
        d = norm.get("date") or norm.get("month_day") or value.text
        relation = norm.get("relation")
        return f"{relation} {d}" if relation else str(d)
    if value.type == "date_range":
        return f"{norm.get('start')} to {norm.get('end')}"
    if value.type in ("quantity", "percent", "money", "duration"):
        number = norm.get("value")
        shown = _fmt(number)
        unit = norm.get("unit") or norm.get("currency") or ""
        qualifier = norm.get("qualifier")
        prefix = {"about": "about ", "more_than": "more than ", "less_than": "less than ",
                  "at_least": "at least ", "at_most": "at most ", "nearly": "nearly "}.get(qualifier, "")
        if value.type == "percent":
            return f"{prefix}{shown}{'%' if unit == '%' else ' ' + unit}"
        if value.type == "duration" and unit and number != 1 and not str(unit).endswith("s"):
            unit = f"{unit}s"  # normalised duration units are singular: "7 years" reads better
        return f"{prefix}{shown} {unit}".strip()
    if value.type == "rank":
        if "top" in norm:
            return f"top {norm['top']}"
        of = f" of {norm['of']}" if "of" in norm else ""
        return f"rank {norm.get('rank')}{of}"
    if value.type == "year_target":
        target = norm.get("target")
        return f"{target} by {norm.get('year')}" if target else f"by {norm.get('year')}"
    return value.text


def _fmt(number: object) -> str:
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}"
    return str(number)


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


# ---------------------------------------------------------------------------------------------
# Inside one article: a sub-event dated outside its event's span


_EVENT_NOUN = re.compile(
    r"(?i)\b(week|weeks|expo|expos|exhibition|forum|conference|summit|festival|fair|games|congress|"
    r"show|meeting|session|tournament|campaign|olympics|woche|messe|ausstellung|konferenz|gipfel|"
    r"kongress|tagung|veranstaltung|event)\b"
)
_SUB_EVENT = re.compile(
    r"(?i)\b(opening ceremony|opening|closing ceremony|closing|launch(?:ed)?|kick(?:ed)?[- ]off|"
    r"inauguration|award ceremony|eröffnung\w*|abschluss\w*|auftakt\w*|schlussfeier|"
    r"preisverleihung)\b"
)
_OTHER_EDITION = re.compile(
    r"(?i)\b(last year|previous|prior|former|first edition|next year|letzte[ns]? jahr\w*|vorjahr\w*|"
    r"nächste[ns]? jahr\w*)\b"
)


def _event_nouns(text: str) -> set[str]:
    return {_lemma(m.group()) for m in _EVENT_NOUN.finditer(text)}


def _slip(point: date, lo: date, hi: date) -> str | None:
    """Name the typing slip that would put `point` inside [lo, hi], if one does."""
    for months, label in ((1, "one-month slip"), (-1, "one-month slip")):
        moved = _shift_month(point, months)
        if moved is not None and lo <= moved <= hi:
            return label
    for years in (1, -1):
        moved = _shift_year(point, years)
        if moved is not None and lo <= moved <= hi:
            return "one-year slip"
    day = f"{point.day:02d}"
    candidates = {day[::-1]} | {day[:i] + c + day[i + 1 :] for i in range(2) for c in "0123456789"}
    for text in sorted(candidates):
        try:
            moved = point.replace(day=int(text))
        except ValueError:
            continue
        if moved != point and lo <= moved <= hi:
            return "slip in the day's digits"
    return None


def _date_outside_span(doc: Document) -> list[Inconsistency]:
    spans: list[tuple[int, Claim, Value, _Span]] = []
    points: list[tuple[int, Claim, Value, _Span]] = []
    for index, claim in enumerate(doc.claims):
        for value in claim.values:
            span = _span(value)
            if span is None or span.relation:
                continue
            if span.is_range and span.precision == "day":
                spans.append((index, claim, value, span))
            elif not span.is_range and span.precision in ("day", "month"):
                points.append((index, claim, value, span))
    found = []
    for s_index, s_claim, s_value, span in spans:
        event_nouns = _event_nouns(s_claim.text)
        if not event_nouns:
            continue
        for p_index, p_claim, p_value, point in points:
            if p_claim is s_claim and p_value.start < s_value.end and s_value.start < p_value.end:
                continue
            sub = _SUB_EVENT.search(p_claim.text)
            if sub is None or _OTHER_EDITION.search(p_claim.text):
                continue
            shared_nouns = event_nouns & _event_nouns(p_claim.text)
            near = 0 <= p_index - s_index <= 2
            if not shared_nouns and not (near and p_claim is not s_claim):
                continue
            lo, hi = point.lo, point.hi
            if point.inferred and lo.year != span.lo.year:
                # our year guess, not the text's: read the day in the span's own year
                lo = _shift_year(lo, span.lo.year - lo.year) or lo
                hi = _shift_year(hi, span.lo.year - hi.year) or hi
            if lo <= span.hi and span.lo <= hi:
                continue
            gap = (span.lo - hi).days if hi < span.lo else (lo - span.hi).days
            if gap > 400:
                continue  # a different year's edition, not a slip
            slip = _slip(lo, span.lo, span.hi) if point.precision == "day" else None
            event = "the " + " ".join(sorted(shared_nouns)) if shared_nouns else "the event"
            what = sub.group().lower()
            explanation = (
                f"{what.capitalize()} dated {describe(p_value)} ({_quote(p_value.text)}), but {event} "
                f"it belongs to runs {span.lo.isoformat()} to {span.hi.isoformat()} "
                f"({_quote(s_value.text)})"
                + (f": a {slip}?" if slip else f", {gap} day(s) apart.")
            )
            confidence = 0.55 + (0.2 if slip else 0.0) + (0.1 if shared_nouns else 0.0)
            found.append(
                Inconsistency(
                    kind="date_outside_span",
                    severity="high" if slip or shared_nouns else "medium",
                    confidence=round(min(confidence, 0.95), 2),
                    explanation=explanation,
                    members=(_member(doc.id, s_claim, s_value), _member(doc.id, p_claim, p_value)),
                )
            )
    return found


# ---------------------------------------------------------------------------------------------
# Inside one article: one fact, two values


_CHANGE = re.compile(
    r"(?i)\b(from|increase\w*|decrease\w*|rose|risen|rise|fell|fall(?:en)?|grew|grown|growth|"
    r"up|down|compared|than|last year|previous|year-on-year|yoy|doubled|tripled|halved|"
    r"gestiegen|gesunken|stieg|sank|wuchs|vorjahr\w*|gegenüber|im vergleich)\b"
)
_MIN_SHARED_CONTEXT = 3
_MIN_CONTEXT_JACCARD = 0.5


def _years_in(claim: Claim) -> set[int]:
    years = set()
    for value in claim.values:
        span = _span(value)
        if span is not None and not span.is_range and span.precision == "year":
            years.add(span.lo.year)
    return years


def _value_mismatch(doc: Document) -> list[Inconsistency]:
    entries = []
    for index, claim in enumerate(doc.claims):
        changing = bool(_CHANGE.search(claim.text))
        for value in claim.values:
            if value.type == "date" and (_span(value) is None or _span(value).precision != "day"):
                continue  # years and months name periods, rarely one fact's value
            slot = _slot(value, cross_language=False)
            if slot is None or slot[-1] in ("?", None):
                continue
            if not changing:  # a change over time ("rose from 20 to 25") is not a restatement
                entries.append((index, claim, value, slot))
    by_slot: dict[tuple, list] = {}
    for entry in entries:
        by_slot.setdefault(entry[3], []).append(entry)
    subjects: dict[int, _Subject] = {}  # computed only for values that have a rival: most have none
    found = []
    for group in by_slot.values():
        if len({entry[0] for entry in group}) < 2:
            continue
        for x, (ia, ca, va, _slot_a) in enumerate(group):
            for ib, cb, vb, _slot_b in group[x + 1 :]:
                if ia == ib:
                    continue  # one sentence with two values of a kind lists two facts
                sa = subjects.get(id(va)) or subjects.setdefault(id(va), _subject(ca, va, doc.language))
                sb = subjects.get(id(vb)) or subjects.setdefault(id(vb), _subject(cb, vb, doc.language))
                if sa.names and sb.names and sa.names != sb.names:
                    continue  # "Huawei sold 300 phones" and "Xiaomi sold 350 phones": two subjects
                xa, xb = sa.words, sb.words
                shared = xa & xb
                jac = _jaccard(xa, xb)
                if len(shared) < _MIN_SHARED_CONTEXT or jac < _MIN_CONTEXT_JACCARD:
                    continue
                ya, yb = _years_in(ca), _years_in(cb)
                if ya and yb and not ya & yb:
                    continue  # the same measure in different years
                if agree(va, vb):
                    continue
                found.append(
                    Inconsistency(
                        kind="value_mismatch",
                        severity="medium",
                        confidence=round(min(0.9, 0.4 + 0.5 * jac), 2),
                        explanation=(
                            f"The same fact is stated twice with different values: {describe(va)} "
                            f"({_quote(va.text)}) and {describe(vb)} ({_quote(vb.text)}); both about "
                            f"{', '.join(sorted(shared)[:6])}."
                        ),
                        members=(_member(doc.id, ca, va), _member(doc.id, cb, vb)),
                    )
                )
    return found


# ---------------------------------------------------------------------------------------------
# Inside one article: parts that exceed their total


_TOTAL = re.compile(r"(?i)\b(a total of|in total|totall?ing|altogether|insgesamt|total von|gesamt)\b")
_PARTS = re.compile(
    r"(?i)(\bof which\b|\bof whom\b|\bamong them\b|\bamong which\b|\bincluding\b|\bdavon\b|"
    r"\bdarunter\b|\bunter ihnen\b|\bwobei\b)"
)
_NEXT_PARTS = re.compile(r"(?i)^\W*(of these|of them|among them|among these|davon|darunter|von diesen)\b")
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?![\w]|[.,]\d)(?!\s*(?:%|percent|per cent|prozent))")


def _part_values(claim: Claim, start: int, skip: Sequence[Value]) -> list[tuple[float, float, str, int, int]]:
    """(low, high, text, body start, body end) of the counts after `start` in a claim."""
    parts = []
    covered = []
    for value in claim.values:
        vs, ve = _local(claim, value)
        if ve <= start or value in skip:
            continue
        covered.append((vs, ve))
        if value.type == "quantity":
            bounds = _bounds(value)
            if bounds is not None:
                parts.append((bounds[0], bounds[1], value.text, value.start, value.end))
    for match in _BARE_NUMBER.finditer(claim.text, start):
        if any(cs <= match.start() < ce for cs, ce in covered):
            continue
        number = float(match.group().replace(",", ""))
        if 1900 <= number <= 2100:
            continue
        parts.append((number, number, match.group(), claim.start + match.start(), claim.start + match.end()))
    parts.sort(key=lambda p: p[3])
    return parts


def _unit_head(value: Value) -> str | None:
    norm = _norm(value)
    if norm.get("unit_key"):
        return str(norm["unit_key"])
    unit = norm.get("unit")
    return _lemma(str(unit).split()[-1]) if unit else None


def _total_mismatch(doc: Document) -> list[Inconsistency]:
    found = []
    for index, claim in enumerate(doc.claims):
        marker = _TOTAL.search(claim.text)
        if marker is None:
            continue
        totals = [
            v for v in claim.values
            if v.type in ("quantity", "percent") and abs(_local(claim, v)[0] - marker.end()) <= 30
        ]
        if not totals:
            continue
        total = min(totals, key=lambda v: abs(_local(claim, v)[0] - marker.end()))
        total_bounds = _bounds(total)
        if total_bounds is None:
            continue
        _, total_end = _local(claim, total)
        parts_marker = _PARTS.search(claim.text, total_end)
        part_claim = claim
        if parts_marker is not None:
            parts = _part_values(claim, parts_marker.end(), (total,))
        elif index + 1 < len(doc.claims) and _NEXT_PARTS.search(doc.claims[index + 1].text):
            part_claim = doc.claims[index + 1]
            parts = _part_values(part_claim, 0, ())
        else:
            continue
        head = _unit_head(total)
        heads = [
            _unit_head(v) for v in part_claim.values
            if v.type == "quantity" and any(v.start == p[3] for p in parts)
        ]
        if head and any(h is not None and h != head for h in heads):
            continue  # the numbers after "of which" count something else
        if not parts:
            continue
        low_sum = sum(p[0] for p in parts)
        if low_sum <= total_bounds[1]:
            continue  # parts below the total may be a partial list: never flag that
        listed = " + ".join(p[2] for p in parts)
        member_total = _member(doc.id, claim, total)
        members = [member_total]
        for _low, _high, text, start, end in parts:
            match = next((v for v in part_claim.values if v.start == start), None)
            if match is not None:
                members.append(_member(doc.id, part_claim, match))
            else:
                members.append(
                    Member(doc.id, start, end, text, {}, part_claim.start, part_claim.end)
                )
        found.append(
            Inconsistency(
                kind="total_mismatch",
                severity="medium",
                confidence=0.7 if parts_marker is not None and "includ" not in parts_marker.group().lower()
                else 0.55,
                explanation=(
                    f"The parts ({listed} = {_fmt(low_sum)}) exceed the stated total "
                    f"{describe(total)} ({_quote(total.text)}), unless the groups overlap."
                ),
                members=tuple(members),
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Inside one article: "since YEAR ... N years" against the publication date


_SINCE = re.compile(
    r"(?i)\b(since|seit|founded in|established in|inception in|launched in|gegründet|gründung)\b"
)


def _duration_mismatch(doc: Document) -> list[Inconsistency]:
    if doc.published is None:
        return []
    found = []
    for claim in doc.claims:
        since = _SINCE.search(claim.text)
        if since is None:
            continue
        years = [
            v for v in claim.values
            if v.type == "date" and _span(v) is not None and _span(v).precision in ("year", "month", "day")
            and _local(claim, v)[0] >= since.start()
        ]
        durations = [
            v for v in claim.values if v.type == "duration" and str(_norm(v).get("unit", "")).startswith("year")
        ]
        if not years or len(durations) != 1:
            continue
        start = min(years, key=lambda v: _local(claim, v)[0] - since.start())
        duration = durations[0]
        first = _span(start).lo.year
        number = _norm(duration).get("value")
        if not isinstance(number, int | float):
            continue
        expected = doc.published.year - first
        qualifier = _norm(duration).get("qualifier")
        # Off by one is a counting convention (editions held vs years elapsed), not an error.
        if qualifier in ("more_than", "at_least"):
            wrong = number >= expected + 2
        elif qualifier in ("less_than", "at_most"):
            wrong = number <= expected - 2
        elif qualifier in ("about", "nearly"):
            wrong = abs(number - expected) >= 3
        else:
            wrong = abs(number - expected) >= 2
        if not wrong:
            continue
        found.append(
            Inconsistency(
                kind="duration_mismatch",
                severity="medium",
                confidence=0.7,
                explanation=(
                    f"Since {first} ({_quote(start.text)}) to publication on {doc.published.isoformat()} is "
                    f"{expected} years, but the text says {describe(duration)} ({_quote(duration.text)})."
                ),
                members=(_member(doc.id, claim, start), _member(doc.id, claim, duration)),
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Inside one article: tense against the publication date


_FUTURE = re.compile(
    r"(?i)\b(will|shall|won't|is (?:scheduled|set|expected|due|slated|planned|going) to|"
    r"are (?:scheduled|set|expected|due|slated|planned|going) to|to be held|upcoming|forthcoming|"
    r"soll|sollen|wird\b[^.;]*\b(?:stattfinden|beginnen|enden|eröffnen)|"
    r"werden\b[^.;]*\b(?:stattfinden|beginnen|enden|eröffnen))\b"
)
_PAST = re.compile(
    r"(?i)\b(was|were|had|took place|held|hosted|opened|closed|began|begun|started|ended|kicked off|"
    r"launched|unveiled|concluded|inaugurated|attended|wurde|wurden|war|waren|fand|fanden|hatte|hatten|"
    r"eröffnete|begann|endete)\b"
)
# "is held", "will be opened", "to be launched": a participle that is not a past report
_PRESENT_OR_FUTURE_AUX = re.compile(r"(?i)\b(be|is|are|being|to)\s+$")
_CLAUSE_BREAK = re.compile(r";|:|—| – |,\s+(?:and|but|while|whereas|which|who|und|aber|während)\b")
# An inferred year is our guess: a past-tense date far ahead of publication most likely means
# last year's date, so only near dates are reported.
_INFERRED_WINDOW_DAYS = 45


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return lo, hi


def _tense(clause: str) -> str | None:
    future = bool(_FUTURE.search(clause))
    past = any(
        not _PRESENT_OR_FUTURE_AUX.search(clause[max(0, m.start() - 8) : m.start()])
        for m in _PAST.finditer(clause)
    )
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return None


def _tense_mismatch(doc: Document) -> list[Inconsistency]:
    published = doc.published
    if published is None:
        return []
    found = []
    for claim in doc.claims:
        for value in claim.values:
            span = _span(value)
            if span is None or span.relation == "since":
                continue
            vs, ve = _local(claim, value)
            lo, hi = _clause(claim.text, vs, ve)
            tense = _tense(claim.text[lo:vs] + " " + claim.text[ve:hi])
            if tense == "past" and span.lo > published:
                gap = (span.lo - published).days
                problem = f"reported in the past tense but dated {describe(value)}, {gap} day(s) after"
            elif tense == "future" and span.hi < published:
                gap = (published - span.hi).days
                problem = f"reported in the future tense but dated {describe(value)}, {gap} day(s) before"
            else:
                continue
            if span.inferred and gap > _INFERRED_WINDOW_DAYS:
                continue
            note = " (the year is inferred from the publication date: add it if another year is meant)" \
                if span.inferred else ""
            found.append(
                Inconsistency(
                    kind="tense_mismatch",
                    severity="medium" if span.inferred else "high",
                    confidence=0.5 if span.inferred else 0.8,
                    explanation=(
                        f"{_quote(value.text)} is {problem} publication on {published.isoformat()}{note}."
                    ),
                    members=(_member(doc.id, claim, value),),
                )
            )
    return found


def _unique(found: Iterable[Inconsistency]) -> list[Inconsistency]:
    seen: set[str] = set()
    out = []
    for item in found:
        key = item.key
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def find_inside(doc: Document) -> list[Inconsistency]:
    """Inconsistencies inside one document, in order of their first member."""
    found = (
        _date_outside_span(doc)
        + _value_mismatch(doc)
        + _total_mismatch(doc)
        + _duration_mismatch(doc)
        + _tense_mismatch(doc)
    )
    return sorted(_unique(found), key=lambda f: (f.members[0].start, f.kind))


# ---------------------------------------------------------------------------------------------
# Across articles: align the claims of two tellings of one story, compare their values


_MIN_PAIR_SIMILARITY = 0.4
_POSITION_WINDOW = 0.15


def _claim_anchors(claim: Claim, language: str) -> frozenset[str]:
    """Language-independent tokens of a claim: its values' keys (small numbers too) and names."""
    keys: set[str] = set(name_tokens(claim.text, language))
    for value in claim.values:
        norm = _norm(value)
        span = _span(value)
        if span is not None:
            keys.add(f"t:{span.lo.isoformat()}:{span.hi.isoformat()}")
        elif isinstance(norm.get("value"), int | float):
            keys.add(f"n:{norm['value']}")
        elif value.type == "rank":
            keys.add(f"r:{norm.get('rank')}:{norm.get('of')}:{norm.get('top')}")
        elif value.type == "year_target":
            keys.add(f"y:{norm.get('year')}")
    return frozenset(keys)


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum((a & b).values()) / total


def _positions(doc: Document) -> list[float]:
    length = doc.length or max((c.end for c in doc.claims), default=1) or 1
    return [((c.start + c.end) / 2) / length for c in doc.claims]


@dataclass(frozen=True, slots=True)
class _Pair:
    i: int
    j: int
    similarity: float
    anchors: frozenset[str]


def align(a: Document, b: Document) -> list[tuple[int, int, float]]:
    """Monotone alignment of the claims of two documents: (index in a, index in b, similarity)."""
    return [(p.i, p.j, p.similarity) for p in _align(a, b)]


def _align(a: Document, b: Document) -> list[_Pair]:
    anchors_a = [_claim_anchors(c, a.language) for c in a.claims]
    anchors_b = [_claim_anchors(c, b.language) for c in b.claims]
    types_a = [Counter(_slot(v, True) for v in c.values) for c in a.claims]
    types_b = [Counter(_slot(v, True) for v in c.values) for c in b.claims]
    pos_a, pos_b = _positions(a), _positions(b)
    n, m = len(a.claims), len(b.claims)
    sims: dict[tuple[int, int], tuple[float, frozenset[str]]] = {}
    for i in range(n):
        for j in range(m):
            position = 1.0 - abs(pos_a[i] - pos_b[j]) / _POSITION_WINDOW
            shared = anchors_a[i] & anchors_b[j]
            if position <= 0 and not shared:
                continue
            union = sum(map(_anchor_weight, anchors_a[i])) + sum(map(_anchor_weight, anchors_b[j]))
            anchor = 2 * sum(map(_anchor_weight, shared)) / union if union else 0.0
            similarity = 0.5 * anchor + 0.25 * _dice(types_a[i], types_b[j]) + 0.25 * max(position, 0.0)
            if similarity >= _MIN_PAIR_SIMILARITY:
                sims[(i, j)] = (similarity, shared)
    # Longest-path alignment that keeps the order of both texts: a translation keeps its order.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            score = max(below[j], row[j + 1])
            if (i, j) in sims:
                score = max(score, sims[(i, j)][0] + below[j + 1])
            row[j] = score
    pairs = []
    i = j = 0
    while i < n and j < m:
        if (i, j) in sims and abs(best[i][j] - (sims[(i, j)][0] + best[i + 1][j + 1])) < 1e-12:
            pairs.append(_Pair(i, j, sims[(i, j)][0], sims[(i, j)][1]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _anchor_weight(key: str) -> float:
    return 0.5 if key.startswith("w:") else 1.0


def _describe_anchors(shared: frozenset[str]) -> str:
    names = sorted(k.split(":", 1)[1] for k in shared if k[:2] in ("w:", "a:"))
    values = [k for k in shared if k[:2] not in ("w:", "a:")]
    bits = []
    if names:
        bits.append("names " + ", ".join(names[:5]))
    if values:
        bits.append(f"{len(values)} equal value(s)")
    return "; ".join(bits) if bits else "the same kind of value at the same place in the text"


def compare(a: Document, b: Document, *, story_score: float | None = None) -> list[Inconsistency]:
    """Values that disagree between aligned claims of two documents on the same story."""
    if story_score is None:
        story_score = same_story(a, b)
    cross_language = a.language != b.language
    pairs = _align(a, b)
    aligned = {(p.i, p.j) for p in pairs}
    found = []
    agreements = 0
    for pair in pairs:
        ca, cb = a.claims[pair.i], b.claims[pair.j]
        slots_a: dict[tuple, list[Value]] = {}
        slots_b: dict[tuple, list[Value]] = {}
        for value in ca.values:
            slot = _slot(value, cross_language)
            if slot is not None:
                slots_a.setdefault(slot, []).append(value)
        for value in cb.values:
            slot = _slot(value, cross_language)
            if slot is not None:
                slots_b.setdefault(slot, []).append(value)
        for slot, values_a in slots_a.items():
            values_b = slots_b.get(slot)
            if not values_b:
                continue
            rest_a, rest_b = list(values_a), list(values_b)
            for va in values_a:  # drop every value the other side confirms
                match = next((vb for vb in rest_b if agree(va, vb)), None)
                if match is not None:
                    rest_a.remove(va)
                    rest_b.remove(match)
                    agreements += 1
            # Two or more leftovers a side could pair either way: only a lone pair is certain.
            if len(rest_a) != 1 or len(rest_b) != 1:
                continue
            if slot[1] == "?" and (len(values_a) != 1 or len(values_b) != 1):
                continue  # units unknown across languages: only a claim's single count is safe
            va, vb = rest_a[0], rest_b[0]
            sandwiched = (pair.i - 1, pair.j - 1) in aligned or (pair.i + 1, pair.j + 1) in aligned
            confidence = story_score * (0.5 + 0.5 * pair.similarity) + (0.1 if sandwiched else 0.0)
            found.append(
                Inconsistency(
                    kind="cross_article_mismatch",
                    severity="high" if pair.similarity >= 0.6 or sandwiched else "medium",
                    confidence=round(min(confidence, 0.95), 2),
                    explanation=(
                        f"{a.id} says {describe(va)} ({_quote(va.text)}), {b.id} says {describe(vb)} "
                        f"({_quote(vb.text)}). Same story (score {story_score:.2f}); the sentences "
                        f"correspond by {_describe_anchors(pair.anchors)}"
                        + (" and their neighbours." if sandwiched else ".")
                    ),
                    members=(_member(a.id, ca, va), _member(b.id, cb, vb)),
                )
            )
    # Two tellings of one story agree on most of what they both state (at least two agreements per
    # disagreement); when they do not, the match or the alignment is wrong (another edition,
    # another event), and every flag would be noise.
    if len(found) * 2 > agreements:
        return []
    return found


def find_across(
    docs: Iterable[Document],
    *,
    df_cap: int = DEFAULT_DF_CAP,
    threshold: float = SAME_STORY_THRESHOLD,
    stats: dict | None = None,
) -> list[Inconsistency]:
    """Cross-article mismatches among documents, via an inverted index of story keys (no all-pairs).

    `stats`, when given, receives counts: documents, candidate pairs, same-story pairs, keys
    held by more than `df_cap` documents, and the seconds spent computing story keys.
    """
    documents = list(docs)
    started = time.perf_counter()
    keys = [story_keys(d) for d in documents]
    keys_seconds = time.perf_counter() - started
    pairs, df = candidate_pairs(keys, df_cap=df_cap)
    same: list[tuple[int, int, float]] = []
    for i, j in pairs:
        shared = keys[i] & keys[j]
        if len(shared) < 2:
            continue  # one shared key scores 0.24 at most: skip the scoring
        score = score_shared(shared, documents[i].published, documents[j].published, df=df, df_cap=df_cap)
        if score >= threshold and documents[i].id != documents[j].id:
            same.append((i, j, score))
    same.sort()  # the set of pairs has no order; findings must come out the same every run
    found: list[Inconsistency] = []
    for i, j, score in same:
        found.extend(compare(documents[i], documents[j], story_score=score))
    if stats is not None:
        stats.update(
            documents=len(documents), candidate_pairs=len(pairs), same_story_pairs=len(same),
            common_keys=sum(1 for count in df.values() if count > df_cap), keys_seconds=keys_seconds,
        )
    return _unique(found)


def find_inconsistencies(docs: Sequence[Document]) -> list[Inconsistency]:
    """Inconsistencies inside each document, then across documents."""
    found: list[Inconsistency] = []
    for doc in docs:
        found.extend(find_inside(doc))
    found.extend(find_across(docs))
    return _unique(found)

