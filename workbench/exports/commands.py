"""`workbench export`: a report of claims in one of the export formats, to a file or standard output."""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click
from flask.cli import with_appcontext

from workbench.audit.forms import COMMANDS, ENTITY_TYPES
from workbench.audit.queries import LogFilter
from workbench.auth.operations import find_user
from workbench.exports.audit_log import LOG_FORMATS, open_audit_log, write_log
from workbench.exports.documents import PdfUnavailable
from workbench.exports.formats import FORMATS, export_format, write
from workbench.exports.report import ExportError, open_report, parse_statuses
from workbench.history.models import ACTIONS
from workbench.history.recording import Actor


def _fail(message: str, command: str = "export") -> None:
    click.echo(f"workbench {command}: {message}", err=True)
    sys.exit(1)


def deliver(chunks: Iterable[bytes], output: Path | None) -> None:
    """Write `chunks` to `output` (complete or not at all), or to standard output."""
    if output is None:
        _write_stdout(chunks)
    else:
        _write_file(output, chunks)


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
            deliver(write(fmt, report, skipped), output)
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


@click.command("export")
@click.option("--format", "format_name", type=click.Choice(LOG_FORMATS), default="jsonl", show_default=True,
              help="jsonl keeps every value exactly (check hashes on it); csv is for spreadsheets.")
@click.option("--user", "user_email", metavar="EMAIL|commands",
              help="Only changes by this user, or by commands run without one.")
@click.option("--entity", "entity_type", type=click.Choice(ENTITY_TYPES), help="Only this kind of record.")
@click.option("--action", type=click.Choice(ACTIONS), help="Only this action.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="From this UTC day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Up to and including this UTC day.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@with_appcontext
def audit_export_command(format_name: str, user_email: str | None, entity_type: str | None, action: str | None,
                         date_from, date_to, output: Path | None) -> None:
    """Export the revision history (filtered like the audit log), oldest first, with the chain head."""
    actor_id = None
    if user_email and user_email != COMMANDS:
        user = find_user(user_email)
        if user is None:
            _fail(f"no user {user_email}", "audit export")
        actor_id = user.id
    if output is not None and not output.parent.is_dir():
        _fail(f"{output.parent}: no such folder", "audit export")
    where = LogFilter(actor_id=actor_id, by_commands=user_email == COMMANDS, entity_type=entity_type, action=action,
                      date_from=date_from.date() if date_from else None, date_to=date_to.date() if date_to else None)
    try:
        with open_audit_log(where, Actor.for_command("audit export").label) as log:
            deliver(write_log(format_name, log), output)
    except OSError as exc:
        _fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}", "audit export")
    where_to = f" to {output}" if output else ""
    click.echo(f"exported the audit log as {format_name}{where_to}; revision chain head {log.chain_head.anchor}",
               err=True)
