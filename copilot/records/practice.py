"""Saved prep briefs and roleplay attempts: what the prep and roleplay features keep between runs."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.errors import RecordsError
from copilot.records import models as m
from copilot.records.access import Actor
from copilot.records.base import StoreBase
from copilot.records.inputs import new_id, parse_level
from copilot.records.views import BriefView, RoleplayAttemptView, brief_view, roleplay_view

SessionStatus = Literal["active", "finished", "abandoned"]


class RoleplaySessionView(BaseModel):
    """A roleplay in progress or ended; `state` is the session snapshot the roleplay package restores."""

    id: str
    rep_id: str
    scenario: str
    status: SessionStatus
    started_at: dt.datetime
    updated_at: dt.datetime
    state: dict[str, Any] = Field(default_factory=dict)
    attempt_id: str | None = None


class RoleplayAssignmentView(BaseModel):
    """A scenario assigned by a manager, with the level every step should reach."""

    id: str
    rep_id: str
    scenario: str
    target_level: int
    assigned_on: dt.date
    due: dt.date | None = None
    status: Literal["assigned", "done"]
    completed_on: dt.date | None = None
    attempt_id: str | None = None
    created_by: str | None = None


def _session_view(row: m.RoleplaySession) -> RoleplaySessionView:
    return RoleplaySessionView(
        id=row.id,
        rep_id=row.rep_id,
        scenario=row.scenario,
        status=row.status,  # type: ignore[arg-type]
        started_at=row.started_at,
        updated_at=row.updated_at,
        state=row.state,
        attempt_id=row.attempt_id,
    )


def _assignment_view(row: m.RoleplayAssignment) -> RoleplayAssignmentView:
    return RoleplayAssignmentView(
        id=row.id,
        rep_id=row.rep_id,
        scenario=row.scenario,
        target_level=row.target_level,
        assigned_on=row.assigned_on,
        due=row.due,
        status=row.status,  # type: ignore[arg-type]
        completed_on=row.completed_on,
        attempt_id=row.attempt_id,
        created_by=row.created_by,
    )


def _json_safe(value: Any, what: str) -> Any:
    """The value after a JSON round trip, so what is stored is exactly what is read back on every backend."""
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError) as exc:
        raise RecordsError(
            f"{what} cannot be stored as JSON ({exc})", fix="pass plain dicts, lists, strings and numbers"
        ) from None


class PracticeMixin(StoreBase):
    """Prep briefs (manager side) and roleplay attempts (rep side)."""

    def save_brief(
        self, actor: Actor, rep_id: str, payload: dict[str, Any], *, date: dt.date | None = None
    ) -> BriefView:
        """Keep a generated prep brief (the rep's manager or an admin)."""
        data = _json_safe(payload, "the brief")
        with self._write() as s:
            self._rep(s, actor, rep_id, action="save prep briefs")
            row = m.SavedBrief(
                id=new_id("brief"), rep_id=rep_id, date=date or dt.date.today(), payload=data, created_by=actor.user_id
            )
            s.add(row)
            s.flush()
            return brief_view(row)

    def briefs(self, actor: Actor, rep_id: str) -> list[BriefView]:
        """Saved prep briefs for a rep, newest first (managers' working notes: reps do not see them)."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read prep briefs")
            query = select(m.SavedBrief).where(m.SavedBrief.rep_id == rep_id)
            return [brief_view(r) for r in s.scalars(query.order_by(m.SavedBrief.date.desc(), m.SavedBrief.id.desc()))]

    def add_roleplay_attempt(
        self,
        actor: Actor,
        rep_id: str,
        scenario: str,
        *,
        transcript: list[Any],
        scores: dict[str, Any],
        date: dt.date | None = None,
    ) -> RoleplayAttemptView:
        """Record one practice run (the rep themselves, their manager or an admin)."""
        if scenario not in self.kb.scenarios:
            from copilot.records.reference import suggest

            raise RecordsError(f"unknown scenario {scenario!r}", fix=suggest(scenario, self.kb.scenarios, "scenarios"))
        with self._write() as s:
            self._rep(s, actor, rep_id, action="record roleplay attempts", rep_may=True)
            row = m.RoleplayAttempt(
                id=new_id("rp"),
                rep_id=rep_id,
                scenario=scenario,
                date=date or dt.date.today(),
                transcript=_json_safe(transcript, "the transcript"),
                scores=_json_safe(scores, "the scores"),
            )
            s.add(row)
            s.flush()
            return roleplay_view(row)

    def roleplay_attempts(self, actor: Actor, rep_id: str) -> list[RoleplayAttemptView]:
        """A rep's roleplay attempts, oldest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read roleplay attempts", rep_may=True)
            query = select(m.RoleplayAttempt).where(m.RoleplayAttempt.rep_id == rep_id)
            return [roleplay_view(r) for r in s.scalars(query.order_by(m.RoleplayAttempt.date, m.RoleplayAttempt.id))]

    # ---- roleplay sessions in progress -----------------------------------------------------------

    def _scenario(self, scenario: str) -> str:
        if scenario not in self.kb.scenarios:
            from copilot.records.reference import suggest

            raise RecordsError(f"unknown scenario {scenario!r}", fix=suggest(scenario, self.kb.scenarios, "scenarios"))
        return scenario

    def _session_row(self, s: Session, actor: Actor, session_id: str, *, action: str) -> m.RoleplaySession:
        row = s.get(m.RoleplaySession, session_id)
        if row is None:
            raise RecordsError(
                f"unknown roleplay session {session_id!r}", fix="list open ones with `copilot scenarios --rep ID`"
            )
        self._rep(s, actor, row.rep_id, action=action, rep_may=True)
        return row

    def start_roleplay_session(
        self, actor: Actor, rep_id: str, scenario: str, state: dict[str, Any]
    ) -> RoleplaySessionView:
        """Open a session for the rep (the rep, their manager or an admin); it is saved again after every turn."""
        self._scenario(scenario)
        with self._write() as s:
            self._rep(s, actor, rep_id, action="practise roleplays", rep_may=True)
            now = m.utcnow()
            row = m.RoleplaySession(
                id=new_id("rps"),
                rep_id=rep_id,
                scenario=scenario,
                status="active",
                started_at=now,
                updated_at=now,
                state=_json_safe(state, "the session"),
                created_by=actor.user_id,
            )
            s.add(row)
            s.flush()
            return _session_view(row)

    def save_roleplay_session(self, actor: Actor, session_id: str, state: dict[str, Any]) -> RoleplaySessionView:
        """Replace an active session's snapshot (after a turn)."""
        with self._write() as s:
            row = self._session_row(s, actor, session_id, action="practise roleplays")
            if row.status != "active":
                raise RecordsError(f"roleplay session {session_id} is {row.status}", fix="start a new session")
            row.state, row.updated_at = _json_safe(state, "the session"), m.utcnow()
            s.flush()
            return _session_view(row)

    def roleplay_session(self, actor: Actor, session_id: str) -> RoleplaySessionView:
        """One session with its snapshot."""
        with self._read() as s:
            return _session_view(self._session_row(s, actor, session_id, action="read roleplay sessions"))

    def open_roleplay_sessions(
        self, actor: Actor, rep_id: str, *, scenario: str | None = None
    ) -> list[RoleplaySessionView]:
        """A rep's unfinished sessions, most recently used first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read roleplay sessions", rep_may=True)
            query = select(m.RoleplaySession).where(
                m.RoleplaySession.rep_id == rep_id, m.RoleplaySession.status == "active"
            )
            if scenario:
                query = query.where(m.RoleplaySession.scenario == scenario)
            order = (m.RoleplaySession.updated_at.desc(), m.RoleplaySession.id.desc())
            return [_session_view(r) for r in s.scalars(query.order_by(*order))]

    def abandon_roleplay_session(self, actor: Actor, session_id: str) -> RoleplaySessionView:
        """Close an unfinished session without scoring it (a fresh start replaces it)."""
        with self._write() as s:
            row = self._session_row(s, actor, session_id, action="practise roleplays")
            if row.status == "active":
                row.status, row.updated_at = "abandoned", m.utcnow()
            s.flush()
            return _session_view(row)

    def finish_roleplay_session(
        self,
        actor: Actor,
        session_id: str,
        *,
        transcript: list[Any],
        scores: dict[str, Any],
        state: dict[str, Any] | None = None,
        date: dt.date | None = None,
    ) -> RoleplayAttemptView:
        """Store the scored attempt and close the session, in one transaction."""
        with self._write() as s:
            row = self._session_row(s, actor, session_id, action="record roleplay attempts")
            if row.status != "active":
                raise RecordsError(f"roleplay session {session_id} is {row.status}", fix="start a new session")
            attempt = m.RoleplayAttempt(
                id=new_id("rp"),
                rep_id=row.rep_id,
                scenario=row.scenario,
                date=date or dt.date.today(),
                transcript=_json_safe(transcript, "the transcript"),
                scores=_json_safe(scores, "the scores"),
            )
            s.add(attempt)
            row.status, row.attempt_id, row.updated_at = "finished", attempt.id, m.utcnow()
            if state is not None:
                row.state = _json_safe(state, "the session")
            s.flush()
            return roleplay_view(attempt)

    # ---- scenarios assigned by a manager -----------------------------------------------------------

    def assign_scenario(
        self,
        actor: Actor,
        rep_id: str,
        scenario: str,
        target_level: int | str,
        *,
        due: dt.date | None = None,
        date: dt.date | None = None,
    ) -> RoleplayAssignmentView:
        """Assign a roleplay scenario with the level every step should reach (the rep's manager or an admin)."""
        self._scenario(scenario)
        level = parse_level(target_level, "target level")
        start = date or dt.date.today()
        if due is not None and due < start:
            raise RecordsError(f"due date {due} is before the assignment date {start}", fix="pick a later --due")
        with self._write() as s:
            self._rep(s, actor, rep_id, action="assign roleplay scenarios")
            row = m.RoleplayAssignment(
                id=new_id("rpa"),
                rep_id=rep_id,
                scenario=scenario,
                target_level=level,
                assigned_on=start,
                due=due,
                status="assigned",
                created_by=actor.user_id,
            )
            s.add(row)
            s.flush()
            return _assignment_view(row)

    def scenario_assignments(
        self, actor: Actor, rep_id: str, *, status: str | None = None
    ) -> list[RoleplayAssignmentView]:
        """A rep's assigned scenarios, oldest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read roleplay assignments", rep_may=True)
            query = select(m.RoleplayAssignment).where(m.RoleplayAssignment.rep_id == rep_id)
            if status:
                query = query.where(m.RoleplayAssignment.status == status)
            order = (m.RoleplayAssignment.assigned_on, m.RoleplayAssignment.id)
            return [_assignment_view(r) for r in s.scalars(query.order_by(*order))]

    def complete_scenario_assignment(
        self, actor: Actor, assignment_id: str, attempt_id: str, *, date: dt.date | None = None
    ) -> RoleplayAssignmentView:
        """Mark an assigned scenario done by the attempt that reached its target."""
        with self._write() as s:
            row = s.get(m.RoleplayAssignment, assignment_id)
            if row is None:
                raise RecordsError(
                    f"unknown roleplay assignment {assignment_id!r}", fix="list them with `copilot scenarios --rep ID`"
                )
            self._rep(s, actor, row.rep_id, action="complete roleplay assignments", rep_may=True)
            attempt = s.get(m.RoleplayAttempt, attempt_id)
            if attempt is None or attempt.rep_id != row.rep_id or attempt.scenario != row.scenario:
                raise RecordsError(
                    f"attempt {attempt_id!r} is not {row.rep_id}'s attempt at {row.scenario}",
                    fix="pass an attempt of the assigned scenario by the same rep",
                )
            if row.status != "done":
                row.status, row.completed_on, row.attempt_id = "done", date or dt.date.today(), attempt_id
            s.flush()
            return _assignment_view(row)
