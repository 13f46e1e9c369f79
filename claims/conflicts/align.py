"""Across articles: align the claims of two tellings of one story (a translation), compare values."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claims.conflicts.compare import _quote, _slot, _span, agree, describe
from claims.conflicts.facts import compare_facts
from claims.conflicts.inside import _unique, find_inside
from claims.conflicts.model import Document, Inconsistency, _member, _norm
from claims.detect import Claim
from claims.stories import (
    DEFAULT_DF_CAP,
    SAME_STORY_THRESHOLD,
    attach_loners,
    candidate_pairs,
    group_stories,
    name_tokens,
    same_story,
    score_shared,
    story_keys,
)
from claims.values import Value

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


# A pair whose claims align in order over this share of the shorter text is a translation or a
# close rewrite: its aligned sentences are compared too (the demo press release and its original).
TRANSLATION_COVERAGE = 0.8


def translation_pair(a: Document, b: Document) -> bool:
    """Whether two documents are one text in two versions (claims aligned in order)."""
    if a.language == b.language:
        return False  # two outlets in one language are rewrites: matched by facts, not by order
    # Coverage counts the claims that state values: alignment pairs sentences by their values, so
    # sentences without any (which a low claim threshold keeps) say nothing about translation.
    valued_a = {i for i, claim in enumerate(a.claims) if claim.values}
    valued_b = {j for j, claim in enumerate(b.claims) if claim.values}
    shorter = min(len(valued_a), len(valued_b))
    aligned = [p for p in _align(a, b) if p.i in valued_a and p.j in valued_b]
    return shorter > 0 and len(aligned) >= TRANSLATION_COVERAGE * shorter


def compare_pair(a: Document, b: Document, *, story_score: float) -> list[Inconsistency]:
    """Everything two documents of one story disagree on: same facts anywhere in the texts, and
    aligned sentences when one is a translation of the other. The one rule for every caller
    (corpus runs, imports, `workbench flags detect`)."""
    found = compare_facts(a, b, story_score=story_score)
    if translation_pair(a, b):
        spans = {(m.document, m.claim_start) for f in found for m in f.members}
        for item in compare(a, b, story_score=story_score):
            if not all((m.document, m.claim_start) in spans for m in item.members):
                found.append(item)
    return found


def find_across(
    docs: Iterable[Document],
    *,
    df_cap: int = DEFAULT_DF_CAP,
    threshold: float = SAME_STORY_THRESHOLD,
    stats: dict | None = None,
) -> list[Inconsistency]:
    """Cross-article disagreements among documents: stories grouped from an inverted index of
    story keys (no all-pairs), then every pair inside each story compared.

    `stats`, when given, receives counts: documents, candidate pairs, same-story pairs, stories,
    keys held by more than `df_cap` documents, and the seconds spent computing story keys.
    """
    documents = list(docs)
    started = time.perf_counter()
    keys = [story_keys(d) for d in documents]
    keys_seconds = time.perf_counter() - started
    pairs, df = candidate_pairs(keys, df_cap=df_cap)
    scores: dict[tuple[int, int], float] = {}
    weak: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        shared = keys[i] & keys[j]
        if len(shared) < 2:
            continue  # one shared key scores 0.24 at most: skip the scoring
        score = score_shared(shared, documents[i].published, documents[j].published, df=df, df_cap=df_cap)
        if documents[i].id == documents[j].id:
            continue
        if score >= threshold:
            scores[(i, j)] = score
        else:
            weak[(i, j)] = score
    scores = attach_loners(scores, weak)
    groups = group_stories(len(documents), scores)
    found: list[Inconsistency] = []
    compared = 0
    for members in groups:
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                # A pair inside a story that did not reach the threshold itself is compared
                # through the story (three outlets on one release are one story).
                score = scores.get((i, j), threshold)
                found.extend(compare_pair(documents[i], documents[j], story_score=score))
                compared += 1
    if stats is not None:
        stats.update(
            documents=len(documents), candidate_pairs=len(pairs), same_story_pairs=len(scores),
            stories=len(groups), compared_pairs=compared,
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
