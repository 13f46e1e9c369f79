"""One file reader for the engine and the app: bytes in, the article's text out.

`workbench extract` and `workbench import` both read files here, so a file gives the same text
(and the same claims) either way: UTF-8 (with or without BOM) or UTF-16 with BOM, else the legacy
encoding charset-normalizer finds; binary files refused by one rule; Markdown reduced to the text a
reader sees; HTML reduced to its main text by trafilatura (with the page's metadata).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
# Bytes inspected for NULs: a text file has none, a binary one almost always has some early.
SNIFF_BYTES = 8192
# Decoded text with more control characters than this share is binary, whatever it decoded as.
MAX_CONTROL_SHARE = 0.01


class ReadError(ValueError):
    """A file that cannot be read as an article, with a one-line reason a user can act on."""


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A decoded file: the article text the engine analyses, the decoded file, and what was found."""

    text: str  # HTML reduced to its main text, Markdown to plain text, plain text as is
    raw_text: str  # the decoded file
    format: str  # "text", "markdown" or "html"
    encoding: str
    metadata: dict = field(default_factory=dict)  # from an HTML page: title, outlet, url, published


def file_format(name: str, default: str | None = None) -> str:
    """"text", "markdown" or "html" from the file name; `default` or ReadError for other types."""
    suffix = Path(name).suffix.lower()
    fmt = FORMATS.get(suffix, default)
    if fmt is None:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; use .txt, .md or .html")
    return fmt


_STRAY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of file bytes; refuses empty, binary and undecodable files."""
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise ReadError("binary file (contains NUL bytes), not a text article")
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes  # only legacy files need it

            best = from_bytes(data).best()
            if best is None:
                raise ReadError("not valid UTF-8 and no legacy encoding fits; re-save the file as UTF-8") from None
            text, encoding = str(best), best.encoding
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; SQLite could, so refusing it here keeps both alike.
        at = text.index("\x00")
        raise ReadError(f"binary file (a NUL character at character {at + 1:,}), not a text article")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ReadError("binary file (control characters), not a text article")
    # A few stray control characters (a pasted escape sequence) are dropped: they show as
    # nothing. Form feeds stay: text exported from PDFs marks its page breaks with them.
    text = _STRAY_CONTROLS.sub("", text)
    if not text.strip():
        raise ReadError("empty file")
    return text, encoding


def html_main_text(html: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page, with trafilatura."""
    try:
        import trafilatura  # imported here: it is slow to import and only HTML needs it
    except ImportError:
        raise ReadError("HTML input needs trafilatura, which is not installed") from None
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise ReadError("no article text found in this HTML page")
    metadata = {"title": doc.title, "outlet": doc.sitename, "url": doc.url, "published": doc.date}
    return doc.text, {k: v for k, v in metadata.items() if v}


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)
_MD_BULLET = re.compile(r"^\s{0,3}[-*+]\s+", re.M)
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M)


def markdown_text(md: str) -> str:
    """Markdown reduced to the text a reader sees (links to their text, no markup)."""
    text = _MD_LINK.sub(r"\1", md)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_BULLET.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def read_bytes(name: str, data: bytes, *, default_format: str | None = None) -> ReadFile:
    """A `ReadFile` from a file's name (for its type) and bytes; ReadError with the reason.

    A name with another suffix is refused unless `default_format` says how to read it.
    """
    fmt = file_format(name, default_format)
    raw, encoding = decode(data)
    metadata: dict = {}
    if fmt == "html":
        text, metadata = html_main_text(raw)
    elif fmt == "markdown":
        text = markdown_text(raw)
    else:
        text = raw
    return ReadFile(text=text, raw_text=raw, format=fmt, encoding=encoding, metadata=metadata)


def read_path(path: str | Path, *, default_format: str | None = None) -> ReadFile:
    """Read one file from disk; ReadError with a one-line reason."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read") from None
    return read_bytes(p.name, data, default_format=default_format)
