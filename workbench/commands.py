"""Every `workbench` command, each registered from the domain that owns it."""
from __future__ import annotations

import click

from claims.cli import conflicts_command, extract_command
from workbench.articles.commands import import_command, reextract_command
from workbench.audit.commands import audit_group
from workbench.auth.commands import users_group
from workbench.exports.commands import audit_export_command, export_command
from workbench.flags.commands import flags_group
from workbench.jobs.commands import jobs_group, worker_command
from workbench.seeding import seed_command
from workbench.serving import serve_command


def register_commands(group: click.Group) -> None:
    audit_group.add_command(audit_export_command)
    for command in (import_command, seed_command, reextract_command, users_group, serve_command, extract_command,
                    conflicts_command, audit_group, flags_group, export_command, worker_command, jobs_group):
        group.add_command(command)
