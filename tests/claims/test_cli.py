"""The engine CLI through click's CliRunner: JSON, jsonl, text, --published, --lines, bad files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import conflicts_command, extract_command, main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_json_array_offsets_point_into_file(runner: CliRunner, seed_paths: dict[str, Path]) -> None:
    paths = [str(seed_paths[k]) for k in ("000", "004")]
    result = runner.invoke(extract_command, [*paths, "--threshold", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["path"] for d in data] == paths
    for obj, path in zip(data, paths, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        assert obj["claims"], "threshold 0 makes every sentence a claim"
        for claim in obj["claims"]:
            assert text[claim["start"] : claim["end"]] == claim["text"]
            for value in claim["values"]:
                assert text[value["start"] : value["end"]] == value["text"]
    assert data[1]["published"] == "2023-07-11"
    assert data[0]["language"] == "en"


def test_extract_jsonl_and_text(runner: CliRunner, seed_paths: dict[str, Path]) -> None:
    paths = [str(seed_paths[k]) for k in ("002", "003")]
    result = runner.invoke(extract_command, [*paths, "--format", "jsonl"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [obj["language"] for obj in lines] == ["de", "en"]
    text = runner.invoke(extract_command, [*paths, "--format", "text"])
    assert text.exit_code == 0
    assert "published 2023-11-28 (detected)" in text.output


def test_published_override_and_bad_date(runner: CliRunner, seed_paths: dict[str, Path]) -> None:
    path = str(seed_paths["001"])
    ok = runner.invoke(extract_command, [path, "--published", "2023-07-20"])
    assert ok.exit_code == 0
    obj = json.loads(ok.output)[0]
    assert (obj["published"], obj["published_source"]) == ("2023-07-20", "given")
    bad = runner.invoke(extract_command, [path, "--published", "20.07.2023"])
    assert bad.exit_code == 2
    assert bad.output.strip().count("\n") == 0
    assert "YYYY-MM-DD" in bad.output


def test_lines_mode(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "transcript.txt"
    f.write_text("Shen Mengdan\n\nChina ranks fifth among 197 countries, a report said.\nThanks!\n", encoding="utf-8")
    result = runner.invoke(extract_command, [str(f), "--lines"])
    assert result.exit_code == 0
    claims = json.loads(result.output)[0]["claims"]
    assert [c["line"] for c in claims] == [1, 3, 4]
    assert all(isinstance(c["is_claim"], bool) for c in claims)
    assert claims[0]["is_claim"] is False
    text = f.read_text(encoding="utf-8")
    for c in claims:
        assert text[c["start"] : c["end"]] == c["text"]


def test_binary_and_missing_files_fail_but_others_go_on(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The expo opened on June 5, 2024 with more than 600 companies.", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = runner.invoke(extract_command, [str(binary), str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 1
    assert "binary file" in result.stderr
    assert "no such file" in result.stderr
    data = json.loads(result.stdout)
    assert [d["path"] for d in data] == [str(good)]


def test_non_utf8_file_is_decoded(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    text = "Die Veranstaltung in München hat 168 Unternehmen angezogen, die größte Messe für Ökologie."
    f.write_bytes(text.encode("cp1252"))
    result = runner.invoke(extract_command, [str(f), "--threshold", "0"])
    assert result.exit_code == 0, result.output
    claim = json.loads(result.stdout)[0]["claims"][0]
    assert claim["text"] == text


def test_html_file(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i}: the forum drew guests from more than 60 countries and regions worldwide.</p>"
        for i in range(5)
    )
    f.write_text(f"<html><head><title>Forum</title></head><body><article>{body}</article></body></html>")
    result = runner.invoke(extract_command, [str(f), "--threshold", "0"])
    assert result.exit_code == 0, result.output
    assert "60 countries" in json.loads(result.stdout)[0]["claims"][0]["text"]


def test_python_m_group_has_both_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output and "conflicts" in result.output


def test_conflicts_command_runs(runner: CliRunner, seed_paths: dict[str, Path]) -> None:
    result = runner.invoke(conflicts_command, [str(seed_paths["004"]), str(seed_paths["003"])])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # The plumbing, not the engine's judgement: findings come out with offsets into each file.
    assert data["inconsistencies"]
    for inc in data["inconsistencies"]:
        assert {m["path"] for m in inc["members"]} <= {str(seed_paths["004"]), str(seed_paths["003"])}
        for m in inc["members"]:
            text = Path(m["path"]).read_text(encoding="utf-8")
            assert text[m["start"] : m["end"]] == m["text"]


def test_crlf_file_offsets(runner: CliRunner, tmp_path: Path, seeds: dict[str, str]) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(seeds["000"].replace("\n", "\r\n").encode("utf-8"))
    result = runner.invoke(extract_command, [str(f), "--format", "jsonl"])
    assert result.exit_code == 0
    obj = json.loads(result.stdout)
    text = f.read_bytes().decode("utf-8")
    assert obj["claims"]
    for claim in obj["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        for value in claim["values"]:
            assert text[value["start"] : value["end"]] == value["text"]
