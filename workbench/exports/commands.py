"""`workbench export`: a report of claims in one of the export formats, to a file or standard output."""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click
from flask.cli import with_appcontext

from workbench.audit.operations import Actor
from workbench.exports.documents import PdfUnavailable
from workbench.exports.formats import FORMATS, export_format, write
from workbench.exports.report import ExportError, open_report, parse_statuses


def _fail(message: str) -> None:
    click.echo(f"workbench export: {message}", err=True)
    sys.exit(1)


def _write_file(path: Path, chunks: Iterable[bytes]) -> None:
    # Written beside the target and renamed into place only when complete: a failed export
    # never leaves a half-written report where the last good one was.
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is shared like any file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_stdout(chunks: Iterable[bytes]) -> None:
    out = sys.stdout.buffer
    for chunk in chunks:
        out.write(chunk)
    out.flush()


@click.command("export")
@click.option("--format", "format_name", required=True, metavar="|".join(FORMATS),
              help="csv, json, jsonl, claimreview (schema.org JSON-LD), html or pdf.")
@click.option("--status", "status", default="verified", show_default=True,
              help="Claims with this status: all, or statuses separated by commas "
                   "(unreviewed, in_review, proposed, verified, disputed).")
@click.option("--article", "article_ids", multiple=True, type=click.IntRange(min=1), metavar="ID",
              help="Only claims of this article (repeat for several; default: every article).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@with_appcontext
def export_command(format_name: str, status: str, article_ids: tuple[int, ...], output: Path | None) -> None:
    """Export a claims report with the revision chain head it was read at."""
    try:
        fmt = export_format(format_name)
        statuses = parse_statuses(status)
    except ExportError as exc:
        _fail(str(exc))
    if output is None and fmt.name == "pdf" and sys.stdout.isatty():
        _fail("a PDF is binary: give -o FILE or redirect standard output")
    if output is not None and not output.parent.is_dir():
        _fail(f"{output.parent}: no such folder")

    skipped: list[int] = []
    try:
        with open_report(statuses, Actor.for_command("export").label, article_ids) as report:
            chunks = write(fmt, report, skipped)
            if output is None:
                _write_stdout(chunks)
            else:
                _write_file(output, chunks)
    except (ExportError, PdfUnavailable) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")

    header = report.header
    written = header.claim_count - len(skipped)
    where = f" to {output}" if output else ""
    click.echo(f"exported {written} claim{'' if written == 1 else 's'} ({','.join(header.statuses)}) as "
               f"{fmt.name}{where}; revision chain head {header.chain_head.anchor}", err=True)
    if skipped:
        click.echo(f"left out {len(skipped)} claim(s) without an approved verdict (ClaimReview carries approved "
                   f"verdicts only): {', '.join(map(str, skipped[:20]))}{' ...' if len(skipped) > 20 else ''}",
                   err=True)
