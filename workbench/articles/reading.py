"""Reading article files: size limits, decoding, HTML main text, Markdown, metadata sidecars.

Everything here raises `ImportRefused` with a one-line, user-facing message for bad input.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from workbench.core.validation import InvalidURL, check_url, control_character, strip_controls

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MANIFEST_NAME = "manifest.json"
SIDECAR_SUFFIX = ".meta.json"
METADATA_KEYS = ("title", "outlet", "url", "published", "language")
# Decoded text with more control characters than this share is binary, whatever it decoded as.
MAX_CONTROL_SHARE = 0.01


class ImportRefused(ValueError):
    """A file that cannot be imported, with the reason a user can act on."""


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """A file ready for the engine: decoded text plus what we know about it."""

    name: str
    text: str  # the article's text (HTML reduced to main text, Markdown to plain text)
    raw_text: str  # the decoded file as it was
    format: str
    encoding: str
    metadata: dict = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.raw_text)


def content_hash(text: str) -> str:
    """SHA-256 of the text with Unicode and line endings normalised, so re-imports match."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of file bytes; refuses empty, binary and undecodable files."""
    if not data.strip():
        raise ImportRefused("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data[:8192]:
        raise ImportRefused("binary file (contains NUL bytes), not a text article")
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise ImportRefused(
                    "not valid UTF-8 and no legacy encoding fits; re-save the file as UTF-8"
                ) from None
            text, encoding = str(best), best.encoding
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; SQLite could, so refusing it here keeps both alike.
        at = text.index("\x00")
        raise ImportRefused(f"binary file (a NUL character at character {at + 1:,}), not a text article")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ImportRefused("binary file (control characters), not a text article")
    # A few stray control characters (a pasted escape sequence) are dropped: they show as
    # nothing. Form feeds stay: text exported from PDFs marks its page breaks with them.
    text = strip_controls(text, keep="\f")
    if not text.strip():
        raise ImportRefused("empty file")
    return text, encoding


def html_main_text(html: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page, with trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise ImportRefused("no article text found in this HTML page")
    metadata = {"title": doc.title, "outlet": doc.sitename, "url": doc.url, "published": doc.date}
    return doc.text, {k: v for k, v in metadata.items() if v}


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)


def markdown_text(md: str) -> str:
    """Markdown reduced to the text a reader sees (links to their text, no markup)."""
    text = _MD_LINK.sub(r"\1", md)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def parse_metadata(raw: dict, where: str) -> dict:
    """Checked metadata: known keys only, published as a date, url http(s) only."""
    unknown = set(raw) - set(METADATA_KEYS) - {"file"}
    if unknown:
        raise ImportRefused(f"{where}: unknown metadata keys {', '.join(sorted(unknown))}")
    meta = {k: raw[k] for k in METADATA_KEYS if raw.get(k)}
    for key, value in meta.items():
        if not isinstance(value, str):
            raise ImportRefused(f"{where}: {key} must be text, got {json.dumps(value)[:60]}")
        found = control_character(value) or ("a line break" if key != "title" and "\n" in value else None)
        if found:
            raise ImportRefused(f"{where}: {key} contains a control character ({found}); remove it")
    if "published" in meta:
        meta["published"] = parse_date(str(meta["published"]), where)
    if "url" in meta:
        try:
            meta["url"] = check_url(str(meta["url"]))
        except InvalidURL as exc:
            raise ImportRefused(f"{where}: url refused: {exc}") from None
    return meta


def parse_date(value: str, where: str = "date") -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ImportRefused(f"{where}: published must be a date like 2023-07-11, got {value!r}") from None


def sidecar_metadata(path: Path) -> dict:
    """Metadata for `path` from `<file>.meta.json` or the folder's manifest.json (sidecar wins)."""
    meta: dict = {}
    manifest = path.parent / MANIFEST_NAME
    if manifest.is_file():
        entries = _load_json(manifest)
        if not isinstance(entries, list):
            raise ImportRefused(f"{manifest}: expected a list of objects with a 'file' key")
        for entry in entries:
            if isinstance(entry, dict) and entry.get("file") == path.name:
                meta.update(parse_metadata(entry, str(manifest)))
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        raw = _load_json(sidecar)
        if not isinstance(raw, dict):
            raise ImportRefused(f"{sidecar}: expected a JSON object")
        meta.update(parse_metadata(raw, str(sidecar)))
    return meta


def _load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"{path}: not valid JSON ({exc})") from None


def read_article(name: str, data: bytes, metadata: dict | None = None) -> ArticleFile:
    """An `ArticleFile` from a file's name and bytes (size already checked by the caller)."""
    suffix = Path(name).suffix.lower()
    fmt = SUFFIXES.get(suffix)
    if fmt is None:
        raise ImportRefused(f"unsupported file type {suffix or '(none)'}; use .txt, .md or .html")
    raw, encoding = decode(data)
    meta = dict(metadata or {})
    if fmt == "html":
        text, found = html_main_text(raw)
        meta = {**parse_metadata_lenient(found), **meta}
    elif fmt == "markdown":
        text = markdown_text(raw)
    else:
        text = raw
    return ArticleFile(name=name, text=text, raw_text=raw, format=fmt, encoding=encoding, metadata=meta)


def parse_metadata_lenient(found: dict) -> dict:
    """Metadata found inside a page: keep what parses, drop what does not (it is only a guess)."""
    meta = {}
    for key, value in found.items():
        try:
            meta.update(parse_metadata({key: value}, "page"))
        except ImportRefused:
            continue
    return meta


def iter_paths(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to import under `paths` (folders recursively) and (path, problem) for missing ones."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(SIDECAR_SUFFIX)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append((given, "no such file or folder"))
    return files, problems
