"""What store calls return: plain Pydantic values (never live ORM rows), shaped like the team file where they overlap."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from copilot.knowledge.team_file import ActionItem, Assignment, Observation, Session
from copilot.records import models as m


class UserView(BaseModel):
    """A user as others may see them (never the password hash)."""

    id: str
    name: str
    email: str
    role: str
    has_password: bool = False


class RepView(BaseModel):
    """A rep with the team and manager they belong to."""

    id: str
    name: str
    email: str
    team_id: str
    team_name: str
    manager_id: str
    profile: str
    start_date: dt.date
    notes: str = ""


class TeamView(BaseModel):
    """A team, its manager and the reps the actor may see."""

    id: str
    name: str
    manager: UserView
    reps: list[RepView] = Field(default_factory=list)


class ActionItemView(BaseModel):
    """An action item with the session it came from, for reconciling at the next one."""

    id: str
    session_id: str
    session_date: dt.date
    rep_id: str
    text: str
    owner: Literal["rep", "manager"]
    due: dt.date
    status: Literal["open", "done", "dropped"]
    closed_on: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        """Open and past its due date."""
        return self.status == "open" and self.due < today


class BriefView(BaseModel):
    """A saved prep brief."""

    id: str
    rep_id: str
    date: dt.date
    payload: dict[str, Any]
    created_by: str | None = None


class RoleplayAttemptView(BaseModel):
    """One roleplay practice run."""

    id: str
    rep_id: str
    scenario: str
    date: dt.date
    transcript: list[Any] = Field(default_factory=list)
    scores: dict[str, Any] = Field(default_factory=dict)


class PolicyOverrideView(BaseModel):
    """A team's override of one criterion's policy numbers."""

    team_id: str
    criterion: str
    threshold: int | None = None
    breaches: int | None = None
    of_last: int | None = None
    window_days: int | None = None


class PromotionView(BaseModel):
    """An advanced skill promoted to basic for a rep or a team."""

    criterion: str
    rep_id: str | None = None
    team_id: str | None = None
    threshold: int
    promoted_on: dt.date


def user_view(row: m.User) -> UserView:
    """UserView from a row."""
    return UserView(id=row.id, name=row.name, email=row.email, role=row.role, has_password=bool(row.password_hash))


def rep_view(row: m.Rep) -> RepView:
    """RepView from a row (team and user loaded)."""
    return RepView(
        id=row.id,
        name=row.user.name,
        email=row.user.email,
        team_id=row.team_id,
        team_name=row.team.name,
        manager_id=row.team.manager_id,
        profile=row.profile,
        start_date=row.start_date,
        notes=row.notes,
    )


def observation_view(row: m.Observation) -> Observation:
    """An observation as the team file writes it."""
    return Observation(
        id=row.id,
        rep=row.rep_id,
        date=row.date,
        interaction=row.interaction,
        observer=row.observer,  # type: ignore[arg-type]
        scores={s.criterion: s.score for s in row.scores},
        evidence={s.criterion: s.evidence for s in row.scores if s.evidence},
    )


def action_item(row: m.ActionItem) -> ActionItem:
    """An action item as the team file writes it."""
    return ActionItem(
        id=row.id,
        text=row.text,
        owner=row.owner,  # type: ignore[arg-type]
        due=row.due,
        status=row.status,  # type: ignore[arg-type]
        closed_on=row.closed_on,
    )


def action_item_view(row: m.ActionItem) -> ActionItemView:
    """An action item with its session's id and date."""
    return ActionItemView(
        id=row.id,
        session_id=row.session_id,
        session_date=row.session.date,
        rep_id=row.rep_id,
        text=row.text,
        owner=row.owner,  # type: ignore[arg-type]
        due=row.due,
        status=row.status,  # type: ignore[arg-type]
        closed_on=row.closed_on,
    )


def session_view(row: m.CoachingSession) -> Session:
    """A coaching session with its action items, as the team file writes it."""
    return Session(
        id=row.id,
        rep=row.rep_id,
        date=row.date,
        kind=row.kind,  # type: ignore[arg-type]
        duration_minutes=row.duration_minutes,
        notes=row.notes,
        agreements=list(row.agreements or []),
        action_items=[action_item(a) for a in row.action_items],
    )


def assignment_view(row: m.Assignment) -> Assignment:
    """An assignment as the team file writes it."""
    return Assignment(
        id=row.id,
        rep=row.rep_id,
        activity=row.activity,
        assigned_on=row.assigned_on,
        due=row.due,
        status=row.status,  # type: ignore[arg-type]
        completed_on=row.completed_on,
        evidence=row.evidence,
    )


def brief_view(row: m.SavedBrief) -> BriefView:
    """BriefView from a row."""
    return BriefView(id=row.id, rep_id=row.rep_id, date=row.date, payload=row.payload, created_by=row.created_by)


def roleplay_view(row: m.RoleplayAttempt) -> RoleplayAttemptView:
    """RoleplayAttemptView from a row."""
    return RoleplayAttemptView(
        id=row.id,
        rep_id=row.rep_id,
        scenario=row.scenario,
        date=row.date,
        transcript=list(row.transcript or []),
        scores=dict(row.scores or {}),
    )


def override_view(row: m.TeamPolicy) -> PolicyOverrideView:
    """PolicyOverrideView from a row."""
    return PolicyOverrideView(
        team_id=row.team_id,
        criterion=row.criterion,
        threshold=row.threshold,
        breaches=row.breaches,
        of_last=row.of_last,
        window_days=row.window_days,
    )


def promotion_view(row: m.Promotion) -> PromotionView:
    """PromotionView from a row."""
    return PromotionView(
        criterion=row.criterion,
        rep_id=row.rep_id,
        team_id=row.team_id,
        threshold=row.threshold,
        promoted_on=row.promoted_on,
    )
