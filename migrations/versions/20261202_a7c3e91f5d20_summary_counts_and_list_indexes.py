"""summary counts kept by triggers; indexes matching the sort and filters of each list page

The article list, flag list and export page counted the whole corpus per request (seconds at a
million claims). `summary_counts` holds live articles and live claims of live articles per
status, `flag_counts` flags per status, kind and severity; triggers on articles, claims and
flags keep them current in the same transaction as each change, whatever path makes it. The
new indexes let each list page seek to its rows in its sort order (keyset pagination in
workbench/core/pagination.py). No table is rebuilt (SQLite keeps the triggers on claims and
articles).

Revision ID: a7c3e91f5d20
Revises: 3dd00efb8198
Create Date: 2026-12-02 07:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a7c3e91f5d20"
down_revision = "3dd00efb8198"
branch_labels = None
depends_on = None

CLAIM_STATUSES = ("unreviewed", "in_review", "proposed", "verified", "disputed")

INDEXES = [
    ("ix_articles_imported_at_id", "articles", ["imported_at", "id"]),
    ("ix_flags_created_at_id", "flags", ["created_at", "id"]),
    ("ix_flags_status_created_at_id", "flags", ["status", "created_at", "id"]),
    ("ix_flags_kind_created_at_id", "flags", ["kind", "created_at", "id"]),
    ("ix_flags_severity_created_at_id", "flags", ["severity", "created_at", "id"]),
    ("ix_revisions_entity_type_id", "revisions", ["entity_type", "id"]),
    ("ix_revisions_action_id", "revisions", ["action", "id"]),
    ("ix_revisions_actor_id_id", "revisions", ["actor_id", "id"]),
]

# Live claims of a live article; the article test reads the claim's own article row by key.
_ARTICLE_LIVE = "(SELECT deleted_at FROM articles WHERE id = {row}.article_id) IS NULL"

SQLITE_TRIGGERS = {
    "articles_count_insert": f"""
        CREATE TRIGGER articles_count_insert AFTER INSERT ON articles WHEN NEW.deleted_at IS NULL
        BEGIN UPDATE summary_counts SET n = n + 1 WHERE name = 'articles'; END""",
    "articles_count_delete": """
        CREATE TRIGGER articles_count_delete AFTER DELETE ON articles WHEN OLD.deleted_at IS NULL
        BEGIN UPDATE summary_counts SET n = n - 1 WHERE name = 'articles'; END""",
    # Removing (or restoring) an article takes its live claims out of (or back into) the counts.
    "articles_count_remove": """
        CREATE TRIGGER articles_count_remove AFTER UPDATE OF deleted_at ON articles
        WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
        BEGIN
          UPDATE summary_counts SET n = n - 1 WHERE name = 'articles';
          UPDATE summary_counts SET n = n - (SELECT count(*) FROM claims WHERE claims.article_id = NEW.id
              AND claims.deleted_at IS NULL AND 'claims:' || claims.status = summary_counts.name)
            WHERE name LIKE 'claims:%';
        END""",
    "articles_count_restore": """
        CREATE TRIGGER articles_count_restore AFTER UPDATE OF deleted_at ON articles
        WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL
        BEGIN
          UPDATE summary_counts SET n = n + 1 WHERE name = 'articles';
          UPDATE summary_counts SET n = n + (SELECT count(*) FROM claims WHERE claims.article_id = NEW.id
              AND claims.deleted_at IS NULL AND 'claims:' || claims.status = summary_counts.name)
            WHERE name LIKE 'claims:%';
        END""",
    "claims_count_insert": f"""
        CREATE TRIGGER claims_count_insert AFTER INSERT ON claims
        WHEN NEW.deleted_at IS NULL AND {_ARTICLE_LIVE.format(row="NEW")}
        BEGIN UPDATE summary_counts SET n = n + 1 WHERE name = 'claims:' || NEW.status; END""",
    "claims_count_delete": f"""
        CREATE TRIGGER claims_count_delete AFTER DELETE ON claims
        WHEN OLD.deleted_at IS NULL AND {_ARTICLE_LIVE.format(row="OLD")}
        BEGIN UPDATE summary_counts SET n = n - 1 WHERE name = 'claims:' || OLD.status; END""",
    "claims_count_update": f"""
        CREATE TRIGGER claims_count_update AFTER UPDATE OF status, deleted_at, article_id ON claims
        BEGIN
          UPDATE summary_counts SET n = n - 1 WHERE name = 'claims:' || OLD.status
            AND OLD.deleted_at IS NULL AND {_ARTICLE_LIVE.format(row="OLD")};
          UPDATE summary_counts SET n = n + 1 WHERE name = 'claims:' || NEW.status
            AND NEW.deleted_at IS NULL AND {_ARTICLE_LIVE.format(row="NEW")};
        END""",
    "flags_count_insert": """
        CREATE TRIGGER flags_count_insert AFTER INSERT ON flags
        BEGIN
          INSERT OR IGNORE INTO flag_counts (status, kind, severity, n) VALUES (NEW.status, NEW.kind, NEW.severity, 0);
          UPDATE flag_counts SET n = n + 1
            WHERE status = NEW.status AND kind = NEW.kind AND severity = NEW.severity;
        END""",
    "flags_count_delete": """
        CREATE TRIGGER flags_count_delete AFTER DELETE ON flags
        BEGIN
          UPDATE flag_counts SET n = n - 1
            WHERE status = OLD.status AND kind = OLD.kind AND severity = OLD.severity;
        END""",
    "flags_count_update": """
        CREATE TRIGGER flags_count_update AFTER UPDATE OF status, kind, severity ON flags
        BEGIN
          UPDATE flag_counts SET n = n - 1
            WHERE status = OLD.status AND kind = OLD.kind AND severity = OLD.severity;
          INSERT OR IGNORE INTO flag_counts (status, kind, severity, n) VALUES (NEW.status, NEW.kind, NEW.severity, 0);
          UPDATE flag_counts SET n = n + 1
            WHERE status = NEW.status AND kind = NEW.kind AND severity = NEW.severity;
        END""",
}

PG_FUNCTIONS = {
    "articles_counts": """
        CREATE FUNCTION articles_counts() RETURNS trigger AS $$
        DECLARE delta integer := 0;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            IF NEW.deleted_at IS NULL THEN delta := 1; END IF;
          ELSIF TG_OP = 'DELETE' THEN
            IF OLD.deleted_at IS NULL THEN delta := -1; END IF;
          ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN delta := -1;
          ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN delta := 1;
          END IF;
          IF delta = 0 THEN RETURN NULL; END IF;
          UPDATE summary_counts SET n = n + delta WHERE name = 'articles';
          IF TG_OP = 'UPDATE' THEN
            UPDATE summary_counts s SET n = s.n + delta * c.k
              FROM (SELECT status, count(*) AS k FROM claims WHERE article_id = NEW.id AND deleted_at IS NULL
                    GROUP BY status) c
              WHERE s.name = 'claims:' || c.status;
          END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
    "claims_counts": """
        CREATE FUNCTION claims_counts() RETURNS trigger AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL
             AND (SELECT deleted_at FROM articles WHERE id = OLD.article_id) IS NULL THEN
            UPDATE summary_counts SET n = n - 1 WHERE name = 'claims:' || OLD.status;
          END IF;
          IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL
             AND (SELECT deleted_at FROM articles WHERE id = NEW.article_id) IS NULL THEN
            UPDATE summary_counts SET n = n + 1 WHERE name = 'claims:' || NEW.status;
          END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
    "flags_counts": """
        CREATE FUNCTION flags_counts() RETURNS trigger AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE flag_counts SET n = n - 1
              WHERE status = OLD.status AND kind = OLD.kind AND severity = OLD.severity;
          END IF;
          IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO flag_counts (status, kind, severity, n) VALUES (NEW.status, NEW.kind, NEW.severity, 1)
              ON CONFLICT (status, kind, severity) DO UPDATE SET n = flag_counts.n + 1;
          END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
}

