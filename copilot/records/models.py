"""SQLAlchemy tables of the coaching records, so SQLite and PostgreSQL hold the same schema through one code path."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from copilot.records.orm import ID, NAMING, Base, utcnow  # noqa: F401  (re-exported: the tables' foundation)


class User(Base):
    """Anyone who signs in or acts on records; the role decides what they may read."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('rep', 'manager', 'enablement', 'admin')", name="role"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(400), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Team(Base):
    """A frontline manager and the reps they coach."""

    __tablename__ = "teams"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    manager_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)

    manager: Mapped[User] = relationship()
    reps: Mapped[list[Rep]] = relationship(back_populates="team", order_by="Rep.id")


class Rep(Base):
    """A seller: a user on a team, with the profile and start date coaching depends on."""

    __tablename__ = "reps"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), unique=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    profile: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship()
    team: Mapped[Team] = relationship(back_populates="reps")


class Observation(Base):
    """One interaction of one rep, assessed against its assessment map."""

    __tablename__ = "observations"
    __table_args__ = (CheckConstraint("observer IN ('manager', 'self', 'peer', 'automatic')", name="observer"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    interaction: Mapped[str] = mapped_column(String(100))
    observer: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(ID, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    scores: Mapped[list[Score]] = relationship(
        back_populates="observation", cascade="all, delete-orphan", order_by="Score.position"
    )


class Score(Base):
    """One criterion's level (1-4) in one observation, with the evidence behind it."""

    __tablename__ = "observation_scores"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 4", name="score_range"),)

    observation_id: Mapped[str] = mapped_column(ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(200), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str | None] = mapped_column(Text, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)

    observation: Mapped[Observation] = relationship(back_populates="scores")


class CoachingSession(Base):
    """A coaching conversation with its notes and agreements."""

    __tablename__ = "coaching_sessions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    agreements: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str | None] = mapped_column(ID, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ActionItem.position"
    )


class ActionItem(Base):
    """Something agreed in a session, reconciled at the next one."""

    __tablename__ = "action_items"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'done', 'dropped')", name="status"),
        CheckConstraint("owner IN ('rep', 'manager')", name="owner"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(16))
    due: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[CoachingSession] = relationship(back_populates="action_items")


class Assignment(Base):
    """A learning activity assigned to a rep, and whether it happened."""

    __tablename__ = "assignments"
    __table_args__ = (CheckConstraint("status IN ('assigned', 'in_progress', 'done')", name="status"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id"), index=True)
    activity: Mapped[str] = mapped_column(String(200))
    assigned_on: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    evidence: Mapped[str | None] = mapped_column(Text, default=None)


class TeamPolicy(Base):
    """A team's override of the methodology's trust-but-verify policy for one criterion (revision 0002)."""

    __tablename__ = "team_policies"

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(200), primary_key=True)
    threshold: Mapped[int | None] = mapped_column(Integer, default=None)
    breaches: Mapped[int | None] = mapped_column(Integer, default=None)
    of_last: Mapped[int | None] = mapped_column(Integer, default=None)
    window_days: Mapped[int | None] = mapped_column(Integer, default=None)


class Promotion(Base):
    """An adopted advanced skill moved to basic, with a threshold, for one rep or a whole team (revision 0002)."""

    __tablename__ = "promotions"
    __table_args__ = (CheckConstraint("(rep_id IS NULL) <> (team_id IS NULL)", name="one_target"),)

    id: Mapped[str] = mapped_column(String(400), primary_key=True)  # `<criterion>@rep:<id>` or `@team:<id>`
    criterion: Mapped[str] = mapped_column(String(200))
    rep_id: Mapped[str | None] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), default=None, index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), default=None, index=True)
    threshold: Mapped[int] = mapped_column(Integer)
    promoted_on: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[str | None] = mapped_column(ID, default=None)


class SavedBrief(Base):
    """A prep brief as generated, kept so the next prep can cite what was planned (revision 0002)."""

    __tablename__ = "saved_briefs"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str | None] = mapped_column(ID, default=None)


class RoleplayAttempt(Base):
    """One practice run against a simulated buyer; the roleplay issue fills it (revision 0002)."""

    __tablename__ = "roleplay_attempts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    scenario: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    transcript: Mapped[list[Any]] = mapped_column(JSON, default=list)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RoleplaySession(Base):
    """A roleplay in progress, saved after every turn so an interrupted one can be resumed (revision 0003)."""

    __tablename__ = "roleplay_sessions"
    __table_args__ = (CheckConstraint("status IN ('active', 'finished', 'abandoned')", name="status"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    scenario: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="active")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    attempt_id: Mapped[str | None] = mapped_column(ID, default=None)
    created_by: Mapped[str | None] = mapped_column(ID, default=None)


class RoleplayAssignment(Base):
    """A scenario a manager assigned to a rep, with the level every step should reach (revision 0003)."""

    __tablename__ = "roleplay_assignments"
    __table_args__ = (
        CheckConstraint("target_level BETWEEN 1 AND 4", name="target_level"),
        CheckConstraint("status IN ('assigned', 'done')", name="status"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), index=True)
    scenario: Mapped[str] = mapped_column(String(200))
    target_level: Mapped[int] = mapped_column(Integer)
    assigned_on: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    attempt_id: Mapped[str | None] = mapped_column(ID, default=None)
    created_by: Mapped[str | None] = mapped_column(ID, default=None)


class Deal(Base):
    """One opportunity of a rep as a CRM export saw it on `as_of` (revision 0002_prep_brief): what pipeline,
    deal and forecast reviews coach from."""

    __tablename__ = "deals"
    __table_args__ = (
        CheckConstraint("category IN ('commit', 'best_case', 'pipeline', 'omitted', 'won', 'lost')", name="category"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stage: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    close_date: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(16), default="pipeline")
    stage_since: Mapped[dt.date] = mapped_column(Date)
    last_activity: Mapped[dt.date | None] = mapped_column(Date, default=None)
    next_step: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[dt.date] = mapped_column(Date)


class PipelineTarget(Base):
    """A rep's target for one quarter (`2027-Q1`), against which coverage is measured (revision 0002_prep_brief)."""

    __tablename__ = "pipeline_targets"

    rep_id: Mapped[str] = mapped_column(ForeignKey("reps.id", ondelete="CASCADE"), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)
    coverage_goal: Mapped[float] = mapped_column(Float, default=3.0)


from copilot.records import practice_models as _practice_models  # noqa: E402,F401  (registers revision 0004 tables)
