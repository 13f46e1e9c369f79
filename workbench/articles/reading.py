"""Reading article files for import: metadata sidecars and manifests around claims.reader.

Everything here raises `ImportRefused` with a one-line, user-facing message for bad input.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claims import reader
from workbench.core.validation import InvalidURL, check_url, control_character

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}  # for folders
MANIFEST_NAME = "manifest.json"
SIDECAR_SUFFIX = ".meta.json"
METADATA_KEYS = ("title", "outlet", "url", "published", "language")


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
    """(text, encoding) of file bytes, by the engine's reader (claims.reader)."""
    try:
        return reader.decode(data)
    except reader.ReadError as exc:
        raise ImportRefused(str(exc)) from None


def markdown_text(md: str) -> str:
    """Markdown reduced to the text a reader sees, by the engine's reader."""
    return reader.markdown_text(md)


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
    """An `ArticleFile` from a file's name and bytes (size already checked by the caller).

    The reading itself is claims.reader's, the same as `workbench extract`, so a file yields the
    same text (and claims) whichever command reads it.
    """
    try:
        read = reader.read_bytes(name, data)
    except reader.ReadError as exc:
        raise ImportRefused(str(exc)) from None
    meta = dict(metadata or {})
    if read.metadata:
        meta = {**parse_metadata_lenient(read.metadata), **meta}
    return ArticleFile(name=name, text=read.text, raw_text=read.raw_text, format=read.format,
                       encoding=read.encoding, metadata=meta)


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
