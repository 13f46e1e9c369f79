"""join the accounts, desk comments and summary counts migrations

Revision ID: b1f0c2d3e4a5
Revises: a7c3e91f0b52, a7c3e91f5d20, a7d3c9e1f0b2
Create Date: 2026-12-02 09:15:55.946649

"""
# revision identifiers, used by Alembic.
revision = "b1f0c2d3e4a5"
down_revision = ("a7c3e91f0b52", "a7c3e91f5d20", "a7d3c9e1f0b2")
branch_labels = None
depends_on = None


def upgrade():
    """Nothing to change: the three parallel migrations only meet here."""


def downgrade():
    """Nothing to undo."""
