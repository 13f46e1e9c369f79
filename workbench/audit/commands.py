"""`workbench audit ...` commands."""
from __future__ import annotations

import re
import sys
import time

import click
from flask.cli import with_appcontext

from workbench.audit.state import verify_state
from workbench.audit.verify import DEFAULT_BATCH_SIZE, verify_chain
from workbench.extensions import db


@click.group("audit")
def audit_group() -> None:
    """Check the revision history."""


@audit_group.command("verify")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, type=click.IntRange(100, 1_000_000),
              help="Revisions read per query.")
@click.option("--progress/--no-progress", default=False, help="Print a count every batch (to standard error).")
@click.option("--anchor", "anchors", multiple=True, metavar="ID:HASH",
              help="A revision id and hash recorded elsewhere (e.g. an export's chain head) that must still match.")
@click.option("--state", "check_state", is_flag=True,
              help="Also replay every recorded entity's revisions and compare them with its current row, naming "
                   "the first entity whose stored state differs from its history (edits made directly in a table).")
@with_appcontext
def verify_command(batch_size: int, progress: bool, anchors: tuple[str, ...], check_state: bool) -> None:
    """Recompute the revision hash chain; exit 1 naming the first tampered revision."""
    expected = dict(parse_anchor(a) for a in anchors)
    started = time.perf_counter()
    report = (lambda n: click.echo(f"checked {n}", err=True)) if progress else None
    # Its own connection, outside the request session: verify ends its read transactions itself.
    with db.engine.connect() as conn:
        result = verify_chain(conn, batch_size=batch_size, progress=report, anchors=expected)
    elapsed = time.perf_counter() - started
    if not result.ok:
        click.echo(result.summary(), err=True)
        sys.exit(1)
    anchored = f", {len(expected)} anchor(s) match" if expected else ""
    click.echo(f"{result.summary()}{anchored} ({elapsed:.1f} s)")
    if check_state:
        started = time.perf_counter()
        step = (lambda kind, n: click.echo(f"replayed {n} {kind} entities", err=True)) if progress else None
        with db.engine.connect() as conn:
            state = verify_state(conn, batch_size=batch_size, progress=step)
        if not state.ok:
            click.echo(state.summary(), err=True)
            sys.exit(1)
        click.echo(f"{state.summary()} ({time.perf_counter() - started:.1f} s)")


def parse_anchor(value: str) -> tuple[int, str]:
    """`ID:HASH` as (id, hash); a usage error otherwise."""
    rev_id, _, rev_hash = value.partition(":")
    rev_hash = rev_hash.strip().lower()
    if not rev_id.strip().isdigit() or not re.fullmatch(r"[0-9a-f]{64}", rev_hash):
        raise click.BadParameter(f"expected ID:HASH (a revision id and its 64-hex-digit hash), got {value!r}",
                                 param_hint="--anchor")
    return int(rev_id), rev_hash
