"""Team policy overrides, promotions of adopted skills, saved prep briefs and roleplay attempts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the policy and practice tables."""
    op.create_table(
        "team_policies",
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=True),
        sa.Column("breaches", sa.Integer(), nullable=True),
        sa.Column("of_last", sa.Integer(), nullable=True),
        sa.Column("window_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_team_policies_team_id_teams", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id", "criterion", name="pk_team_policies"),
    )
    op.create_table(
        "promotions",
        sa.Column("id", sa.String(400), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=True),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("promoted_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.CheckConstraint("(rep_id IS NULL) <> (team_id IS NULL)", name="ck_promotions_one_target"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_promotions_rep_id_reps", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_promotions_team_id_teams", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_promotions"),
    )
    op.create_index("ix_promotions_rep_id", "promotions", ["rep_id"])
    op.create_index("ix_promotions_team_id", "promotions", ["team_id"])
    op.create_table(
        "saved_briefs",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_saved_briefs_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_saved_briefs"),
    )
    op.create_index("ix_saved_briefs_rep_id", "saved_briefs", ["rep_id"])
    op.create_table(
        "roleplay_attempts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("transcript", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_roleplay_attempts_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_roleplay_attempts"),
    )
    op.create_index("ix_roleplay_attempts_rep_id", "roleplay_attempts", ["rep_id"])
    op.create_index("ix_roleplay_attempts_date", "roleplay_attempts", ["date"])


def downgrade() -> None:
    """Drop the policy and practice tables."""
    for table in ("roleplay_attempts", "saved_briefs", "promotions", "team_policies"):
        op.drop_table(table)
