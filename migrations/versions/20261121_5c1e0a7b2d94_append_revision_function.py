"""append_revision(): one round trip per revision on PostgreSQL

The revision write path (workbench/audit/operations.py) calls this function to take the chain
head's lock, read the previous hash, hash the canonical content and insert the revision in one
statement. Each statement inside a PL/pgSQL function gets a fresh snapshot in read committed
mode, so the previous hash read after waiting for the lock is the one just committed by the
writer that held it. SQLite appends differently and needs nothing here.

Revision ID: 5c1e0a7b2d94
Revises: 8db99e338981
Create Date: 2026-11-21 16:30:00

"""
from alembic import op

revision = "5c1e0a7b2d94"
down_revision = "8db99e338981"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
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


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "DROP FUNCTION IF EXISTS append_revision(timestamptz, integer, text, text, text, integer, integer, integer, "
        "json, text, text, text)"
    )
