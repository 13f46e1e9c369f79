"""Engine-only command line: `extract` and `conflicts` (mounted on the `workbench` CLI as well).

Nothing heavy is imported at module level so that `workbench --help` stays fast; the engine and
the reader (charset detection, trafilatura) are imported when a command runs.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claims.limits import EngineLimit

if TYPE_CHECKING:
    from claims.analysis import Analysis
    from claims.detect import ScoredSentence
    from claims.values import Value

# Files taken from a folder given as input; a file named explicitly is read whatever its suffix.
FOLDER_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")


class InputError(Exception):
    """A file the engine cannot read; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A read input file: its path as given and the article text all offsets refer to."""

    path: str
    text: str


def _expand(paths: tuple[str, ...]) -> Iterator[str]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in FOLDER_SUFFIXES:
                    yield str(child)
        else:
            yield p


def load(path: str) -> Loaded:
    """Read one input file through claims.reader, as `workbench import` does; InputError on failure."""
    from claims.reader import ReadError, read_path

    try:
        # Unknown suffixes (transcripts, .log) are read as plain text: extract is the lenient tool.
        return Loaded(path, read_path(path, default_format="text").text)
    except ReadError as exc:
        raise InputError(str(exc)) from None


def _parse_published(ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from claims.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError:
        click.echo(f"Error: --published must be a date as YYYY-MM-DD, got {value!r}", err=True)
        ctx.exit(2)
    return None  # unreachable: ctx.exit raises


def value_json(value: Value, to_raw: Any) -> dict[str, Any]:
    """A value as the CLI prints it, offsets mapped into the file text."""
    return {
        "type": value.type,
        "text": value.text,
        "start": to_raw(value.start),
        "end": to_raw(value.end),
        "normalized": value.normalized,
    }


def claim_json(claim: ScoredSentence, to_raw: Any, *, lines: bool) -> dict[str, Any]:
    """A scored sentence as the CLI prints it, offsets mapped into the file text."""
    out: dict[str, Any] = {
        "text": claim.text,
        "start": to_raw(claim.start),
        "end": to_raw(claim.end),
        "kind": claim.kind,
        "score": claim.score,
        "is_claim": claim.is_claim,
        "reasons": list(claim.reasons),
        "values": [value_json(v, to_raw) for v in claim.values],
    }
    if lines:
        out["line"] = claim.line
    return out


def analysis_json(path: str, analysis: Analysis, *, lines: bool) -> dict[str, Any]:
    """The `extract` object of one file (DESIGN.md section 4)."""
    chosen = analysis.sentences if lines else tuple(analysis.claims)
    return {
        "path": path,
        "language": analysis.language,
        "published": analysis.published.isoformat() if analysis.published else None,
        "published_source": analysis.published_source,
        "title": analysis.title,
        "claims": [claim_json(c, analysis.to_raw, lines=lines) for c in chosen],
    }


def _format_text(obj: dict[str, Any]) -> str:
    head = f"== {obj['path']}  [{obj['language']}"
    if obj["published"]:
        head += f", published {obj['published']} ({obj['published_source']})"
    head += "]"
    out = [head]
    if obj["title"]:
        out.append(f"   title: {obj['title']}")
    if not obj["claims"]:
        out.append("   (no claims)")
    for c in obj["claims"]:
        where = f"line {c['line']}" if "line" in c else f"{c['start']}-{c['end']}"
        mark = "CLAIM" if c["is_claim"] else "-    "
        out.append(f"   {mark} {c['score']:.2f} {c['kind']:<11} {where}: {c['text']}")
        if c["reasons"]:
            out.append(f"         why: {'; '.join(c['reasons'])}")
        for v in c["values"]:
            norm = json.dumps(v["normalized"], ensure_ascii=False, sort_keys=True)
            out.append(f"         {v['type']:<11} {v['text']!r} -> {norm}")
    return "\n".join(out)


class _Stream:
    """Writes one result per file as soon as it is ready, as a JSON array, JSON lines or text."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.count = 0

    def open(self) -> None:
        """Start the output (the array's opening bracket for json)."""
        if self.fmt == "json":
            click.echo("[")

    def write(self, obj: dict[str, Any], text: str | None = None) -> None:
        """Write one file's result and flush, so long runs show progress."""
        if self.fmt == "json":
            prefix = "," if self.count else ""
            click.echo(prefix + json.dumps(obj, ensure_ascii=False))
        elif self.fmt == "jsonl":
            click.echo(json.dumps(obj, ensure_ascii=False))
        else:
            click.echo(text if text is not None else json.dumps(obj, ensure_ascii=False, indent=2))
        sys.stdout.flush()
        self.count += 1

    def close(self) -> None:
        """End the output (the array's closing bracket for json)."""
        if self.fmt == "json":
            click.echo("]")


