"""`workbench seed`: the demo articles in seeds/, one demo account per role, and (with
--demo-work) review work staged at every step, so a newcomer's first look has something to show."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from workbench.articles.commands import report_import, run_import
from workbench.articles.models import Article
from workbench.auth.operations import create_user, find_user, random_password, set_password
from workbench.demo import stage_demo_workflow
from workbench.extensions import db
from workbench.history.recording import Actor

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEMO_USERS = (
    ("reviewer@example.org", "reviewer", "Demo Reviewer"),
    ("editor@example.org", "editor", "Demo Editor"),
    ("admin@example.org", "admin", "Demo Admin"),
)


@click.command("seed")
@click.option("--demo-work", is_flag=True,
              help="Also stage review work (claims in review, awaiting approval, approved, returned; a dismissed "
                   "flag), once, so every page and export has something to show. scripts/run does this.")
@click.option("--reset-passwords", is_flag=True,
              help="Give the demo accounts that exist new passwords, printed (ends their sessions).")
@with_appcontext
def seed_command(demo_work: bool, reset_passwords: bool) -> None:
    """Load the demo articles in seeds/ and create one demo user per role (passwords printed)."""
    actor = Actor.for_command("seed")
    for email, role, name in DEMO_USERS:
        existing = find_user(email)
        if existing is not None and reset_passwords:
            password = random_password()
            set_password(existing, password, actor, reason="demo password reset (workbench seed --reset-passwords)")
            click.echo(f"user     {email} ({existing.role}) new password: {password}")
            continue
        if existing is not None:
            click.echo(f"user     {email} ({role}) exists; password unchanged (--reset-passwords prints new ones)")
            continue
        password = random_password()
        create_user(email, password, role, actor, name=name)
        click.echo(f"user     {email} ({role}) password: {password}")
    results = run_import([str(SEEDS_DIR)], actor)
    if not report_import(results):
        sys.exit(1)
    articles = [db.session.get(Article, r.article_id) for r in results if r.article_id is not None]
    reviewer, editor = find_user(DEMO_USERS[0][0]), find_user(DEMO_USERS[1][0])
    if demo_work and reviewer is not None and editor is not None:
        for line in stage_demo_workflow(articles, reviewer, editor):
            click.echo(line)
