"""Daily drill attempts kept per rep, and how often each rep practises (for the manager's scorecard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select

from copilot.errors import AccessDenied
from copilot.records import practice_models as pm
from copilot.records.access import Actor
from copilot.records.base import StoreBase
from copilot.records.inputs import new_id


class DrillAttemptView(BaseModel):
    """One drill said back and scored."""

    id: str
    rep_id: str
    date: dt.date
    kind: str
    item_id: str
    prompt: str
    response: str
    score: float
    checks: list[dict[str, Any]] = Field(default_factory=list)
    why: str = ""


class DrillFrequency(BaseModel):
    """How often one rep (or a whole team, for enablement) drilled in the window."""

    rep_id: str | None = Field(description="None: the team's total.")
    name: str
    team_id: str
    drills: int
    days: int = Field(description="Distinct days with a drill.")
    per_week: float
    last: dt.date | None = None


def _view(row: pm.DrillAttempt) -> DrillAttemptView:
    return DrillAttemptView(
        id=row.id, rep_id=row.rep_id, date=row.date, kind=row.kind, item_id=row.item_id, prompt=row.prompt,
        response=row.response, score=row.score, checks=list(row.checks or []), why=row.why,
    )  # fmt: skip


class DrillMixin(StoreBase):
    """Drill attempts: the rep (or their manager, or an admin) records them; managers see frequency."""

    def add_drill_attempt(
        self,
        actor: Actor,
        rep_id: str,
        *,
        kind: str,
        item_id: str,
        prompt: str,
        response: str,
        score: float,
        checks: list[dict[str, Any]],
        why: str,
        date: dt.date,
    ) -> DrillAttemptView:
        """Keep one scored drill."""
        with self._write() as s:
            self._rep(s, actor, rep_id, action="record drills", rep_may=True)
            row = pm.DrillAttempt(
                id=new_id("drl"), rep_id=rep_id, date=date, kind=kind, item_id=item_id, prompt=prompt,
                response=response, score=score, checks=checks, why=why, created_by=actor.user_id,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return _view(row)

    def drill_attempts(self, actor: Actor, rep_id: str) -> list[DrillAttemptView]:
        """A rep's drills, oldest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read drills", rep_may=True)
            query = select(pm.DrillAttempt).where(pm.DrillAttempt.rep_id == rep_id)
            return [_view(r) for r in s.scalars(query.order_by(pm.DrillAttempt.date, pm.DrillAttempt.created_at))]

    def drill_frequency(
        self, actor: Actor, *, today: dt.date, days: int = 28, team_id: str | None = None
    ) -> list[DrillFrequency]:
        """Drills per rep over the last `days` days (managers: their reps; enablement: team totals only)."""
        if actor.role == "rep":
            raise AccessDenied(f"{actor} may not read the team's practice frequency", fix="see your own streak")
        since = today - dt.timedelta(days=days - 1)
        with self._read() as s:
            teams = self._scoped_teams(s, actor, team_id, action="read practice frequency")
            out = []
            for team in teams:
                ids = [r.id for r in team.reps]
                rows = s.execute(
                    select(pm.DrillAttempt.rep_id, pm.DrillAttempt.date).where(
                        pm.DrillAttempt.rep_id.in_(ids), pm.DrillAttempt.date >= since, pm.DrillAttempt.date <= today
                    )
                ).all()
                per_rep = [
                    DrillFrequency(
                        rep_id=r.id, name=r.user.name, team_id=team.id,
                        drills=sum(1 for rid, _ in rows if rid == r.id),
                        days=len({d for rid, d in rows if rid == r.id}),
                        per_week=round(sum(1 for rid, _ in rows if rid == r.id) * 7 / days, 2),
                        last=max((d for rid, d in rows if rid == r.id), default=None),
                    )
                    for r in team.reps
                ]  # fmt: skip
                if actor.role == "enablement":
                    per_rep = [
                        DrillFrequency(
                            rep_id=None, name=team.name, team_id=team.id, drills=len(rows),
                            days=len({d for _, d in rows}), per_week=round(len(rows) * 7 / days, 2),
                            last=max((d for _, d in rows), default=None),
                        )
                    ]  # fmt: skip
                out += per_rep
            return out
