"""Practice programme: human review of AI scores (versioned approvals), named reviewers, certifications with
versioned rules, calibration sessions, daily drills.

Revision ID: 0004_practice
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_practice"
down_revision = "0002_prep_brief"  # re-chained at merge: after the deals tables
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the practice programme tables."""
    op.create_table(
        "score_reviews",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.String(64), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("subject_kind IN ('roleplay', 'observation')", name="ck_score_reviews_subject_kind"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_score_reviews_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_score_reviews"),
        sa.UniqueConstraint("subject_kind", "subject_id", "version", name="uq_score_reviews_subject_kind"),
    )
    op.create_index("ix_score_reviews_subject_id", "score_reviews", ["subject_id"])
    op.create_index("ix_score_reviews_rep_id", "score_reviews", ["rep_id"])
    op.create_table(
        "score_review_levels",
        sa.Column("review_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("ai_level", sa.Integer(), nullable=False),
        sa.Column("before", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("ai_level BETWEEN 1 AND 4", name="ck_score_review_levels_ai_level"),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name="ck_score_review_levels_level"),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["score_reviews.id"],
            name="fk_score_review_levels_review_id_score_reviews",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "criterion", name="pk_score_review_levels"),
    )
    op.create_table(
        "named_reviewers",
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("named_by", sa.String(64), nullable=False),
        sa.Column("named_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_named_reviewers_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_named_reviewers_team_id_teams", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "team_id", name="pk_named_reviewers"),
    )
    op.create_table(
        "certifications",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_certifications_team_id_teams", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_certifications"),
    )
    op.create_index("ix_certifications_team_id", "certifications", ["team_id"])
    op.create_table(
        "certification_versions",
        sa.Column("certification_id", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["certification_id"],
            ["certifications.id"],
            name="fk_certification_versions_certification_id_certifications",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("certification_id", "version", name="pk_certification_versions"),
    )
    op.create_table(
        "calibration_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("ai_levels", sa.JSON(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("agreed", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_calibration_sessions_status"),
        sa.CheckConstraint("subject_kind IN ('roleplay', 'observation')", name="ck_calibration_sessions_subject_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_calibration_sessions"),
    )
    op.create_table(
        "calibration_scores",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name="ck_calibration_scores_level"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["calibration_sessions.id"],
            name="fk_calibration_scores_session_id_calibration_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "user_id", "criterion", name="pk_calibration_scores"),
    )
    op.create_table(
        "drill_attempts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("item_id", sa.String(200), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('objection', 'message')", name="ck_drill_attempts_kind"),
        sa.ForeignKeyConstraint(["rep_id"], ["reps.id"], name="fk_drill_attempts_rep_id_reps", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_drill_attempts"),
    )
    op.create_index("ix_drill_attempts_rep_id", "drill_attempts", ["rep_id"])
    op.create_index("ix_drill_attempts_date", "drill_attempts", ["date"])


def downgrade() -> None:
    """Drop the practice programme tables."""
    for table in (
        "certification_versions",
        "certifications",
        "named_reviewers",
        "score_review_levels",
        "score_reviews",
    ):
        op.drop_table(table)
