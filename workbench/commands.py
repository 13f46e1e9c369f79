"""Commands of the `workbench` group that need the app: import, seed, serve, users."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from waitress import create_server

from claims.cli import conflicts_command, extract_command
from workbench.articles.models import Article
from workbench.articles.operations import ImportResult, import_paths
from workbench.articles.reading import iter_paths
from workbench.articles.reextraction import reextract_article
from workbench.audit.commands import audit_group
from workbench.auth.models import ROLES, User
from workbench.auth.operations import (
    UserError,
    create_user,
    find_user,
    random_password,
    set_password,
    update_user,
)
from workbench.core.routing import LARGEST_ROW_ID
from workbench.demo import stage_demo_workflow
from workbench.exports.commands import audit_export_command, export_command
from workbench.extensions import db
from workbench.flags.commands import flags_group
from workbench.history.recording import Actor

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEMO_USERS = (
    ("reviewer@example.org", "reviewer", "Demo Reviewer"),
    ("editor@example.org", "editor", "Demo Editor"),
    ("admin@example.org", "admin", "Demo Admin"),
)


def _max_bytes() -> int:
    return int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024


def run_import(paths: list[str], actor: Actor) -> list[ImportResult]:
    """Import files and folders with a progress bar; one line per problem; results in order."""
    files, missing = iter_paths(paths)
    results = [ImportResult(path, "failed", problem) for path, problem in missing]
    threshold = float(current_app.config["CLAIM_THRESHOLD"])
    # The engine runs in worker processes for many files; articles are written in batches, each
    # batch one transaction (a failing article is written again alone, the others are kept).
    with click.progressbar(length=len(files), label="Importing", file=sys.stderr,
                           item_show_func=lambda name: Path(name).name if name else None) as bar:
        results.extend(import_paths(files, actor, threshold=threshold, max_bytes=_max_bytes(),
                                    progress=lambda result: bar.update(1, result.name)))
    return results


def report_import(results: list[ImportResult]) -> bool:
    """Print one line per file and a summary; True if every file was imported or already present."""
    for result in results:
        line = f"{result.status:8} {result.name}: {result.message}"
        click.echo(line, err=not result.ok)
    counts = {status: sum(r.status == status for r in results) for status in ("imported", "present", "failed")}
    click.echo(f"imported {counts['imported']}, already present {counts['present']}, failed {counts['failed']}")
    return counts["failed"] == 0


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--as", "as_email", help="Record the import as made by this user (email).")
@with_appcontext
def import_command(paths: tuple[str, ...], as_email: str | None) -> None:
    """Import .txt, .md and .html files or folders (recursively) into the database."""
    actor = Actor.for_command("import")
    if as_email:
        user = find_user(as_email)
        if user is None:
            raise click.UsageError(f"no user with email {as_email}")
        actor = Actor(user.id, user.email)
    if not report_import(run_import(list(paths), actor)):
        sys.exit(1)


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


@click.command("reextract")
@click.argument("article_ids", nargs=-1, type=click.IntRange(1, LARGEST_ROW_ID))
@click.option("--all", "everything", is_flag=True, help="Every live article.")
@with_appcontext
def reextract_command(article_ids: tuple[int, ...], everything: bool) -> None:
    """Re-run the claim engine over stored articles, keeping reviewer work on unchanged claims."""
    if not article_ids and not everything:
        raise click.UsageError("give article ids or --all")
    if everything:
        live = select(Article.id).where(Article.deleted_at.is_(None)).order_by(Article.id)
        article_ids = tuple(db.session.scalars(live))
    actor = Actor.for_command("reextract")
    threshold = float(current_app.config["CLAIM_THRESHOLD"])
    missing = False
    for article_id in article_ids:
        article = db.session.get(Article, article_id)
        if article is None or article.is_deleted:
            click.echo(f"failed   article {article_id}: no such article", err=True)
            missing = True
            continue
        click.echo(reextract_article(article, actor, threshold=threshold).summary())
    if missing:
        sys.exit(1)


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", help="Display name (default: the part of the email before @).")
@with_appcontext
def users_create(email: str, role: str, name: str | None) -> None:
    """Create a user; the password is read from standard input (or prompted for)."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user(email, password, role, Actor.for_command("users create"), name=name)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {user.email} ({user.role})")


@users_group.command("update")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), help="New role.")
@click.option("--active/--inactive", default=None, help="Allow or refuse logging in.")
@click.option("--reason", help="Why, kept in the revision history.")
@with_appcontext
def users_update(email: str, role: str | None, active: bool | None, reason: str | None) -> None:
    """Change a user's role or activation (recorded in the revision history)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    data = {k: v for k, v in {"role": role, "is_active": active}.items() if v is not None}
    if not data:
        raise click.UsageError("give --role and/or --active/--inactive")
    try:
        update_user(user, data, user.version, Actor.for_command("users update"), reason=reason)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email}: role {user.role}, {'active' if user.is_active else 'inactive'}")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users_group.command("set-password")
@click.argument("email")
@click.option("--reason", help="Why, kept in the revision history.")
@with_appcontext
def users_set_password(email: str, reason: str | None) -> None:
    """Give a user a new password (read from standard input or prompted for); ends their sessions."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    try:
        set_password(user, _read_password(), Actor.for_command("users set-password"), reason=reason)
    except UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email}: password set; every session of this user has ended")


@users_group.command("list")
@with_appcontext
def users_list() -> None:
    """Every user with role and status."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        click.echo(f"{user.email:40} {user.role:9} {'active' if user.is_active else 'inactive'}  {user.name}")


# Request headers beyond this are refused (431): a page request needs a few kB (cookie included).
MAX_HEADER_BYTES = 64 * 1024


def serve_settings(config, threads: int) -> dict:
    """Waitress's limits for `workbench serve`, set deliberately rather than left at its defaults.

    Waitress's defaults keep an idle connection for 120 s and admit 100 at once, so 110 idle
    sockets locked everyone out for two minutes; a body of up to 1 GB was read before the app
    refused it. Here an idle connection (no request in flight) is closed after
    SERVE_CHANNEL_TIMEOUT seconds, more connections are admitted, and a body larger than the
    upload limit is refused by the server. What a proxy must add is in docs/deployment.md.
    """
    return {
        "threads": threads,
        "connection_limit": int(config["SERVE_CONNECTION_LIMIT"]),
        "channel_timeout": int(config["SERVE_CHANNEL_TIMEOUT"]),
        "cleanup_interval": int(config["SERVE_CLEANUP_INTERVAL"]),
        "max_request_header_size": MAX_HEADER_BYTES,
        "max_request_body_size": int(config["MAX_CONTENT_LENGTH"]),
        "ident": "workbench",
    }


def build_server(app, listener: socket.socket, threads: int):
    """The Waitress server of `workbench serve` on an already bound socket."""
    return create_server(app, sockets=[listener], **serve_settings(app.config, threads))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@with_appcontext
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the workbench with Waitress, a production-grade WSGI server."""
    try:
        # Bind first: a port already in use is one clear line, not "Serving..." then a traceback.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server = build_server(current_app._get_current_object(), listener, threads)
    click.echo(f"Serving the workbench on http://{host}:{port}/ (Ctrl+C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def register_commands(group: click.Group) -> None:
    audit_group.add_command(audit_export_command)
    for command in (import_command, seed_command, reextract_command, users_group, serve_command, extract_command,
                    conflicts_command, audit_group, flags_group, export_command):
        group.add_command(command)
