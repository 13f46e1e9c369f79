"""Sentence segmentation hard cases: abbreviations, quotes, German ordinals, numbers, line breaks."""
from __future__ import annotations

import pytest

from claims.segment import split_lines, split_sentences


def texts(body: str, language: str = "en") -> list[str]:
    sentences = split_sentences(body, language=language)
    for s in sentences:
        assert body[s.start : s.end] == s.text
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Dr. Smith met Mr. Jones on Nov. 28. They talked.", ["Dr. Smith met Mr. Jones on Nov. 28.", "They talked."]),
        (
            "Contemporary Amperex Technology Co., Limited and SAP (China) Co., Ltd. showed products. Sales rose.",
            ["Contemporary Amperex Technology Co., Limited and SAP (China) Co., Ltd. showed products.",
             "Sales rose."],
        ),
        (
            "Shanghai Carbon Valley Co., Ltd. respectively promoted the park. It opened.",
            ["Shanghai Carbon Valley Co., Ltd. respectively promoted the park.", "It opened."],
        ),
        ("He works at Acme Ltd. The firm grew.", ["He works at Acme Ltd.", "The firm grew."]),
        ("The U.S. economy grew 2.5 percent. Exports rose.", ["The U.S. economy grew 2.5 percent.", "Exports rose."]),
        ("Item No. 5 costs 1,250.50 yuan. It sold out.", ["Item No. 5 costs 1,250.50 yuan.", "It sold out."]),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        ("“It is done,” she said. Next came the vote.", ["“It is done,” she said.", "Next came the vote."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("It ended in 2013. Then 2014 began.", ["It ended in 2013.", "Then 2014 began."]),
    ],
)
def test_english_hard_cases(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Am 26. November wurde das Forum eröffnet. Es wird bis zum 30. November fortgesetzt.",
            ["Am 26. November wurde das Forum eröffnet.", "Es wird bis zum 30. November fortgesetzt."],
        ),
        (
            "SHENZHEN, 28. November 2023 begann es. Das Forum läuft.",
            ["SHENZHEN, 28. November 2023 begann es.", "Das Forum läuft."],
        ),
        (
            "Der 13. Fünfjahresplan lief z.B. bis 2020. Die Zahl stieg um ca. 5 Prozent bzw. 1.000 t.",
            ["Der 13. Fünfjahresplan lief z.B. bis 2020.", "Die Zahl stieg um ca. 5 Prozent bzw. 1.000 t."],
        ),
        (
            "Nr. 5 ist fertig. Sika (China) Ltd. und Siemens kamen.",
            ["Nr. 5 ist fertig.", "Sika (China) Ltd. und Siemens kamen."],
        ),
        (
            "Im Jahr 2013 begann es. Es lief 10. Dann kam mehr.",
            ["Im Jahr 2013 begann es.", "Es lief 10.", "Dann kam mehr."],
        ),
    ],
)
def test_german_hard_cases(body: str, expected: list[str]) -> None:
    assert texts(body, "de") == expected


def test_line_breaks() -> None:
    body = "Expo opens in Pudong\nOn July 19, the expo opened. It has 600\nexhibitors in total.\n\nNew paragraph here"
    assert texts(body) == [
        "Expo opens in Pudong",
        "On July 19, the expo opened.",
        "It has 600\nexhibitors in total.",
        "New paragraph here",
    ]


def test_wrapped_line_ending_with_function_word_continues() -> None:
    body = "The ceremony was attended by the\nMayor of Shanghai and guests."
    assert texts(body) == [body]


def test_cjk_full_stops() -> None:
    assert texts("中国的碳排放下降了。这是第二句！还有吗？") == ["中国的碳排放下降了。", "这是第二句！", "还有吗？"]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_seed_002_sentences_keep_ordinal_dates(seeds: dict[str, str]) -> None:
    from claims.clean import clean

    sentences = texts(clean(seeds["002"]).body, "de")
    assert "Es wird bis zum 30. November fortgesetzt." in sentences
    assert any(s.startswith("Am 26. November wurden") for s in sentences)
    assert not any(s.endswith(("26.", "30.", "Co.", "Ltd.")) for s in sentences)


def test_split_lines_numbers_and_offsets() -> None:
    text = "first line\n\n  second line  \r\nthird"
    got = split_lines(text)
    assert [(n, s.text) for n, s in got] == [(1, "first line"), (3, "second line"), (4, "third")]
    for _, s in got:
        assert text[s.start : s.end] == s.text
