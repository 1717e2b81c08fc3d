"""Core records: users, teams, reps, observations with scores, coaching sessions, action items, assignments.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the core tables."""
    op.create_table(
        "users",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(400), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('rep', 'manager', 'enablement', 'admin')", name="ck_users_role"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("manager_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["users.id"], name="fk_teams_manager_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
    )
    op.create_index("ix_teams_manager_id", "teams", ["manager_id"])
    op.create_table(
        "reps",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("profile", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_reps_user_id_users"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_reps_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_reps"),
        sa.UniqueConstraint("user_id", name="uq_reps_user_id"),
    )
    op.create_index("ix_reps_team_id", "reps", ["team_id"])
    op.create_table(
        "observations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("interaction", sa.String(100), nullable=False),
        sa.Column("observer", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("observer IN ('manager', 'self', 'peer', 'automatic')", name="ck_observations_observer"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_observations_rep_id_reps"),
        sa.PrimaryKeyConstraint("id", name="pk_observations"),
    )
    op.create_index("ix_observations_rep_id", "observations", ["rep_id"])
    op.create_index("ix_observations_date", "observations", ["date"])
    op.create_table(
        "observation_scores",
        sa.Column("observation_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 4", name="ck_observation_scores_score_range"),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name="fk_observation_scores_observation_id_observations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("observation_id", "criterion", name="pk_observation_scores"),
    )
    op.create_table(
        "coaching_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("agreements", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_coaching_sessions_rep_id_reps"),
        sa.PrimaryKeyConstraint("id", name="pk_coaching_sessions"),
    )
    op.create_index("ix_coaching_sessions_rep_id", "coaching_sessions", ["rep_id"])
    op.create_index("ix_coaching_sessions_date", "coaching_sessions", ["date"])
    op.create_table(
        "action_items",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(16), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'done', 'dropped')", name="ck_action_items_status"),
        sa.CheckConstraint("owner IN ('rep', 'manager')", name="ck_action_items_owner"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["coaching_sessions.id"],
            name="fk_action_items_session_id_coaching_sessions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_action_items_rep_id_reps"),
        sa.PrimaryKeyConstraint("id", name="pk_action_items"),
    )
    op.create_index("ix_action_items_session_id", "action_items", ["session_id"])
    op.create_index("ix_action_items_rep_id", "action_items", ["rep_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("activity", sa.String(200), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('assigned', 'in_progress', 'done')", name="ck_assignments_status"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_assignments_rep_id_reps"),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
    )
    op.create_index("ix_assignments_rep_id", "assignments", ["rep_id"])


def downgrade() -> None:
    """Drop the core tables."""
    for table in (
        "assignments",
        "action_items",
        "coaching_sessions",
        "observation_scores",
        "observations",
        "reps",
        "teams",
        "users",
    ):
        op.drop_table(table)
