"""One reader for `workbench extract` and `workbench import`: the same bytes give the same text."""
from __future__ import annotations

from pathlib import Path

import pytest

from claims.cli import load
from claims.reader import ReadError, markdown_text, read_bytes, read_path
from workbench.articles.reading import ImportRefused, read_article

MD = "# Exports jump\n\nExports **rose 7.1 percent** in [January](https://example.org/j), data showed.\n\n- one item\n"


def test_markdown_is_reduced_to_text() -> None:
    text = markdown_text(MD)
    assert "Exports rose 7.1 percent in January, data showed." in text
    assert "#" not in text and "**" not in text and "https" not in text and "- one" not in text


def test_extract_and_import_read_the_same_text(tmp_path: Path) -> None:
    for name, data in [("a.md", MD.encode()), ("b.txt", "Preis: 5 €, Größe".encode("cp1252")),
                       ("c.txt", "\ufeffWith BOM.".encode())]:
        path = tmp_path / name
        path.write_bytes(data)
        assert load(str(path)).text == read_article(name, data).text == read_bytes(name, data).text
    assert read_bytes("b.txt", "Preis: 5 €, Größe".encode("cp1252")).text == "Preis: 5 €, Größe"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("x.txt", b"", "empty file"),
        ("x.txt", b"abc\x00def", "binary file"),
        ("x.txt", bytes(range(1, 31)) * 20, "binary file"),
        ("x.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ],
)
def test_bad_files_are_refused_alike(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_bytes(name, data)
    with pytest.raises(ImportRefused, match=reason):
        read_article(name, data)


def test_extract_reads_unknown_suffixes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "debate.log"
    path.write_text("Line one.\nLine two.\n", encoding="utf-8")
    assert read_path(path, default_format="text").text == "Line one.\nLine two.\n"
    with pytest.raises(ReadError):
        read_path(tmp_path / "missing.txt")


def test_html_main_text() -> None:
    body = "<p>" + "The city reported 60 new electric bus lines this year, the transport office said. " * 3 + "</p>"
    page = f"<html><head><title>Buses</title></head><body><nav>Home | News</nav><article>{body}</article></body></html>"
    read = read_bytes("page.html", page.encode())
    assert "60 new electric bus lines" in read.text and "Home | News" not in read.text
    assert read.format == "html" and read.metadata.get("title") == "Buses"
