"""Data the app tests build on: a small English article imported with every sentence a claim, the
demo seeds, a forged revision. Tests import these from here, never from another test module."""
from __future__ import annotations

from sqlalchemy import select, text

from tests.conftest import TEST_ACTOR
from workbench.articles.models import Article
from workbench.articles.operations import ImportResult, import_bytes
from workbench.extensions import db
from workbench.history.models import Revision

MB = 1024 * 1024
ENGLISH = (
    "Expo to open in June\n\n"
    "The International Carbon Neutral Expo 2024 will be held from June 5 to 8 at the Shanghai New International "
    "Expo Center. It brings together more than 600 enterprises. According to a report released by Tsinghua "
    "University, China ranks fifth among 197 countries.\n"
)


def do_import(name: str, data: bytes, metadata: dict | None = None, max_bytes: int = 5 * MB) -> ImportResult:
    """Import `data` as the file `name`, every sentence a claim (threshold 0), as the test actor."""
    return import_bytes(name, data, TEST_ACTOR, threshold=0.0, max_bytes=max_bytes, metadata=metadata)


def seed(runner) -> dict[str, Article]:
    """Run `workbench seed`; the demo articles by the first three digits of their file name."""
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return {a.source_name.rsplit("/", 1)[-1][:3]: a for a in db.session.scalars(select(Article))}


def forge_revision_beyond_the_head(newest: Revision) -> None:
    """Insert a revision after `newest` straight into the table, without taking the chain head."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ALTER TABLE revisions DISABLE TRIGGER USER"))
    db.session.execute(text(
        "INSERT INTO revisions (id, created_at, actor_label, action, entity_type, entity_id, changes, "
        "prev_hash, hash) VALUES (:id, :created_at, 'forger', 'create', 'source', 99, '{}', :prev, :hash)"),
        {"id": newest.id + 1, "created_at": newest.created_at, "prev": newest.hash, "hash": "f" * 64})
    db.session.commit()
