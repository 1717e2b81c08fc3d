"""The scorecard from stored records: gathers each visible team's records and hands them to the pure metrics."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from copilot.errors import RecordsError
from copilot.records import models as m
from copilot.records.access import Actor
from copilot.records.scorecard import RepRecords, Scorecard, TeamRecords, aggregates_only, build_scorecard
from copilot.records.status import StatusMixin, load_history
from copilot.records.views import assignment_view, session_view


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The current month and the five before it."""
    year, month = today.year, today.month - 5
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1), today


class ReportsMixin(StatusMixin):
    """Scorecards per rep, team and manager."""

    def scorecard(
        self,
        actor: Actor,
        *,
        team_id: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        today: dt.date | None = None,
    ) -> Scorecard:
        """Coaching metrics over [since, until] (default: the last six calendar months) for the teams the actor sees.

        Managers see their teams and admins every team with a row per rep; a rep only their own row; enablement
        every team's pooled numbers without rep rows, leaving out groups under MIN_GROUP_SIZE reps.
        """
        default_since, default_until = default_range(today or dt.date.today())
        asked_since = since
        since, until = since or default_since, until or default_until
        if since > until:
            raise RecordsError(f"--since {since} is after --until {until}", fix="swap the dates")
        kinds = self.reference.activity_kinds()
        with self._read() as s:
            teams = self._scoped_teams(s, actor, team_id, action="read the scorecard")
            records = []
            for team in teams:
                reps = [r for r in team.reps if actor.role != "rep" or r.user_id == actor.user_id]
                ids = [r.id for r in reps]
                history = load_history(s, ids, until)
                sessions = s.scalars(
                    select(m.CoachingSession)
                    .where(m.CoachingSession.rep_id.in_(ids))
                    .options(selectinload(m.CoachingSession.action_items))
                    .order_by(m.CoachingSession.date, m.CoachingSession.id)
                ).all()
                assignments = s.scalars(select(m.Assignment).where(m.Assignment.rep_id.in_(ids))).all()
                roleplays = s.execute(
                    select(m.RoleplayAttempt.rep_id, m.RoleplayAttempt.date).where(m.RoleplayAttempt.rep_id.in_(ids))
                ).all()
                rep_records = [
                    RepRecords(
                        rep_id=r.id,
                        name=r.user.name,
                        start_date=r.start_date,
                        sessions=[session_view(x) for x in sessions if x.rep_id == r.id],
                        assignments=[assignment_view(a) for a in assignments if a.rep_id == r.id],
                        roleplay_dates=[d for rid, d in roleplays if rid == r.id],
                        history=dict(history.get(r.id, {})),
                        policies=self._policies(s, r.id, team.id),
                    )
                    for r in reps
                ]
                records.append(
                    TeamRecords(
                        team_id=team.id,
                        name=team.name,
                        manager_id=team.manager_id,
                        manager_name=team.manager.name,
                        reps=rep_records,
                    )
                )
        if asked_since is None:  # the default window starts at the first record, so no month is empty by design
            firsts = [
                d
                for team in records
                for rep in team.reps
                for d in (
                    min((x.date for x in rep.sessions), default=None),
                    min((p.date for points in rep.history.values() for p in points), default=None),
                )
                if d is not None
            ]
            if firsts:
                since = min(min(firsts).replace(day=1), until)
        card = build_scorecard(records, since, until, kinds)
        if actor.role == "rep":
            card.managers = []  # a rep's card holds their own row only
        if actor.role == "enablement":
            card = aggregates_only(card)  # pooled numbers of groups big enough to hide one rep, nothing per rep
        return card
