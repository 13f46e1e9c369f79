"""Inconsistencies inside one article: sub-event dates, one fact twice, totals, durations, tense."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from claims.conflicts.compare import (
    _bounds,
    _fmt,
    _quote,
    _shift_month,
    _shift_year,
    _slot,
    _Span,
    _span,
    agree,
    describe,
)
from claims.conflicts.model import Document, Inconsistency, Member, _local, _member, _norm
from claims.conflicts.words import _jaccard, _lemma, _Subject, _subject
from claims.detect import Claim
from claims.values import Value

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
    r"(?i)\b(was|were|had|took place|held|hosted|opened|closed|began|begun|started|ended|"
    r"launched|unveiled|concluded|inaugurated|attended|wurde|wurden|war|waren|fand|fanden|hatte|hatten|"
    r"eröffnete|begann|endete)\b"
)
# "is held", "will be opened", "to be launched": a participle that is not a past report
_PRESENT_OR_FUTURE_AUX = re.compile(r"(?i)\b(be|is|are|being|to)\s+$")
_CLAUSE_BREAK = re.compile(r";|:|—| – |,\s+(?:and|but|while|whereas|which|who|und|aber|während)\b")
# An inferred year is our guess: a past-tense date far ahead of publication most likely means
# last year's date, so only near dates are reported.
_INFERRED_WINDOW_DAYS = 45
# A month or year that ended this recently is still forecast and announced in the future tense
# ("inflation is expected to reach 5.9 percent in 2023", published on 4 January 2024).
_JUST_ENDED_DAYS = 31
# A date a figure is compared with keeps its own (past) time: "higher than those recorded in
# December 2022", "from the 3.7% recorded in December 2022", "seit 2018".
_REFERENCE_DATE = re.compile(
    r"(?i)\b(?:recorded|observed|registered|measured|seen|reported|than|since|compared (?:with|to)|"
    r"verzeichnet\w*|gemessen\w*|gegenüber|seit|als)\b[^.;:]{0,30}$"
)


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
            elif (tense == "future" and span.hi < published
                  and not _REFERENCE_DATE.search(claim.text[max(lo, vs - 40):vs])
                  and not (span.precision in ("month", "year") and not span.is_range
                           and (published - span.hi).days <= _JUST_ENDED_DAYS)):
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


def _restated(doc: Document) -> list[Inconsistency]:
    """One fact stated twice with different values, matched by what it measures (facts.py)."""
    from claims.conflicts.facts import restated_facts

    known = {(m.start, m.end) for f in _value_mismatch(doc) for m in f.members}
    return [f for f in restated_facts(doc) if not {(m.start, m.end) for m in f.members} <= known]


def find_inside(doc: Document) -> list[Inconsistency]:
    """Inconsistencies inside one document, in order of their first member."""
    found = (
        _date_outside_span(doc)
        + _value_mismatch(doc)
        + _restated(doc)
        + _total_mismatch(doc)
        + _duration_mismatch(doc)
        + _tense_mismatch(doc)
    )
    return sorted(_unique(found), key=lambda f: (f.members[0].start, f.kind))
