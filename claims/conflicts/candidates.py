"""Stories among many documents from their story keys alone, for callers that stream documents.

The first half of claims.conflicts.align.find_across (candidate pairs from the inverted index,
same-story scores, story groups) over keys and publication dates only, so a caller holding a
large corpus keeps one small key set per document in memory and loads the documents of a few
stories at a time for the pair comparisons. Same rules, same results as find_across.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from claims.stories import (
    DEFAULT_DF_CAP,
    SAME_STORY_THRESHOLD,
    attach_loners,
    candidate_pairs,
    group_stories,
    score_shared,
)


@dataclass(frozen=True, slots=True)
class Stories:
    """Story groups (sorted document indexes) and the same-story score of each scored pair."""

    groups: list[list[int]]
    scores: dict[tuple[int, int], float]
    threshold: float

    def pairs(self, members: Sequence[int]) -> list[tuple[int, int, float]]:
        """Every pair (i < j) of a group with the score find_across compares it at."""
        return [(i, j, self.scores.get((i, j), self.threshold))
                for x, i in enumerate(members) for j in members[x + 1:]]


def find_stories(keys: Sequence[Collection[str]], published: Sequence[date | None], *,
                 df_cap: int = DEFAULT_DF_CAP, threshold: float = SAME_STORY_THRESHOLD) -> Stories:
    """Stories among documents given by their story keys and publication dates (by index).

    The keys of a document may be held as a tuple (a fifth of a frozenset's memory, which
    counts at 100,000 documents); they are made sets again only for the pairs scored.
    """
    pairs, df = candidate_pairs(keys, df_cap=df_cap)  # type: ignore[arg-type]  # only iterated
    scores: dict[tuple[int, int], float] = {}
    weak: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        shared = frozenset(keys[i]) & frozenset(keys[j])
        if len(shared) < 2:
            continue  # one shared key scores 0.24 at most, as in find_across
        score = score_shared(shared, published[i], published[j], df=df, df_cap=df_cap)
        if score >= threshold:
            scores[(i, j)] = score
        else:
            weak[(i, j)] = score
    scores = attach_loners(scores, weak)  # as find_across: a loner joins its best weaker match's story
    return Stories(group_stories(len(keys), scores), scores, threshold)
