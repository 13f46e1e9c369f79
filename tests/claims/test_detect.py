"""Check-worthiness scoring, with values built by hand so the scorer is tested on its own."""
from __future__ import annotations

import pytest

from claims.detect import DEFAULT_THRESHOLD, Claim, score_sentence
from claims.values import Value


def v(vtype: str, text: str = "x", **normalized: object) -> Value:
    return Value(vtype, text, 0, len(text), dict(normalized))


def score(text: str, *values: Value, **kw: object) -> Claim:
    return score_sentence(text, 0, len(text), tuple(values), **kw)  # type: ignore[arg-type]


def test_attributed_percent_is_a_strong_claim() -> None:
    text = (
        "In 2023, China contributed about 60 percent of the world's new electricity generation, according "
        "to the Carbon Emissions Report 2023 released by the International Energy Agency (IEA) in March 2024."
    )
    c = score(text, v("date", "In 2023"), v("percent", "about 60 percent", value=60, unit="%"))
    assert c.is_claim and c.kind == "percent"
    assert "attributed to IEA" in c.reasons
    assert "has percent value" in c.reasons
    assert c.score >= 0.8


def test_ranking_attributed_to_university() -> None:
    text = (
        "According to a report released by Tsinghua University, China ranks fifth globally in terms of "
        "carbon-neutral policies and actions among 197 countries."
    )
    c = score(text, v("rank", "ranks fifth", rank=5, of=197))
    assert c.is_claim and c.kind == "rank"
    assert "attributed to Tsinghua University" in c.reasons


def test_dated_event_is_a_claim_but_a_bare_date_mention_is_weaker() -> None:
    event = score("On June 10th, the opening ceremony was held in Aimujia Yiyuan.", v("date", "June 10th"))
    assert event.is_claim and event.kind == "date" and "dated event" in event.reasons
    mention = score("The theme of the week in June was energy saving.", v("date", "June"))
    assert mention.score < event.score


def test_first_without_values_is_kind_first() -> None:
    c = score("It is the first zero-carbon data center of the country to be built by the group.")
    assert c.kind == "first" and "superlative: first" in c.reasons


def test_superlative_kind() -> None:
    c = score("It is the largest solar farm ever built in the region by any single company.")
    assert c.kind == "superlative" and "superlative: largest" in c.reasons


def test_compound_top_is_not_a_superlative() -> None:
    c = score("The report covers top-level design and top-notch experts from the field.")
    assert not any(r.startswith("superlative") for r in c.reasons)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Will emissions really fall by 20 percent by 2030?", "question"),
        ("We believe the city should cut emissions by 20 percent.", "opinion marker"),
        ("The alliance aims to establish China's own green supply chain system.", "statement of intent"),
        ("Join us at the expo and visit our 40 booths!", "call to action"),
    ],
)
def test_negative_markers(text: str, reason: str) -> None:
    plain = score("The city cut emissions by 20 percent in 2023, the ministry said.", v("percent", "20 percent"))
    c = score(text, v("percent", "20 percent")) if "percent" in text else score(text)
    assert reason in c.reasons
    assert c.score < plain.score


def test_question_with_number_is_not_a_claim() -> None:
    c = score("Did China really contribute 60 percent of new generation?", v("percent", "60 percent"))
    assert not c.is_claim


def test_short_and_headline_penalties() -> None:
    assert "too short" in score("Shen Mengdan").reasons
    assert "headline" in score("Carbon neutrality expo to showcase related topics", headline=True).reasons


def test_furniture_in_lines_mode_is_never_a_claim() -> None:
    c = score("21:24 UTC+8, 2024-05-21 0", v("date", "2024-05-21"), furniture="timestamp")
    assert not c.is_claim and "page furniture: timestamp" in c.reasons


def test_threshold_is_respected() -> None:
    text = "The event features eight thematic conferences and forums on green topics."
    q = v("quantity", "eight thematic conferences", value=8)
    assert score(text, q, threshold=0.0).is_claim
    assert not score(text, q, threshold=1.0).is_claim
    assert score(text, q).is_claim == (score(text, q).score >= DEFAULT_THRESHOLD)


def test_score_bounds_and_kind_priority() -> None:
    text = "On September 22, 2020, China set goals of a carbon peak by 2030 and neutrality by 2060."
    c = score(text, v("date", "September 22, 2020"), v("year_target", "by 2030"), v("year_target", "by 2060"))
    assert c.kind == "year_target"
    assert 0.0 <= c.score <= 1.0
    assert "2 kinds of values" in c.reasons
    assert score("", threshold=0.0).score >= 0.0


def test_plain_opinion_sentence_is_not_a_claim() -> None:
    c = score("The conference came to an inspiring conclusion with a thought-provoking session.")
    assert not c.is_claim and c.kind == "other"


def test_cjk_sentence_is_not_too_short() -> None:
    c = score("会议于2023年11月26日在深圳开幕。")
    assert "too short" not in c.reasons
    assert "has number" in c.reasons


def test_possessive_superlative_and_period_first() -> None:
    assert "superlative: busiest" in score("Ningbo is the world's busiest port by cargo tonnage this year.").reasons
    assert not any(r.startswith("superlative") for r in score("The company's interest in the port grew.").reasons)
    period = score("Exports rose in the first two months of the year, data showed.")
    assert not any(r.startswith("superlative") for r in period.reasons)
    first_time = score("It is the first time the figure has passed one billion.")
    assert first_time.kind == "first" and first_time.is_claim


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
    assert f"attributed to {source}" in score(text).reasons


def test_german_opinion() -> None:
    assert "opinion marker" in score("Wir glauben, dass die Erholung anhält.").reasons
