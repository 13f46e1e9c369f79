"""`workbench audit ...` commands."""
from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext

from workbench.audit.verify import DEFAULT_BATCH_SIZE, verify_chain
from workbench.extensions import db


@click.group("audit")
def audit_group() -> None:
    """Check the revision history."""


@audit_group.command("verify")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, type=click.IntRange(100, 1_000_000),
              help="Revisions read per query.")
@click.option("--progress/--no-progress", default=False, help="Print a count every batch (to standard error).")
@with_appcontext
def verify_command(batch_size: int, progress: bool) -> None:
    """Recompute the revision hash chain; exit 1 naming the first tampered revision."""
    started = time.perf_counter()
    report = (lambda n: click.echo(f"checked {n}", err=True)) if progress else None
    # Its own connection, outside the request session: verify ends its read transactions itself.
    with db.engine.connect() as conn:
        result = verify_chain(conn, batch_size=batch_size, progress=report)
    elapsed = time.perf_counter() - started
    if not result.ok:
        click.echo(result.summary(), err=True)
        sys.exit(1)
    click.echo(f"{result.summary()} ({elapsed:.1f} s)")
