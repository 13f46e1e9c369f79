"""Typed value extraction and normalisation (English and German), one module per value family.

Why a hand-written grammar: general parsers (dateparser.search_dates, quantulum-style unit
parsers) cost milliseconds per sentence, do not report exact character offsets, and do not give the
language-independent normalised forms that conflict detection compares ("rund 60 Prozent" and
"about 60 percent" must become the same dict). So every value type is a compiled regular
expression (built once per language) plus a small handler beside it that validates and normalises
a match.

Modules:
- model: the `Value` dataclass and the value types;
- lexicon: every word list (qualifiers, units, currencies, time units, relative words), with sources;
- numerals: number tokens, qualifiers and the pattern pieces the families share;
- scan: the cheap pre-check and the gates that keep patterns off sentences they cannot match;
- units: the unit after a number, its canonical key, rates ("per year");
- dates, relative, targets, durations, ranks, amounts, changes: one value family each, patterns
  beside their handlers;
- extract: compiles the families' patterns and chooses among overlapping candidates.

How a sentence is processed:
1. a cheap pre-check: no digit, number word, month, ordinal or "year" word -> [] at once;
2. each pattern whose gate (a few substring tests) passes proposes candidates (type, span,
   normalised form, priority); sentences without number words use digit-only patterns;
3. candidates are chosen greedily by priority, then length: a date range beats the two dates inside
   it, a money amount beats the bare quantity inside it; chosen values never overlap;
4. values come back in position order with offsets shifted by `offset`.

Normalised forms are language-independent: German and English twins give equal dicts, except
for the surface `unit` word of a quantity (`unit_key` is the shared canonical key for common units).
Keys beyond the basic ones, present only when they apply:
- date: "year_inferred", "month_day"/"month" (no article date), "relation" (until/since/before/
  after), "relative" (-1/0/1 for last/this/next year), "weekday" and "weekday_mismatch";
- date_range: "start"/"end" (ISO, or years), "precision", "year_inferred";
- quantity/percent/money: "qualifier" (about, more_than, less_than, at_least, at_most, nearly),
  "value_max" for ranges ("20 to 30 firms"), "per" for rates ("300 t a year" -> "year"),
  "approximate" for counts like "tens of thousands of guests" / "Zehntausende von Gästen" (value is
  the lower bound, qualifier "at_least");
- rank: "rank", "of", "top", "first" (primacy claims), "superlative" ("second-largest");
- year_target: "year", "target" (surface words), "target_key" (carbon_peak, carbon_neutrality,
  net_zero), "relation": "before" for "neutrality before 2060".
"""
from __future__ import annotations

from claims.values.extract import extract_values
from claims.values.lexicon import QUALIFIERS, UNIT_KEYS
from claims.values.model import VALUE_TYPES, Value
from claims.values.units import unit_key

__all__ = ["QUALIFIERS", "UNIT_KEYS", "VALUE_TYPES", "Value", "extract_values", "unit_key"]
