"""The whole engine in one call: clean, detect language and date, segment, extract, score."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from claims.clean import clean, furniture_reason
from claims.dates import detect_published
from claims.detect import DEFAULT_THRESHOLD, ScoredSentence, score_sentence
from claims.language import detect_language
from claims.limits import check_numbers, check_sentences, numbers_in, too_many_numbers
from claims.segment import Sentence, split_lines, split_sentences
from claims.values import Value, extract_values


@dataclass(frozen=True, slots=True)
class Analysis:
    """The engine's result for one text. Every offset points into `body` (the cleaned text)."""

    body: str
    language: str
    published: date | None
    published_source: str | None  # "given", "detected" or None
    title: str | None
    sentences: tuple[ScoredSentence, ...]  # every scored sentence, claims and non-claims, in order
    raw_offsets: tuple[tuple[int, int, int], ...] = ()  # (body_start, raw_start, length) runs

    @property
    def claims(self) -> list[ScoredSentence]:
        """The sentences judged to be claims, in order."""
        return [s for s in self.sentences if s.is_claim]

    def to_raw(self, offset: int) -> int:
        """Map an offset in `body` to the matching offset in the raw text."""
        runs = self.raw_offsets
        if not runs:
            return offset
        i = bisect_right(runs, offset, key=lambda r: r[0]) - 1
        if i < 0:
            return runs[0][1]
        body_start, raw_start, length = runs[i]
        # Offsets in a separator between runs (a line break of the body) map to the end of the
        # previous run: spans never start there, and a span ending there ends at that run's end.
        return raw_start + min(offset - body_start, length)


def _values(sentence: Sentence, language: str, published: date | None) -> tuple[Value, ...]:
    return tuple(extract_values(sentence.text, language=language, published=published, offset=sentence.start))


def _bounded(sentences: list[Sentence]) -> list[str | None]:
    """For each sentence, why its values are not extracted (None: they are); refuses too much work.

    See claims/limits.py: counting digits is one cheap scan, value extraction is not.
    """
    check_sentences(len(sentences))
    counts = [numbers_in(s.text) for s in sentences]
    skipped = [too_many_numbers(n) for n in counts]
    check_numbers(sum(n for n, skip in zip(counts, skipped, strict=True) if skip is None))
    return skipped


def analyse(
    raw: str,
    *,
    published: date | None = None,
    language: str | None = None,
    lines: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    site_lines: Collection[str] = frozenset(),
) -> Analysis:
    """Run the engine over one raw text (already decoded; HTML already reduced to text).

    `site_lines`: lines that repeat across the site's pages (claims.clean.site_furniture), dropped.
    """
    cleaned = clean(raw, site_lines=site_lines)
    if published is not None:
        source: str | None = "given"
    else:
        published = detect_published(raw)
        source = "detected" if published is not None else None

    if lines:
        # Transcripts and lists: the raw text is the body and every non-empty line is scored.
        body = raw
        runs: tuple[tuple[int, int, int], ...] = ((0, 0, len(raw)),) if raw else ()
        lang = language or detect_language(cleaned.body or raw)
        scored = []
        numbered = list(split_lines(raw))
        skipped = _bounded([sentence for _, sentence in numbered])
        for (number, sentence), skip in zip(numbered, skipped, strict=True):
            values = _values(sentence, lang, published) if skip is None else ()
            scored.append(
                score_sentence(
                    sentence.text,
                    sentence.start,
                    sentence.end,
                    values,
                    threshold=threshold,
                    furniture=skip or furniture_reason(sentence.text),
                    line=number,
                    language=lang,
                )
            )
        return Analysis(body, lang, published, source, cleaned.title, tuple(scored), runs)

    body = cleaned.body
    lang = language or detect_language(body)
    scored = []
    sentences = list(split_sentences(body, language=lang))
    for sentence, skip in zip(sentences, _bounded(sentences), strict=True):
        values = _values(sentence, lang, published) if skip is None else ()
        scored.append(
            score_sentence(
                sentence.text,
                sentence.start,
                sentence.end,
                values,
                threshold=threshold,
                headline=sentence.text == cleaned.title,
                furniture=skip,
                language=lang,
            )
        )
    return Analysis(body, lang, published, source, cleaned.title, tuple(scored), cleaned.runs)
