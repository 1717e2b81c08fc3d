"""Saved prep briefs and roleplay attempts: what the prep and roleplay features keep between runs."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from copilot.errors import RecordsError
from copilot.records import models as m
from copilot.records.access import Actor
from copilot.records.base import StoreBase
from copilot.records.inputs import new_id
from copilot.records.views import BriefView, RoleplayAttemptView, brief_view, roleplay_view


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
