"""`workbench flags detect`: inconsistency detection over every stored article."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from workbench.flags.operations import run_detection
from workbench.history.recording import Actor


@click.group("flags")
def flags_group() -> None:
    """Inconsistency detection over the stored articles."""


@flags_group.command("detect")
@with_appcontext
def detect_command() -> None:
    """Find inconsistencies inside and across all live articles; flag the new ones."""
    report = run_detection(Actor.for_command("flags detect"))
    for flag in report.created:
        click.echo(f"new flag {flag.id}: {flag.kind} ({flag.severity}) {flag.explanation}")
    click.echo(f"checked {report.articles} articles: {len(report.created)} new flags, "
               f"{report.known} already flagged")
    if report.unmapped:
        click.echo(f"{report.unmapped} findings could not be matched to stored claims", err=True)
