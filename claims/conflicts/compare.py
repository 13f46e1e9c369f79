"""Value comparison: dates as intervals, numbers with the tolerance their wording implies, slots."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from claims.conflicts.model import _norm
from claims.conflicts.words import _lemma
from claims.values import Value

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
