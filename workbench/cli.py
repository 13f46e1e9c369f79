"""The `workbench` command: a Flask CLI group bound to the app factory.

Engine-only commands (`extract`, `conflicts`) are dispatched before Flask is imported, so they
start quickly; every other command gets the app and its database.
"""
from __future__ import annotations

import sys

import click

ENGINE_COMMANDS = ("extract", "conflicts")
# Flask's own development commands: listed last, apart, so a desk's commands come first in --help.
FLASK_DEVELOPMENT_COMMANDS = ("run", "shell", "routes")


def build_group() -> click.Group:
    """The full Flask CLI group."""
    from flask.cli import FlaskGroup

    from workbench.app import create_app

    class WorkbenchGroup(FlaskGroup):
        def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            own, development = [], []
            for name in self.list_commands(ctx):
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                row = (name, command.get_short_help_str(limit=formatter.width - 20))
                (development if name in FLASK_DEVELOPMENT_COMMANDS else own).append(row)
            with formatter.section("Workbench commands"):
                formatter.write_dl(own)
            if development:
                with formatter.section("Flask development commands"):
                    formatter.write_dl(development)

    return WorkbenchGroup(
        create_app=create_app,
        help="Claim workbench: import articles, review their claims, export reports. "
        "`workbench COMMAND --help` explains each command.",
    )


def main() -> None:
    """Entry point of the `workbench` console script."""
    if len(sys.argv) > 1 and sys.argv[1] in ENGINE_COMMANDS:
        from claims.cli import conflicts_command, extract_command

        engine = click.Group(commands=[extract_command, conflicts_command])
        engine.main(prog_name="workbench")
        return
    build_group().main(prog_name="workbench")
