"""background jobs: jobs, the uploaded files an import job reads, and the per-file error log

New tables only (workbench/jobs/models.py); the queue itself lives in Huey's own storage.

Revision ID: c4e8a1b7d902
Revises: b1f0c2d3e4a5
Create Date: 2026-12-03 07:50:00

"""
import sqlalchemy as sa
from alembic import op


revision = "c4e8a1b7d902"
down_revision = "b1f0c2d3e4a5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("owner_label", sa.String(length=300), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=True),
        sa.Column("result_file", sa.String(length=300), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('import', 'detect', 'reextract', 'export')", name=op.f("ck_jobs_kind")),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed', 'cancelled')",
                           name=op.f("ck_jobs_state")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_jobs_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index("ix_jobs_owner_id_id", "jobs", ["owner_id", "id"], unique=False)
    op.create_index("ix_jobs_state", "jobs", ["state"], unique=False)
    op.create_table(
        "job_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_job_inputs_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_inputs")),
    )
    op.create_index(op.f("ix_job_inputs_job_id"), "job_inputs", ["job_id"], unique=False)
    op.create_table(
        "job_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_job_errors_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_errors")),
    )
    op.create_index(op.f("ix_job_errors_job_id"), "job_errors", ["job_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_job_errors_job_id"), table_name="job_errors")
    op.drop_table("job_errors")
    op.drop_index(op.f("ix_job_inputs_job_id"), table_name="job_inputs")
    op.drop_table("job_inputs")
    op.drop_index("ix_jobs_state", table_name="jobs")
    op.drop_index("ix_jobs_owner_id_id", table_name="jobs")
    op.drop_table("jobs")
