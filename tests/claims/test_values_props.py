"""Property tests for value extraction: robustness and the offset/ordering contract."""
from __future__ import annotations

import json
from datetime import date
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.values import VALUE_TYPES, extract_values

# Pieces the grammar reacts to, so that generated texts exercise the patterns and not only the
# "nothing to see" fast path.
_TOKENS = [
    "June", "Juni", "Nov.", "November", "10th", "5", "8", "28.", "2023", "2016-20", "1,5", "300,000",
    "300.000", "3,5", "1.5", "million", "Millionen", "Mrd.", "percent", "Prozent", "%", "more than",
    "mehr als", "über", "unter", "about", "rund", "from", "to", "bis", "bis zum", "vom", "between", "and",
    "by", "since", "seit", "in", "im Jahr", "tons", "Tonnen", "countries", "Ländern", "enterprises",
    "Unternehmen", "ranks", "fifth", "among", "den", "fünften", "Platz", "Top", "Ten", "first", "China's",
    "$", "€", "US$", "yuan", "Euro", "for", "ten", "zehn", "years", "Jahre", "lang", "tens of thousands of",
    "Zehntausende von", "guests", "Gästen", "eight", "green", "supply chains", "13th", "Five-Year",
    "UTC+8", "CN100", "-", "–", ",", ".", "(", ")", "'s", "a", "the", "carbon peak", "twenty-one",
    "einundzwanzig", "dozen", "ago", "vor", "km", "MW", "Monday,", "Montag,", "last year", "im Vorjahr",
    "1 in 5", "%-Punkte", "half a", "2.3m", "per year", "pro Jahr", "second-largest", "zweitgrößte", "Platz",
    "placed", "No.", "Hall", "Mio.", "zwischen", "–", "26.11.", "2016-20", "28.11.2023", "Jul 11,2023",
]
_token_text = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4)), max_size=25
).map(lambda parts: " ".join(parts))
_any_text = st.one_of(st.text(max_size=300), _token_text)
_languages = st.sampled_from(["en", "de", "fr", ""])
# Any date at all, down to the ends of the calendar, must be safe to pass as the article date.
_published = st.one_of(st.none(), st.dates(), st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(text=_any_text, language=_languages, published=_published, offset=st.integers(0, 10_000))
def test_contract_holds_for_any_text(text, language, published, offset):
    found = extract_values(text, language=language, published=published, offset=offset)
    for v in found:
        assert v.type in VALUE_TYPES
        assert v.start < v.end
        # The documented invariant: offsets (minus the sentence offset) slice back to the text.
        assert text[v.start - offset:v.end - offset] == v.text
        assert v.text == v.text.strip()
        json.dumps(v.normalized)
    spans = [(v.start, v.end) for v in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@settings(max_examples=200, deadline=None)
@given(text=_token_text, language=_languages, published=_published)
def test_output_is_deterministic(text, language, published):
    first = extract_values(text, language=language, published=published)
    second = extract_values(text, language=language, published=published)
    assert first == second


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(max_size=40), text=_token_text, language=_languages)
def test_offset_shift_matches_position_in_a_longer_body(prefix, text, language):
    """Extracting a sentence with offset=len(prefix) gives offsets valid in prefix + sentence."""
    body = prefix + text
    for v in extract_values(text, language=language, offset=len(prefix)):
        assert body[v.start:v.end] == v.text


@settings(max_examples=200, deadline=None)
@given(
    value=st.integers(min_value=2, max_value=10**9),
    unit=st.sampled_from(["tons", "countries", "enterprises", "guests"]),
)
def test_english_thousands_grouping_round_trips(value, unit):
    text = f"There were {value:,} {unit} in total."
    (v,) = extract_values(text)
    assert v.type == "quantity"
    assert v.normalized["value"] == value


@settings(max_examples=200, deadline=None)
@given(value=st.integers(min_value=1000, max_value=10**9), unit=st.sampled_from(["Tonnen", "Ländern", "Gäste"]))
def test_german_thousands_grouping_round_trips(value, unit):
    grouped = f"{value:,}".replace(",", ".")
    (v,) = extract_values(f"Es waren {grouped} {unit} insgesamt.", language="de")
    assert v.normalized["value"] == value


@settings(max_examples=200, deadline=None)
@given(day=st.integers(1, 28), month=st.integers(1, 12), year=st.integers(1990, 2060))
def test_full_dates_round_trip_in_both_languages(day, month, year):
    en_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]
    de_months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                 "Oktober", "November", "Dezember"]
    iso = date(year, month, day).isoformat()
    (en,) = extract_values(f"It happened on {en_months[month - 1]} {day}, {year} in town.")
    (de,) = extract_values(f"Es geschah am {day}. {de_months[month - 1]} {year} in der Stadt.", language="de")
    assert en.normalized == de.normalized == {"date": iso, "precision": "day"}


_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_DE_UNITS = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_DE_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
             "neunzehn"]
_DE_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _en_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_UNITS[hundreds]} hundred"] if hundreds else []
    if 10 <= rest < 20:
        parts.append(_EN_TEENS[rest - 10])
    elif rest:
        tens, units = divmod(rest, 10)
        parts.append("-".join(p for p in (_EN_TENS[tens], _EN_UNITS[units]) if p))
    return " ".join(parts)


def _de_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = f"{_DE_UNITS[hundreds]}hundert" if hundreds else ""
    if 10 <= rest < 20:
        tail = _DE_TEENS[rest - 10]
    else:
        tens, units = divmod(rest, 10)
        tail = (_DE_UNITS[units] + ("und" if tens else "") if units else "") + _DE_TENS[tens]
    return head + tail


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=2, max_value=999))
def test_number_words_agree_across_languages(n):
    """English and German number words for the same count give the same quantity."""
    (en,) = extract_values(f"They counted {_en_words(n)} companies there.")
    (de,) = extract_values(f"Sie zählten {_de_words(n)} Unternehmen dort.", language="de")
    assert en.normalized["value"] == de.normalized["value"] == n
    assert en.normalized["unit_key"] == de.normalized["unit_key"] == "company"


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=0, max_value=99), tenths=st.integers(min_value=1, max_value=9))
def test_decimal_percent_twins(whole, tenths):
    (en,) = extract_values(f"It rose by about {whole}.{tenths} percent.")
    (de,) = extract_values(f"Es stieg um rund {whole},{tenths} Prozent.", language="de")
    assert en.normalized == de.normalized == {"value": whole + tenths / 10, "unit": "%", "qualifier": "about",
                                                  "change": "up"}
