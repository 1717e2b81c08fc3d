"""Deals and pipeline targets per rep, imported from a CRM export, for pipeline, deal and forecast reviews.

Revision ID: 0002_prep_brief
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_prep_brief"
down_revision = "0003"  # the head when this branch was cut; re-chained at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the deals and pipeline_targets tables."""
    op.create_table(
        "deals",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("close_date", sa.Date(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("stage_since", sa.Date(), nullable=False),
        sa.Column("last_activity", sa.Date(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "category IN ('commit', 'best_case', 'pipeline', 'omitted', 'won', 'lost')", name="ck_deals_category"
        ),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_deals_rep_id_reps"),
        sa.PrimaryKeyConstraint("id", name="pk_deals"),
    )
    op.create_index("ix_deals_rep_id", "deals", ["rep_id"])
    op.create_table(
        "pipeline_targets",
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("coverage_goal", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_pipeline_targets_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("rep_id", "period", name="pk_pipeline_targets"),
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table("pipeline_targets")
    op.drop_index("ix_deals_rep_id", table_name="deals")
    op.drop_table("deals")