PG_TRIGGERS = {
    "articles_counts": "AFTER INSERT OR DELETE OR UPDATE OF deleted_at ON articles",
    "claims_counts": "AFTER INSERT OR DELETE OR UPDATE OF status, deleted_at, article_id ON claims",
    "flags_counts": "AFTER INSERT OR DELETE OR UPDATE OF status, kind, severity ON flags",
}


def upgrade():
    op.create_table(
        "summary_counts",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_summary_counts")),
    )
    op.create_table(
        "flag_counts",
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("status", "kind", "severity", name=op.f("pk_flag_counts")),
    )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    # The counts of the rows already there, then the triggers that keep them.
    op.execute("INSERT INTO summary_counts (name, n) "
               "SELECT 'articles', count(*) FROM articles WHERE deleted_at IS NULL")
    for status in CLAIM_STATUSES:
        op.execute(
            f"INSERT INTO summary_counts (name, n) SELECT 'claims:{status}', count(*) FROM claims "
            f"JOIN articles ON articles.id = claims.article_id "
            f"WHERE claims.status = '{status}' AND claims.deleted_at IS NULL AND articles.deleted_at IS NULL"
        )
    op.execute("INSERT INTO flag_counts (status, kind, severity, n) "
               "SELECT status, kind, severity, count(*) FROM flags GROUP BY status, kind, severity")
    if op.get_bind().dialect.name == "postgresql":
        for name, body in PG_FUNCTIONS.items():
            op.execute(body)
            op.execute(f"CREATE TRIGGER {name} {PG_TRIGGERS[name]} FOR EACH ROW EXECUTE FUNCTION {name}()")
    else:
        for body in SQLITE_TRIGGERS.values():
            op.execute(body)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, spec in PG_TRIGGERS.items():
            table = spec.rsplit(" ON ", 1)[1]
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_table("flag_counts")
    op.drop_table("summary_counts")
