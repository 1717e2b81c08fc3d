"""Observations, coaching sessions with notes and agreements, action items and assignments of one rep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import get_args

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.team_file import Assignment, Observation, Observer, Session, SessionKind
from copilot.records import models as m
from copilot.records.access import Actor, check_close_item, not_yours
from copilot.records.base import StoreBase
from copilot.records.inputs import ActionSpec, new_id, parse_level
from copilot.records.views import ActionItemView, action_item_view, assignment_view, observation_view, session_view

OBSERVERS: tuple[str, ...] = get_args(Observer)
SESSION_KINDS: tuple[str, ...] = get_args(SessionKind)
CLOSED = ("done", "dropped")
_ITEMS_FIX = "pick one of the action items listed for you (`copilot actions --rep ID`)"


def _today(value: dt.date | None) -> dt.date:
    """The given date, or today for records entered as they happen."""
    return value or dt.date.today()


class CoachingMixin(StoreBase):
    """What was observed, discussed, agreed and assigned."""

    def add_observation(
        self,
        actor: Actor,
        rep_id: str,
        interaction: str,
        scores: Mapping[str, int | str],
        *,
        evidence: Mapping[str, str] | None = None,
        date: dt.date | None = None,
        observer: str = "manager",
        observation_id: str | None = None,
    ) -> Observation:
        """Score one interaction of a rep; a rep may add only self-assessments."""
        evidence = dict(evidence or {})
        if observer not in OBSERVERS:
            raise RecordsError(f"unknown observer {observer!r}", fix=f"use one of {', '.join(OBSERVERS)}")
        self.reference.interaction(interaction)
        if not scores:
            raise RecordsError("an observation needs at least one score", fix="score one or more criteria")
        levels = {c: parse_level(v, f"score of {c}") for c, v in scores.items()}
        for crit in levels:
            self.reference.criterion(crit, interaction)
        for crit in evidence:
            if crit not in levels:
                raise RecordsError(
                    f"evidence for {crit!r}, which has no score", fix=f"add a score for {crit} or drop the evidence"
                )
        with self._write() as s:
            self._rep(s, actor, rep_id, action="add observations", rep_may=observer == "self")
            row = m.Observation(
                id=observation_id or new_id("obs"),
                rep_id=rep_id,
                date=_today(date),
                interaction=interaction,
                observer=observer,
                created_by=actor.user_id,
            )
            row.scores = [
                m.Score(criterion=c, score=v, evidence=evidence.get(c), position=i)
                for i, (c, v) in enumerate(levels.items())
            ]
            s.add(row)
            s.flush()
            return observation_view(row)

    def observations(
        self,
        actor: Actor,
        rep_id: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        interaction: str | None = None,
    ) -> list[Observation]:
        """A rep's observations, oldest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read observations", rep_may=True)
            query = (
                select(m.Observation).where(m.Observation.rep_id == rep_id).options(selectinload(m.Observation.scores))
            )
            if since:
                query = query.where(m.Observation.date >= since)
            if until:
                query = query.where(m.Observation.date <= until)
            if interaction:
                query = query.where(m.Observation.interaction == interaction)
            rows = s.scalars(query.order_by(m.Observation.date, m.Observation.id))
            return [observation_view(r) for r in rows]

    def add_session(
        self,
        actor: Actor,
        rep_id: str,
        *,
        notes: str,
        date: dt.date | None = None,
        kind: str = "one-on-one",
        duration_minutes: int = 30,
        agreements: Sequence[str] = (),
        actions: Sequence[ActionSpec] = (),
        session_id: str | None = None,
    ) -> Session:
        """Save a coaching conversation with its agreements and action items (the rep's manager or an admin)."""
        if kind not in SESSION_KINDS:
            raise RecordsError(f"unknown session kind {kind!r}", fix=f"use one of {', '.join(SESSION_KINDS)}")
        if not 1 <= duration_minutes <= 600:
            raise RecordsError(f"duration {duration_minutes} min is outside 1-600", fix="give the length in minutes")
        if not notes.strip() and not agreements and not actions:
            raise RecordsError("the note is empty", fix="pass --text, an --agreement or an --action")
        agreed = [a.strip() for a in agreements if a.strip()]
        with self._write() as s:
            self._rep(s, actor, rep_id, action="add coaching notes")
            row = m.CoachingSession(
                id=session_id or new_id("ses"),
                rep_id=rep_id,
                date=_today(date),
                kind=kind,
                duration_minutes=duration_minutes,
                notes=notes.strip(),
                agreements=agreed,
                created_by=actor.user_id,
            )
            row.action_items = [
                m.ActionItem(
                    id=new_id("ai"), rep_id=rep_id, text=a.text, owner=a.owner, due=a.due, status="open", position=i
                )
                for i, a in enumerate(actions)
            ]
            s.add(row)
            s.flush()
            return session_view(row)

    def sessions(
        self, actor: Actor, rep_id: str, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Session]:
        """A rep's coaching sessions with notes, agreements and action items, oldest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read coaching notes", rep_may=True)
            query = select(m.CoachingSession).where(m.CoachingSession.rep_id == rep_id)
            if since:
                query = query.where(m.CoachingSession.date >= since)
            if until:
                query = query.where(m.CoachingSession.date <= until)
            query = query.options(selectinload(m.CoachingSession.action_items))
            return [session_view(r) for r in s.scalars(query.order_by(m.CoachingSession.date, m.CoachingSession.id))]

    def last_session(self, actor: Actor, rep_id: str, *, before: dt.date | None = None) -> Session | None:
        """The most recent session (before a date if given): the one the next prep reconciles."""
        found = self.sessions(actor, rep_id, until=before - dt.timedelta(days=1) if before else None)
        return found[-1] if found else None

    def action_items(self, actor: Actor, rep_id: str, *, status: str | None = None) -> list[ActionItemView]:
        """A rep's action items by due date, optionally only one status (open, done, dropped)."""
        if status is not None and status not in ("open", *CLOSED):
            raise RecordsError(f"unknown status {status!r}", fix="use open, done or dropped")
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read action items", rep_may=True)
            query = (
                select(m.ActionItem).where(m.ActionItem.rep_id == rep_id).options(selectinload(m.ActionItem.session))
            )
            if status:
                query = query.where(m.ActionItem.status == status)
            return [action_item_view(r) for r in s.scalars(query.order_by(m.ActionItem.due, m.ActionItem.id))]

    def close_action_item(
        self, actor: Actor, item_id: str, *, status: str = "done", on: dt.date | None = None
    ) -> ActionItemView:
        """Mark an open action item done or dropped (the rep, their manager or an admin)."""
        if status not in CLOSED:
            raise RecordsError(f"cannot close with status {status!r}", fix="use done or dropped")
        with self._write() as s:
            row = s.get(m.ActionItem, item_id, with_for_update=True)
            if row is None and actor.role == "admin":
                raise RecordsError(f"unknown action item {item_id!r}", fix="list them with `copilot actions --rep ID`")
            try:
                if row is None:
                    raise not_yours(actor, f"mark {status}", f"action item {item_id}")
                self._rep(s, actor, row.rep_id, action="close action items", rep_may=True)
            except AccessDenied:  # the same words whoever's item it is, or if there is none
                raise not_yours(actor, f"mark {status}", f"action item {item_id}", fix=_ITEMS_FIX) from None
            check_close_item(actor, row.owner, status, item_id=item_id)
            if row.status != "open":
                raise RecordsError(
                    f"action item {item_id} is already {row.status} (on {row.closed_on})", fix="nothing to do"
                )
            row.status, row.closed_on = status, _today(on)
            s.flush()
            return action_item_view(row)

    def assign(
        self,
        actor: Actor,
        rep_id: str,
        activity: str,
        *,
        due: dt.date | None = None,
        assigned_on: dt.date | None = None,
        assignment_id: str | None = None,
    ) -> Assignment:
        """Assign a learning activity from the catalogue (the rep's manager or an admin); due in a week by default."""
        found = self.reference.activity(activity)
        start = _today(assigned_on)
        due = due or start + dt.timedelta(days=7)
        if due < start:
            raise RecordsError(f"due date {due} is before the assignment date {start}", fix="pick a later --due")
        with self._write() as s:
            self._rep(s, actor, rep_id, action="assign activities")
            row = m.Assignment(
                id=assignment_id or new_id("asg"),
                rep_id=rep_id,
                activity=found.id,
                assigned_on=start,
                due=due,
                status="assigned",
            )
            s.add(row)
            s.flush()
            return assignment_view(row)

    def assignments(self, actor: Actor, rep_id: str, *, status: str | None = None) -> list[Assignment]:
        """A rep's assignments by due date."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read assignments", rep_may=True)
            query = select(m.Assignment).where(m.Assignment.rep_id == rep_id)
            if status:
                query = query.where(m.Assignment.status == status)
            return [assignment_view(r) for r in s.scalars(query.order_by(m.Assignment.due, m.Assignment.id))]

    def complete_assignment(
        self, actor: Actor, assignment_id: str, *, evidence: str | None = None, on: dt.date | None = None
    ) -> Assignment:
        """Mark an assignment done with what shows it (the rep, their manager or an admin)."""
        with self._write() as s:
            row = s.get(m.Assignment, assignment_id, with_for_update=True)
            if row is None:
                raise RecordsError(
                    f"unknown assignment {assignment_id!r}", fix="list them with `copilot assign --rep ID`"
                )
            self._rep(s, actor, row.rep_id, action="complete assignments", rep_may=True)
            if row.status == "done":
                raise RecordsError(
                    f"assignment {assignment_id} is already done (on {row.completed_on})", fix="nothing to do"
                )
            row.status, row.completed_on = "done", _today(on)
            row.evidence = evidence or row.evidence
            s.flush()
            return assignment_view(row)
