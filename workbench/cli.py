"""The `workbench` command: a Flask CLI group bound to the app factory.

Engine-only commands (`extract`, `conflicts`) are dispatched before Flask is imported, so they
start quickly; every other command gets the app and its database.
"""
from __future__ import annotations

import sys

import click

ENGINE_COMMANDS = ("extract", "conflicts")


def build_group() -> click.Group:
    """The full Flask CLI group."""
    from flask.cli import FlaskGroup

    from workbench.app import create_app

    return FlaskGroup(create_app=create_app, help="Claim workbench: import, review and export claims.")


def main() -> None:
    """Entry point of the `workbench` console script."""
    if len(sys.argv) > 1 and sys.argv[1] in ENGINE_COMMANDS:
        from claims.cli import conflicts_command, extract_command

        engine = click.Group(commands=[extract_command, conflicts_command])
        engine.main(prog_name="workbench")
        return
    build_group().main(prog_name="workbench")
