"""users carry a session generation; login lockouts are kept

users.session_generation: each session stores the generation it was made in and is refused once
the user's generation moved on (logout, password change, deactivation, role change, "log out
everywhere"). Existing users start at 0, so sessions made before the upgrade (which carry no
generation) end at the first request: everyone logs in once more.

login_lockouts: one row (and one revision) each time the login throttle trips for an account or
an address, so an attack on the desk is visible in the history.

Revision ID: a7c3e91f0b52
Revises: 3dd00efb8198
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a7c3e91f0b52"
down_revision = "3dd00efb8198"
branch_labels = None
depends_on = None


def upgrade():
    # add_column, not a batch rebuild: the users table keeps its constraints as they are.
    op.add_column("users", sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "login_lockouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=254), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("scope IN ('account', 'address')", name=op.f("ck_login_lockouts_scope")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_lockouts")),
    )
    op.create_index("ix_login_lockouts_created_at", "login_lockouts", ["created_at"], unique=False)


def downgrade():
    op.drop_index("ix_login_lockouts_created_at", table_name="login_lockouts")
    op.drop_table("login_lockouts")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_generation")
