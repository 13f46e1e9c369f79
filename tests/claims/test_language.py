"""Language detection from the stop-word and script profile."""
from __future__ import annotations

import pytest

from claims.language import detect_language


def test_seeds(seeds: dict[str, str]) -> None:
    expected = {"000": "en", "001": "en", "002": "de", "003": "en", "004": "en"}
    assert {k: detect_language(v) for k, v in seeds.items()} == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Es wird bis zum 30. November fortgesetzt.", "de"),
        ("It will continue until November 28.", "en"),
        ("Die Stadt hat 300 Tonnen gespart.", "de"),
        ("The city saved 300 tons of coal.", "en"),
        ("Le gouvernement a annoncé une hausse de la production dans la région.", "fr"),
        ("El gobierno anunció que la producción de la región creció un 5 por ciento.", "es"),
        ("中国碳排放量下降了百分之五。", "zh"),
        ("東京で会議が開かれました。", "ja"),
        ("Правительство объявило о росте производства.", "ru"),
    ],
)
def test_short_texts(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12345 67", "!!! ---", "CCAE 2023"])
def test_undetermined(text: str) -> None:
    assert detect_language(text) == "und"
