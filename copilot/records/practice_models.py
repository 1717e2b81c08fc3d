"""Tables of the practice programme (revision 0004_practice): human review of AI scores, named reviewers,
certifications with versioned rules, calibration sessions and the daily drill."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from copilot.records.orm import ID, Base, utcnow


class ScoreReview(Base):
    """One approval of a scored roleplay attempt or reviewed call; each approval is a new version (audit trail)."""

    __tablename__ = "score_reviews"
    __table_args__ = (
        CheckConstraint("subject_kind IN ('roleplay', 'observation')", name="subject_kind"),
        UniqueConstraint("subject_kind", "subject_id", "version"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[str] = mapped_column(ID, index=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    reviewer_id: Mapped[str] = mapped_column(ID)
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class ScoreReviewLevel(Base):
    """One criterion in one approval: the AI's level, the level before this approval, the approved one and why."""

    __tablename__ = "score_review_levels"
    __table_args__ = (
        CheckConstraint("ai_level BETWEEN 1 AND 4", name="ai_level"),
        CheckConstraint("level BETWEEN 1 AND 4", name="level"),
    )

    review_id: Mapped[str] = mapped_column(ForeignKey("score_reviews.id", ondelete="CASCADE"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(200), primary_key=True)
    ai_level: Mapped[int] = mapped_column(Integer)
    before: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")


class NamedReviewer(Base):
    """A user enablement named to review AI scores of one team (besides its manager)."""

    __tablename__ = "named_reviewers"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    named_by: Mapped[str] = mapped_column(ID)
    named_on: Mapped[dt.date] = mapped_column(Date)


class Certification(Base):
    """A certification: its rules live in versions, so a change never moves reps who already started."""

    __tablename__ = "certifications"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), default=None, index=True)
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CertificationVersion(Base):
    """One version of a certification's rules (scenarios, levels, attempts allowed, due date)."""

    __tablename__ = "certification_versions"

    certification_id: Mapped[str] = mapped_column(ForeignKey("certifications.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CalibrationSession(Base):
    """Managers score one recorded roleplay or reviewed call blind; the agreed levels become a labelled case."""

    __tablename__ = "calibration_sessions"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("subject_kind IN ('roleplay', 'observation')", name="subject_kind"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[str] = mapped_column(ID)
    criteria: Mapped[list[str]] = mapped_column(JSON)
    ai_levels: Mapped[dict[str, int]] = mapped_column(JSON)
    participants: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")
    agreed: Mapped[dict[str, int] | None] = mapped_column(JSON, default=None)
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)


class CalibrationScore(Base):
    """One manager's level for one criterion in one calibration session (submitted once, blind)."""

    __tablename__ = "calibration_scores"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level"),)

    session_id: Mapped[str] = mapped_column(ForeignKey("calibration_sessions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    criterion: Mapped[str] = mapped_column(String(200), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DrillAttempt(Base):
    """One daily drill said back (typed) and scored: the item, the answer, the checks."""

    __tablename__ = "drill_attempts"
    __table_args__ = (CheckConstraint("kind IN ('objection', 'message')", name="kind"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(String(200))
    prompt: Mapped[str] = mapped_column(Text)
    response: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    checks: Mapped[list[Any]] = mapped_column(JSON)
    why: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
