"""chain head holds the newest revision's hash and previous hash; append without append_revision()

The revision write path (workbench/audit/operations.py) now appends with one UPDATE of the
chain head that also hashes the new revision in SQL from the previous hash the head holds (on
PostgreSQL the revision's INSERT rides in the same statement). The head therefore carries the
newest revision's hash and previous hash, backfilled here from the revision it points at
(the genesis hash while the chain is empty). The PL/pgSQL function append_revision() is no
longer called and is dropped; downgrade restores it.

Revision ID: 3dd00efb8198
Revises: 5c1e0a7b2d94
Create Date: 2026-11-21 17:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "3dd00efb8198"
down_revision = "5c1e0a7b2d94"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64


def upgrade():
    with op.batch_alter_table("revision_chain_head", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_hash", sa.String(length=64), nullable=False,
                                      server_default=GENESIS_HASH))
        batch_op.add_column(sa.Column("last_prev_hash", sa.String(length=64), nullable=False,
                                      server_default=GENESIS_HASH))
    op.execute(
        "UPDATE revision_chain_head SET "
        f"last_hash = COALESCE((SELECT hash FROM revisions WHERE revisions.id = revision_chain_head.last_id), "
        f"'{GENESIS_HASH}'), "
        f"last_prev_hash = COALESCE((SELECT prev_hash FROM revisions WHERE revisions.id = revision_chain_head.last_id), "
        f"'{GENESIS_HASH}')"
    )
    # The defaults only filled the existing row: appends always set both columns.
    with op.batch_alter_table("revision_chain_head", schema=None) as batch_op:
        batch_op.alter_column("last_hash", server_default=None)
        batch_op.alter_column("last_prev_hash", server_default=None)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS append_revision(timestamptz, integer, text, text, text, integer, integer, "
            "integer, json, text, text, text)"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        # As created by 5c1e0a7b2d94_append_revision_function.
        op.execute(
            """
            CREATE FUNCTION append_revision(
                p_created_at timestamptz, p_actor_id integer, p_actor_label text, p_action text,
                p_entity_type text, p_entity_id integer, p_claim_id integer, p_article_id integer,
                p_changes json, p_reason text, p_before text, p_after text
            ) RETURNS TABLE (new_id integer, prev_hash text, new_hash text)
            LANGUAGE plpgsql VOLATILE AS $$
            BEGIN
                UPDATE revision_chain_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id INTO new_id;
                IF new_id = 1 THEN
                    prev_hash := repeat('0', 64);
                ELSE
                    SELECT r.hash INTO STRICT prev_hash FROM revisions r WHERE r.id = new_id - 1;
                END IF;
                new_hash := encode(sha256(convert_to(
                    p_before || new_id::text || ',"prev_hash":"' || prev_hash || p_after, 'UTF8')), 'hex');
                INSERT INTO revisions (id, created_at, actor_id, actor_label, action, entity_type, entity_id,
                                       claim_id, article_id, changes, reason, prev_hash, hash)
                VALUES (new_id, p_created_at, p_actor_id, p_actor_label, p_action, p_entity_type, p_entity_id,
                        p_claim_id, p_article_id, p_changes, p_reason, prev_hash, new_hash);
                RETURN NEXT;
            END
            $$
            """
        )
    with op.batch_alter_table("revision_chain_head", schema=None) as batch_op:
        batch_op.drop_column("last_prev_hash")
        batch_op.drop_column("last_hash")
