"""claim comments with @mentions (the desk's comment threads and mentions queue)

New tables only: claims and articles are not rebuilt, so their triggers stay.

Revision ID: a7d3c9e1f0b2
Revises: 3dd00efb8198
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op


revision = "a7d3c9e1f0b2"
down_revision = "3dd00efb8198"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claim_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_claim_comments_author_id_users")),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_comments_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_comments")),
    )
    op.create_index(op.f("ix_claim_comments_claim_id"), "claim_comments", ["claim_id"], unique=False)
    op.create_table(
        "claim_comment_mentions",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["claim_comments.id"],
                                name=op.f("fk_claim_comment_mentions_comment_id_claim_comments")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_claim_comment_mentions_user_id_users")),
        sa.PrimaryKeyConstraint("comment_id", "user_id", name=op.f("pk_claim_comment_mentions")),
    )
    op.create_index(op.f("ix_claim_comment_mentions_user_id"), "claim_comment_mentions", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_claim_comment_mentions_user_id"), table_name="claim_comment_mentions")
    op.drop_table("claim_comment_mentions")
    op.drop_index(op.f("ix_claim_comments_claim_id"), table_name="claim_comments")
    op.drop_table("claim_comments")
