"""The article commands: `workbench import` (files and folders) and `workbench reextract`."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from workbench.articles.models import Article
from workbench.articles.operations import ImportResult, import_paths
from workbench.articles.reading import iter_paths
from workbench.articles.reextraction import reextract_article
from workbench.auth.operations import find_user
from workbench.core.routing import LARGEST_ROW_ID
from workbench.extensions import db
from workbench.history.recording import Actor


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
