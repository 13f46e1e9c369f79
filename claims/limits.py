"""Bounds on the engine's work per article, so adversarial text costs linear time and memory.

Value extraction costs tens of microseconds per number it looks at; a 5 MB file of "$1 "
repeated held 1.7 million candidate values in one "sentence" and took minutes and gigabytes.
Counting digit runs is a single cheap scan, so the engine counts first and then:

- skips value extraction in a sentence with more numbers than one claim can hold (a table, a
  list, or garbage), scoring it as a non-claim with the reason said;
- refuses an article with more sentences, or more numbers in its remaining sentences, than an
  article the desk reviews by hand could have, with a message that says which limit and how
  far it was exceeded.

The limits sit far above what the corpus holds (at most 15 numbers in one sentence, 66 in an
article, 37 sentences). A 2 MB file of corpus prose has about 17,000 sentences and 16,000 values: it is
within the limits, and the engine takes about 5 to 10 s on it.
"""
from __future__ import annotations

import re

MAX_NUMBERS_PER_SENTENCE = 40
MAX_SENTENCES = 20_000
MAX_NUMBERS_PER_ARTICLE = 50_000

_NUMBER = re.compile(r"\d+")


class EngineLimit(ValueError):
    """An article beyond what the engine takes on; the message says which limit and by how much."""


def numbers_in(text: str) -> int:
    """How many digit runs `text` holds: an upper bound on the values extraction would look at."""
    return sum(1 for _ in _NUMBER.finditer(text))


def too_many_numbers(count: int) -> str | None:
    """The reason a sentence with `count` numbers gets no value extraction, or None."""
    if count > MAX_NUMBERS_PER_SENTENCE:
        return (f"{count:,} numbers in one sentence (more than {MAX_NUMBERS_PER_SENTENCE}): "
                "a table or list, not one claim")
    return None


def check_sentences(count: int) -> None:
    """Refuse an article of more than MAX_SENTENCES sentences."""
    if count > MAX_SENTENCES:
        raise EngineLimit(f"the article has {count:,} sentences; the claim engine takes at most "
                          f"{MAX_SENTENCES:,} per article: split it into smaller files")


def check_numbers(count: int) -> None:
    """Refuse an article whose sentences hold more than MAX_NUMBERS_PER_ARTICLE numbers to extract."""
    if count > MAX_NUMBERS_PER_ARTICLE:
        raise EngineLimit(f"the article has {count:,} numbers in its sentences; the claim engine takes at most "
                          f"{MAX_NUMBERS_PER_ARTICLE:,} per article: split it into smaller files")
