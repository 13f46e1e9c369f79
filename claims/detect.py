"""Check-worthiness: which sentences are claims, of what kind, how sure, and why.

The score is the probability of the learned linear model in claims.checkworthiness (trained on
public labelled data by bench/train_checkworthiness.py) over the features of claims.features:
the engine's typed values, rankings, attribution, events, tense, hedges, questions, length and,
for English, word n-grams. Its reasons are the features that moved the score most, so a reviewer
still sees why. English uses the full model; other languages (German) the core model of named
features only, whose word lists cover English and German (claims.lexicon).
"""
from __future__ import annotations

from dataclasses import dataclass

from claims.checkworthiness import predict
from claims.features import sentence_features
from claims.values import Value

# Probability from which a sentence counts as a claim; configurable per call (and by the app).
# Chosen on the development corpus of real news (bench/corpus_claims.py), not on the demo articles.
DEFAULT_THRESHOLD = 0.3
# Reasons shown per sentence: the named features that moved the score (strongest first), then
# the few words that moved it most; small contributions are left out.
MAX_NAMED_REASONS = 6
MAX_WORD_REASONS = 2
MIN_NAMED = 0.1
MIN_WORD = 0.1


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A scored sentence. Offsets point into the cleaned body; values carry body offsets too."""

    text: str
    start: int
    end: int
    is_claim: bool
    kind: str
    score: float
    reasons: tuple[str, ...] = ()
    values: tuple[Value, ...] = ()
    line: int | None = None


# Deprecated name, kept so code written against it keeps working; the app's Claim is its DB row.
Claim = ScoredSentence


def _kind(main: str | None, superlative: str | None, source: str | None, event: bool, named: dict) -> str:
    if main is not None:
        return main
    if superlative:
        return "first" if "first" in named else "superlative"
    if source:
        return "attribution"
    if event:
        return "event"
    if "number" in named:
        return "statistic"
    return "other"


def score_sentence(
    text: str,
    start: int,
    end: int,
    values: tuple[Value, ...],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    headline: bool = False,
    furniture: str | None = None,
    line: int | None = None,
    language: str = "en",
) -> ScoredSentence:
    """Score one sentence (with its extracted values) and decide whether it is a claim."""
    features = sentence_features(text, values, language)
    prediction = predict(features, language, headline=headline, furniture=furniture is not None)
    named: list[str] = []
    words: list[str] = []
    for reason, contribution in prediction.contributions:
        if reason.startswith("words '"):
            if len(words) < MAX_WORD_REASONS and abs(contribution) >= MIN_WORD and "#" not in reason:
                words.append(reason)
        elif len(named) < MAX_NAMED_REASONS and abs(contribution) >= MIN_NAMED:
            named.append(f"page furniture: {furniture}" if reason == "page furniture" and furniture else reason)
    reasons = named + words
    score = round(prediction.probability, 3)
    return ScoredSentence(
        text=text,
        start=start,
        end=end,
        is_claim=score >= threshold,
        kind=_kind(features.main_value, features.superlative, features.source, features.event, features.named),
        score=score,
        reasons=tuple(reasons),
        values=values,
        line=line,
    )