def _fail(path: str, reason: str) -> None:
    click.echo(f"Error: {path}: {reason}", err=True)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True,
    help="json: one JSON array, one element per file, streamed as each file is done; "
    "jsonl: one JSON object per line per file; text: readable report.",
)
@click.option("--published", callback=_parse_published, metavar="YYYY-MM-DD",
              help="Publication date, overriding the one detected in the text; resolves year-less dates.")
@click.option("--lines", is_flag=True, help="Score every non-empty line as its own sentence (no cleaning).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Score from which a sentence counts as a claim (default: the engine's).")
@click.option("--language", default=None, help="Language code to use instead of detecting it.")
def extract_command(
    paths: tuple[str, ...],
    fmt: str,
    published: date | None,
    lines: bool,
    threshold: float | None,
    language: str | None,
) -> None:
    """Claims and typed values of each file, read as `workbench import` reads it (claims.reader).

    Offsets (start/end) of claims and values point into the article text the reader gives: the
    decoded file for plain text, the text without markup for Markdown, the main text for HTML.
    Unreadable files are reported on stderr, one line each, the other files still processed; the
    exit code is then 1.
    """
    from claims.analysis import analyse
    from claims.detect import DEFAULT_THRESHOLD

    stream = _Stream(fmt)
    failed = False
    stream.open()
    try:
        for path in _expand(paths):
            try:
                loaded = load(path)
            except InputError as exc:
                _fail(path, str(exc))
                failed = True
                continue
            try:
                analysis = analyse(
                    loaded.text,
                    published=published,
                    language=language,
                    lines=lines,
                    threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
                )
            except EngineLimit as exc:
                _fail(path, str(exc))
                failed = True
                continue
            obj = analysis_json(path, analysis, lines=lines)
            stream.write(obj, _format_text(obj) if fmt == "text" else None)
    finally:
        stream.close()
    if failed:
        sys.exit(1)


def _member_json(member: Any, paths: dict[str, str], analyses: dict[str, Analysis]) -> dict[str, Any]:
    analysis = analyses.get(member.document)
    to_raw = analysis.to_raw if analysis is not None else (lambda o: o)
    return {
        "path": paths.get(member.document, member.document),
        "start": to_raw(member.start),
        "end": to_raw(member.end),
        "text": member.text,
        "value": member.value,
        "claim_start": to_raw(member.claim_start),
        "claim_end": to_raw(member.claim_end),
    }


@click.command("conflicts")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: {\"inconsistencies\": [...]}; text: one readable block per finding.")
@click.option("--published", callback=_parse_published, metavar="YYYY-MM-DD",
              help="Publication date for every file, overriding the detected ones.")
def conflicts_command(paths: tuple[str, ...], fmt: str, published: date | None) -> None:
    """Inconsistencies inside each file and across the files (same story, any language).

    Member offsets point into each file's decoded text, like `extract`.
    """
    from claims.analysis import analyse
    from claims.conflicts import Document, find_inconsistencies

    failed = False
    docs = []
    paths_by_id: dict[str, str] = {}
    analyses: dict[str, Analysis] = {}
    for i, path in enumerate(_expand(paths)):
        try:
            loaded = load(path)
        except InputError as exc:
            _fail(path, str(exc))
            failed = True
            continue
        # The path is the id, so explanations name files; a path given twice gets a suffix.
        doc_id = path if path not in paths_by_id else f"{path}#{i}"
        try:
            analysis = analyse(loaded.text, published=published)
        except EngineLimit as exc:
            _fail(path, str(exc))
            failed = True
            continue
        analyses[doc_id] = analysis
        paths_by_id[doc_id] = path
        docs.append(Document.from_analysis(doc_id, analysis))

    found = find_inconsistencies(docs)
    items = [
        {
            "kind": inc.kind,
            "severity": inc.severity,
            "confidence": inc.confidence,
            "explanation": inc.explanation,
            "key": inc.key,
            "members": [_member_json(m, paths_by_id, analyses) for m in inc.members],
        }
        for inc in found
    ]
    if fmt == "json":
        click.echo(json.dumps({"inconsistencies": items}, ensure_ascii=False, indent=1))
    else:
        if not items:
            click.echo("No inconsistencies found.")
        for item in items:
            head = f"[{item['severity']}] {item['kind']} ({item['confidence']:.2f})"
            click.echo(f"{head}: {item['explanation']}")
            for m in item["members"]:
                click.echo(f"    {m['path']} {m['start']}-{m['end']}: {m['text']!r}")
    if failed:
        sys.exit(1)


@click.group("claims")
def main() -> None:
    """Claim engine: extract claims and values, find inconsistencies (no database)."""


main.add_command(extract_command)
main.add_command(conflicts_command)
