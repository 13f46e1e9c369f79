"""The engine's work per article is bounded: number-dense text is not extracted value by value,
and an article beyond the limits is refused with a message naming the limit."""
from __future__ import annotations

import pytest

from claims import limits
from claims.analysis import analyse
from claims.limits import EngineLimit


def test_a_sentence_of_thousands_of_numbers_gets_no_values_and_says_why(monkeypatch):
    calls = []
    import claims.analysis as analysis_module

    real = analysis_module.extract_values
    monkeypatch.setattr(analysis_module, "extract_values", lambda text, **kw: calls.append(text) or real(text, **kw))
    result = analyse("$1 " * 5000)
    assert calls == []  # extraction never looked at the 5,000 numbers
    (sentence,) = result.sentences
    assert sentence.values == () and not sentence.is_claim
    assert any("5,000 numbers in one sentence" in reason for reason in sentence.reasons)


def test_sentences_with_a_few_numbers_still_get_their_values():
    result = analyse("China ranks fifth among 197 countries. The expo runs from June 5 to 8, 2024.")
    assert any(s.values for s in result.sentences)


def test_too_many_sentences_is_refused_with_the_limit_named(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SENTENCES", 50)
    with pytest.raises(EngineLimit, match=r"has 60 sentences; the claim engine takes at most 50 per article"):
        analyse("The plant produced 5 tonnes. " * 60)
    with pytest.raises(EngineLimit, match="60 sentences"):
        analyse("Line 1 of 2\n" * 60, lines=True)


def test_too_many_numbers_in_an_article_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_NUMBERS_PER_ARTICLE", 100)
    with pytest.raises(EngineLimit, match=r"has 120 numbers in its sentences; .* at most 100 per article"):
        analyse("It rose 4 percent to 9 tonnes. " * 60)


def test_extract_names_the_file_beyond_the_limit_and_goes_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from claims.cli import extract_command

    monkeypatch.setattr(limits, "MAX_SENTENCES", 50)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("The plant produced 5 tonnes. " * 60)
    small.write_text("China ranks fifth among 197 countries.")
    result = CliRunner().invoke(extract_command, [str(big), str(small)])
    assert result.exit_code == 1
    assert f"Error: {big}: the article has 60 sentences" in result.stderr
    assert "Traceback" not in result.output and "small.txt" in result.stdout
