"""Publication date detection from header, timestamp and dateline forms."""
from __future__ import annotations

from datetime import date

import pytest

from claims.dates import detect_published, parse_iso_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Title\n\n  21:24 UTC+8, 2024-05-21       0\nBody text.", date(2024, 5, 21)),
        ("Title\n\nUpdated: Jul 11,2023 10:52 AM english.sheitc.gov.cn\n\nBody.", date(2023, 7, 11)),
        (" date 2023-11-28 Shenzhen, China, Nov. 28, 2023 (GLOBE NEWSWIRE) -- On November 26, x.",
         date(2023, 11, 28)),
        ("SHENZHEN, China, 28. November 2023 /PRNewswire/ -- Am 26. November wurde eröffnet.",
         date(2023, 11, 28)),
        ("Shenzhen, China, Nov. 28, 2023 (GLOBE NEWSWIRE) -- On November 26 it began.", date(2023, 11, 28)),
        ("Published: 3 March 2022\nText", date(2022, 3, 3)),
        ("Veröffentlicht: 05.06.2021\nText", date(2021, 6, 5)),
        ("2022-01-31 08:15\nHeadline", date(2022, 1, 31)),
    ],
)
def test_detected_forms(raw: str, expected: date) -> None:
    assert detect_published(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "On September 22, 2020, China established the development goals.",  # event date, not a header
        "The forum ran from June 5 to 8.",
        "Updated: Feb 30,2023 10:52 AM",  # impossible date is not invented
        "",
    ],
)
def test_no_publication_date(raw: str) -> None:
    assert detect_published(raw) is None


def test_seed_dates(seeds: dict[str, str]) -> None:
    assert detect_published(seeds["000"]) == date(2024, 5, 21)
    assert detect_published(seeds["001"]) is None
    assert detect_published(seeds["002"]) == date(2023, 11, 28)
    assert detect_published(seeds["003"]) == date(2023, 11, 28)
    assert detect_published(seeds["004"]) == date(2023, 7, 11)


def test_parse_iso_date() -> None:
    assert parse_iso_date("2023-07-11") == date(2023, 7, 11)
    for bad in ("2023-7-11", "11.07.2023", "2023-02-30", "yesterday"):
        with pytest.raises(ValueError):
            parse_iso_date(bad)


# --------------------------------------------------------------------------- relative dates in values

from claims.values import extract_values as _values  # noqa: E402


def _one_date(text, language="en", published=date(2024, 1, 9)):
    found = [v for v in _values(text, language=language, published=published) if v.type == "date"]
    assert len(found) == 1, found
    return found[0]


def test_weekday_is_resolved_against_the_article_date_and_flagged_inferred():
    v = _one_date("Volkswagen said on Tuesday that deliveries rose.")
    assert v.normalized["date"] == "2024-01-09"
    assert v.normalized["relative_to"] == "2024-01-09"
    assert v.normalized["inferred"] is True


def test_future_weekday_looks_ahead_and_german_weekday_looks_back():
    assert _one_date("The group is due to release figures on Friday.").normalized["date"] == "2024-01-12"
    de = _one_date("Der Konzern hatte am Freitag mitgeteilt, dass", language="de", published=date(2024, 1, 13))
    assert de.normalized["date"] == "2024-01-12"


def test_last_month_last_december_and_weeks_ago():
    assert _one_date("set last month in Berlin").normalized["date"] == "2023-12"
    assert _one_date("his first marathon last December", published=date(2023, 10, 9)).normalized["date"] == "2022-12"
    ago = _one_date("Noch vor gut zwei Wochen wäre", language="de", published=date(2023, 10, 8))
    assert ago.normalized["date"] == "2023-09-24"


def test_relative_date_without_article_date_stays_open():
    v = _one_date("He won on Sunday.", published=None)
    assert v.normalized["date"] is None and v.normalized["inferred"] is True
