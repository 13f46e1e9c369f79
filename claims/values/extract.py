"""Compiles the families' patterns and chooses among overlapping candidates."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claims.values import amounts, dates, durations, ranks, relative
from claims.values.changes import join_ranges, mark_changes
from claims.values.dates import _with_relation, _with_weekday
from claims.values.model import Value
from claims.values.numerals import _DE_WORDS, _EN_WORDS, Pieces
from claims.values.scan import _Gate, _scan

# Bounds on the work per call: a sentence has a handful of values; a table pasted as one line may have
# thousands of numbers, and the greedy choice and the change marks must stay cheap on it.
MAX_VALUES_PER_SENTENCE = 64
MAX_CANDIDATES_PER_SENTENCE = 400

# Priorities: more specific types win over what they contain.
_PRIO = {"date_range": 90, "date": 80, "year_target": 80, "money": 70, "percent": 65, "duration": 60,
         "rank": 55, "quantity": 50}


@dataclass(frozen=True, slots=True)
class _Grammar:
    """Compiled patterns for one language (number words differ; everything else is shared)."""

    language: str
    patterns: tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]
    # The same patterns with digits only: number-word alternatives are the costliest part of
    # scanning, and most sentences have none.
    digit_patterns: tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]


@lru_cache(maxsize=8)
def _grammar(language: str) -> _Grammar:
    """Compile the patterns once per language."""
    full = _compile_patterns(_DE_WORDS if language == "de" else _EN_WORDS, language)
    digits_only = _compile_patterns(None, language)
    return _Grammar(language=language, patterns=full, digit_patterns=digits_only)


def _compile_patterns(
    words: str | None, language: str
) -> tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]:
    """All patterns of all families, with `words` as the number-word alternative (None: digits only)."""
    p = Pieces(words)
    specs = [
        *dates.patterns(p, language),
        *relative.patterns(p, language),
        *relative.relative_patterns(p, language),
        *amounts.patterns(p, language),
        *durations.patterns(p, language),
        *ranks.patterns(p, language),
        *ranks.real_wording_patterns(p, language),
        *amounts.quantity_patterns(p, language),
    ]
    return tuple((re.compile(pattern), handler, gate) for pattern, handler, gate in specs)


_DATE_TIME_GAP = re.compile(r"\s*(?:,|at|um|,\s*at|,\s*um)?\s*")


def _join_times(text: str, chosen: list[tuple[int, int, int, str, dict]]) -> list[tuple[int, int, int, str, dict]]:
    """"Jul 11, 2023 10:52 AM", "am 5. Mai um 10 Uhr": a time of day right after a day is that day's time
    ({"time": "10:52"} on the date), not a value of its own."""
    out: list[tuple[int, int, int, str, dict]] = []
    for cand in chosen:
        if out and cand[3] == "date" and cand[4].get("precision") == "time":
            prio, s1, e1, t1, n1 = out[-1]
            if t1 == "date" and n1.get("precision") == "day" and "time" not in n1 \
                    and _DATE_TIME_GAP.fullmatch(text, e1, cand[1]):
                out[-1] = (prio, s1, cand[2], t1, {**n1, "time": cand[4]["time"]})
                continue
        out.append(cand)
    return out


def extract_values(
    text: str,
    *,
    language: str = "en",
    published: date | None = None,
    offset: int = 0,
) -> list[Value]:
    """All typed values in `text`, in order of position; offsets are shifted by `offset`."""
    if not text:
        return []
    features = _scan(text)
    if not features.any_trigger:
        return []
    # "de-DE", "DE" and "de_AT" are German; every other language gets the English grammar.
    lang = (language or "en")[:2].lower()
    grammar = _grammar(lang if lang in ("en", "de") else "en")
    candidates: list[tuple[int, int, int, str, dict]] = []
    # Callers pass one sentence or a whole text; the bounds scale with its sentence ends.
    sentences = 1 + text.count(". ") + text.count("\n")
    max_values = MAX_VALUES_PER_SENTENCE * sentences
    max_candidates = MAX_CANDIDATES_PER_SENTENCE * sentences
    patterns = grammar.patterns if features.has_numword else grammar.digit_patterns
    for pattern, handler, gate in patterns:
        if not gate.passes(features):
            continue
        for m in pattern.finditer(text):
            if len(candidates) > max_candidates:
                break  # a pathological "sentence" (a table dumped as one line) must not cost unbounded work
            for vtype, start, end, norm in handler(m, text, grammar.language, published):
                if vtype == "date" and norm.get("precision") != "year":
                    if norm.get("precision") == "day":
                        start, norm = _with_weekday(text, start, norm)
                    start, norm = _with_relation(text, start, norm)
                # Trailing spaces never belong to a value.
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    candidates.append((_PRIO[vtype], start, end, vtype, norm))
    # Ties between equal spans go to the reading that did not need to guess a year.
    candidates.sort(key=lambda c: (-c[0], -(c[2] - c[1]), bool(c[4].get("year_inferred")), c[1]))
    # Greedy choice with the chosen spans kept sorted, so whole articles stay O(n log n).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[int, int, int, str, dict]] = []
    for cand in candidates:
        _, s, e, _, _ = cand
        i = bisect_right(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.insert(i, cand)
    if len(chosen) > max_values:
        chosen = chosen[:max_values]
    chosen = _join_times(text, chosen)
    chosen = join_ranges(text, chosen)
    mark_changes(text, chosen)
    return [Value(vtype, text[s:e], s + offset, e + offset, norm) for _, s, e, vtype, norm in chosen]

