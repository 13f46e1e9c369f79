"""Inconsistencies inside one article and across articles on the same story (any language).

Every check prefers silence to a guess: a reviewer loses minutes on each false alarm, so a
finding needs a clear link between its members (the same event, the same subject words, the same
aligned sentence of a translation) and values that cannot both be true once qualifiers ("about",
"more than"), precision ("June" versus "June 5 to 8") and the engine's own year inference are
allowed for.

Kinds: inside one article (find_inside)
  date_outside_span  a sub-event (opening, closing, launch...) dated outside its event's range
  value_mismatch     one fact (same value kind and unit, same subject words; or, through
                     facts.restated_facts, the same measure, period and best-matching subject)
                     stated twice with values that cannot both be true
  total_mismatch     parts after "of which" / "davon" adding up to more than their total
  duration_mismatch  "since YEAR ... N years" off by two or more from the publication year
  tense_mismatch     past tense for a date after publication, future tense for one before it
across articles (find_across, compare, facts.compare_facts)
  cross_article_mismatch  aligned sentences of two tellings of one story disagreeing on a value
  cross_contradiction, cross_revision, cross_different_source, cross_different_basis
                          one fact (same measure, period and subject, any language and order)
                          with values that cannot both be true, classified; also the same
                          distance in directions more than 45 degrees apart
  cross_terminology       the same figure in percent and in percentage points, or called
                          production in one article and deliveries in another

Modules: model (Document, Member, Inconsistency), words (content words, subjects), compare (dates
as intervals, numbers with their tolerance, slots, descriptions), inside (the checks inside one
article), align (a translation's claims aligned in order), facts (claims of any articles matched
by what they measure, disagreements classified), terms (the German-English term lexicon).
Story matching (story keys, scores, candidate pairs, story groups) lives in claims.stories, which
imports nothing from here.
"""
from __future__ import annotations

from claims.conflicts.align import align, compare, find_across, find_inconsistencies
from claims.conflicts.compare import agree, describe
from claims.conflicts.inside import find_inside
from claims.conflicts.model import Document, Inconsistency, Member
from claims.stories import SAME_STORY_THRESHOLD, same_story, story_keys

__all__ = [
    "SAME_STORY_THRESHOLD",
    "Document",
    "Inconsistency",
    "Member",
    "agree",
    "align",
    "compare",
    "describe",
    "find_across",
    "find_inconsistencies",
    "find_inside",
    "same_story",
    "story_keys",
]
