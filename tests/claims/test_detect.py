"""Check-worthiness scoring with the shipped learned weights, values built by hand."""
from __future__ import annotations

import pytest

from claims.checkworthiness import load_weights, predict
from claims.detect import DEFAULT_THRESHOLD, Claim, ScoredSentence, score_sentence
from claims.features import attribution_of, sentence_features
from claims.values import Value


def v(vtype: str, text: str = "x", **normalized: object) -> Value:
    return Value(vtype, text, 0, len(text), dict(normalized))


def score(text: str, *values: Value, **kw: object) -> ScoredSentence:
    return score_sentence(text, 0, len(text), tuple(values), **kw)  # type: ignore[arg-type]


STATEMENT = "Exports rose 7.1 percent in the first two months of the year, customs data showed on Thursday."


def test_claim_is_a_deprecated_alias() -> None:
    assert Claim is ScoredSentence


def test_a_figure_is_a_claim_and_its_question_is_not() -> None:
    pct = v("percent", "7.1 percent", value=7.1, unit="%")
    statement = score(STATEMENT, pct)
    question = score("Did exports really rise 7.1 percent in the first two months of the year?", pct)
    assert statement.is_claim and statement.kind == "percent"
    assert "has percent value" in statement.reasons
    assert "question" in question.reasons
    assert question.score < statement.score - 0.2


def test_values_raise_the_score() -> None:
    text = "Exports rose sharply in the first two months of the year, customs data showed."
    assert score(text, v("percent", "7.1 percent")).score > score(text).score


@pytest.mark.parametrize(
    "text",
    [
        "Thank you very much.",
        "I think we should be proud of what we did together!",
        "Subscribe to our newsletter for daily updates.",
    ],
)
def test_non_claims(text: str) -> None:
    assert not score(text).is_claim


def test_reasons_are_the_strongest_contributions_in_order() -> None:
    pct = v("percent", "7.1 percent")
    c = score(STATEMENT, pct)
    named = [r for r, w in predict(sentence_features(STATEMENT, (pct,), "en"), "en").contributions
             if not r.startswith("words") and abs(w) >= 0.1]
    assert list(c.reasons[: len(named[:5])]) == named[:5]
    assert any(r.startswith("words '") for r in c.reasons)  # the n-grams that moved it most


def test_short_and_headline_penalties() -> None:
    assert "too short" in score("Jane Doe").reasons
    body = score(STATEMENT, v("percent", "7.1 percent"))
    head = score(STATEMENT, v("percent", "7.1 percent"), headline=True)
    assert "headline" in head.reasons and head.score < body.score


def test_furniture_in_lines_mode_is_never_a_claim() -> None:
    c = score("21:24 UTC+8, 2024-05-21 0", v("date", "2024-05-21"), furniture="timestamp")
    assert not c.is_claim and "page furniture: timestamp" in c.reasons


def test_threshold_is_respected() -> None:
    text = "The fair features eight conferences and forums on energy topics."
    q = v("quantity", "eight conferences", value=8)
    assert score(text, q, threshold=0.0).is_claim
    assert not score(text, q, threshold=1.0).is_claim
    assert score(text, q).is_claim == (score(text, q).score >= DEFAULT_THRESHOLD)


def test_score_bounds_and_kind_priority() -> None:
    text = "On September 22, 2020, the country set goals of an emissions peak by 2030 and neutrality by 2060."
    c = score(text, v("date", "September 22, 2020"), v("year_target", "by 2030"), v("year_target", "by 2060"))
    assert c.kind == "year_target"
    assert 0.0 <= c.score <= 1.0
    assert score("", threshold=0.0).score >= 0.0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("It is the first time the figure has passed one billion.", "first"),
        ("It is the largest solar farm ever built in the region by any single company.", "superlative"),
        ("The port grew over the years, said Li Wei of the port authority.", "attribution"),
        ("The talks were held in the capital.", "event"),
        ("The plan was discussed at length.", "other"),
    ],
)
def test_kind_without_values(text: str, kind: str) -> None:
    assert score(text).kind == kind


def test_possessive_superlative_and_period_first() -> None:
    assert sentence_features("Ningbo is the world's busiest port by cargo tonnage.", ()).superlative == "busiest"
    assert sentence_features("The company's interest in the port grew.", ()).superlative is None
    assert sentence_features("Exports rose in the first two months of the year.", ()).superlative is None
    assert sentence_features("The report covers top-level design.", ()).superlative is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Laut dem Statistischen Bundesamt (Destatis) stiegen die Exporte um 6,3 Prozent.", "Destatis"),
        ("Dem Verband zufolge nahmen 1.200 Aussteller teil.", "Verband"),
        ("Exports rose 5 percent, according to the Ministry of Commerce on Monday.", "Ministry of Commerce"),
        ('"Sales doubled," said Li Wei, an economist at Example Bank.', "Li Wei"),
    ],
)
def test_attribution_names(text: str, source: str) -> None:
    assert attribution_of(text) == source


def test_german_is_scored_by_language_independent_features() -> None:
    text = "Die Verbraucherpreise stiegen im Dezember um 3,7 Prozent, teilte das Statistische Bundesamt mit."
    features = sentence_features(text, (v("percent", "3,7 Prozent"),), "de")
    assert features.grams == ()  # no English word weights for German
    c = score(text, v("percent", "3,7 Prozent"), v("date", "im Dezember"), language="de")
    assert c.is_claim and c.kind == "percent"
    opinion = score("Wir glauben, dass die Erholung anhält?", language="de")
    assert "opinion marker" in sentence_features("Wir glauben, dass die Erholung anhält.", (), "de").named.values()
    assert not opinion.is_claim


def test_cjk_sentence_is_not_too_short() -> None:
    c = score("会议于2023年11月26日在深圳开幕。")
    assert "too short" not in c.reasons


def test_shipped_weights_load() -> None:
    w = load_weights()
    assert "ClaimBuster" in w.info["trained_on"] and w.info["examples"] > 30000
    assert w.en.hashed is not None and len(w.en.hashed) == w.info["buckets"]
    assert w.core.hashed is None
    assert w.en.named["question"] < 0 < w.en.named["value:percent"]
