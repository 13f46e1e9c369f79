"""initial schema: users, articles, claims, values, reviews, sources, evidence, flags, revisions

Also seeds the revision chain head row and makes the revision table append-only with triggers
(UPDATE and DELETE are refused by the database itself).

Revision ID: 8db99e338981
Revises: 
Create Date: 2026-11-21 15:03:54.035671

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8db99e338981'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('revision_chain_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision_chain_head'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('reviewer', 'editor', 'admin')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('language', sa.String(length=12), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('raw_text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('source_name', sa.String(length=500), nullable=True),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('imported_by_label', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_articles_imported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash'))
    )
    op.create_table('flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('detected_by', sa.String(length=10), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("detected_by IN ('system', 'user')", name=op.f('ck_flags_detected_by')),
    sa.CheckConstraint("severity IN ('low', 'medium', 'high')", name=op.f('ck_flags_severity')),
    sa.CheckConstraint("status IN ('open', 'confirmed', 'dismissed', 'resolved')", name=op.f('ck_flags_status')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_flags_confidence')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_flags_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flags')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_flags_fingerprint'))
    )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.create_index('ix_flags_status', ['status'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint("action IN ('create', 'update', 'delete', 'revert')", name=op.f('ck_revisions_action')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_revisions_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions')),
    sa.UniqueConstraint('hash', name=op.f('uq_revisions_hash'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index('ix_revisions_actor_id', ['actor_id'], unique=False)
        batch_op.create_index('ix_revisions_article_id', ['article_id'], unique=False)
        batch_op.create_index('ix_revisions_claim_id', ['claim_id'], unique=False)
        batch_op.create_index('ix_revisions_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_revisions_entity_type_entity_id', ['entity_type', 'entity_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('accessed', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('primary', 'official', 'report', 'news', 'dataset', 'other')", name=op.f('ck_sources_kind')),
    sa.CheckConstraint("url LIKE 'http://%' OR url LIKE 'https://%'", name=op.f('ck_sources_url_scheme')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sources_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    op.create_table('article_keys',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_keys_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'key', name=op.f('pk_article_keys'))
    )
    with op.batch_alter_table('article_keys', schema=None) as batch_op:
        batch_op.create_index('ix_article_keys_key', ['key'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("origin IN ('extracted', 'manual', 'split', 'merged')", name=op.f('ck_claims_origin')),
    sa.CheckConstraint("status IN ('unreviewed', 'in_review', 'proposed', 'verified', 'disputed')", name=op.f('ck_claims_status')),
    sa.CheckConstraint('score >= 0 AND score <= 1', name=op.f('ck_claims_score')),
    sa.CheckConstraint('start_offset >= 0 AND end_offset >= start_offset', name=op.f('ck_claims_offsets')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claims_article_id_articles')),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_claims_assignee_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_article_id_status', ['article_id', 'status'], unique=False)
        batch_op.create_index('ix_claims_assignee_id_status', ['assignee_id', 'status'], unique=False)
        batch_op.create_index('ix_claims_status', ['status'], unique=False)

    op.create_table('claim_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('normalized', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("type IN ('date', 'date_range', 'percent', 'quantity', 'rank', 'year_target', 'money', 'duration')", name=op.f('ck_claim_values_type')),
    sa.CheckConstraint('start_offset >= 0 AND end_offset >= start_offset', name=op.f('ck_claim_values_offsets')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_values_claim_id_claims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_values'))
    )
    with op.batch_alter_table('claim_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_values_claim_id'), ['claim_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('stance', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("stance IN ('supports', 'refutes', 'context')", name=op.f('ck_evidence_stance')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_evidence_claim_id_claims')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_evidence_created_by_id_users')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_evidence_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_source_id'), ['source_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('rating_value', sa.Integer(), nullable=False),
    sa.Column('rating_label', sa.String(length=100), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state IN ('proposed', 'approved', 'rejected', 'superseded')", name=op.f('ck_reviews_state')),
    sa.CheckConstraint('approved_by_id IS NULL OR approved_by_id <> reviewer_id', name=op.f('ck_reviews_approver_not_reviewer')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_reviews_approved_by_id_users')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_reviews_claim_id_claims')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_reviews_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_claim_id'), ['claim_id'], unique=False)

    op.create_table('flag_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('value_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_flag_members_claim_id_claims')),
    sa.ForeignKeyConstraint(['flag_id'], ['flags.id'], name=op.f('fk_flag_members_flag_id_flags')),
    sa.ForeignKeyConstraint(['value_id'], ['claim_values.id'], name=op.f('fk_flag_members_value_id_claim_values')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_members'))
    )
    with op.batch_alter_table('flag_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_members_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_members_flag_id'), ['flag_id'], unique=False)

    op.bulk_insert(
        sa.table("revision_chain_head", sa.column("id", sa.Integer), sa.column("last_id", sa.Integer)),
        [{"id": 1, "last_id": 0}],
    )
    create_append_only_triggers()


def create_append_only_triggers():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION revisions_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'revisions are append-only: % refused', TG_OP;
            END;
            $$ LANGUAGE plpgsql
            """
        )
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER revisions_no_{operation.lower()} BEFORE {operation} ON revisions "
                "FOR EACH ROW EXECUTE FUNCTION revisions_append_only()"
            )
        op.execute(
            "CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions "
            "FOR EACH STATEMENT EXECUTE FUNCTION revisions_append_only()"
        )
    else:
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER revisions_no_{operation.lower()} BEFORE {operation} ON revisions "
                f"BEGIN SELECT RAISE(ABORT, 'revisions are append-only: {operation} refused'); END"
            )


def drop_append_only_triggers():
    for name in ("revisions_no_update", "revisions_no_delete"):
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON revisions")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS revisions_no_truncate ON revisions")
        op.execute("DROP FUNCTION IF EXISTS revisions_append_only()")


def downgrade():
    drop_append_only_triggers()
    with op.batch_alter_table('flag_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_members_flag_id'))
        batch_op.drop_index(batch_op.f('ix_flag_members_claim_id'))

    op.drop_table('flag_members')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_claim_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_source_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_claim_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('claim_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_values_claim_id'))

    op.drop_table('claim_values')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_status')
        batch_op.drop_index('ix_claims_assignee_id_status')
        batch_op.drop_index('ix_claims_article_id_status')

    op.drop_table('claims')
    with op.batch_alter_table('article_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_article_keys_key')

    op.drop_table('article_keys')
    op.drop_table('sources')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_revisions_entity_type_entity_id')
        batch_op.drop_index('ix_revisions_created_at')
        batch_op.drop_index('ix_revisions_claim_id')
        batch_op.drop_index('ix_revisions_article_id')
        batch_op.drop_index('ix_revisions_actor_id')

    op.drop_table('revisions')
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index('ix_flags_status')

    op.drop_table('flags')
    op.drop_table('articles')
    op.drop_table('users')
    op.drop_table('revision_chain_head')
