"""Roleplay sessions in progress (resumable) and scenarios assigned by a manager with a target level.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the roleplay session and assignment tables."""
    op.create_table(
        "roleplay_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("attempt_id", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.CheckConstraint("status IN ('active', 'finished', 'abandoned')", name="ck_roleplay_sessions_status"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_roleplay_sessions_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_roleplay_sessions"),
    )
    op.create_index("ix_roleplay_sessions_rep_id", "roleplay_sessions", ["rep_id"])
    op.create_table(
        "roleplay_assignments",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("attempt_id", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.CheckConstraint("target_level BETWEEN 1 AND 4", name="ck_roleplay_assignments_target_level"),
        sa.CheckConstraint("status IN ('assigned', 'done')", name="ck_roleplay_assignments_status"),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["reps.id"], name="fk_roleplay_assignments_rep_id_reps", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roleplay_assignments"),
    )
    op.create_index("ix_roleplay_assignments_rep_id", "roleplay_assignments", ["rep_id"])


def downgrade() -> None:
    """Drop the roleplay session and assignment tables."""
    for table in ("roleplay_assignments", "roleplay_sessions"):
        op.drop_table(table)
