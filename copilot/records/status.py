"""Each rep's trust-but-verify status from stored observations, team policy overrides and promotions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from copilot.errors import RecordsError
from copilot.records import models as m
from copilot.records.access import Actor
from copilot.records.base import StoreBase
from copilot.records.inputs import parse_level
from copilot.records.policy import CriterionPolicy, Override, RepStatus, ScorePoint, evaluate_rep, resolve_policy
from copilot.records.views import PolicyOverrideView, PromotionView, override_view, promotion_view

History = dict[str, dict[str, list[ScorePoint]]]
"""rep id -> criterion id -> scored points."""


def load_history(s: Session, rep_ids: Iterable[str], until: dt.date | None = None) -> History:
    """Every score of the given reps (up to a date), grouped by rep and criterion, in one query."""
    query = (
        select(m.Observation.rep_id, m.Observation.id, m.Observation.date, m.Observation.observer, m.Score)
        .join(m.Score, m.Score.observation_id == m.Observation.id)
        .where(m.Observation.rep_id.in_(list(rep_ids)))
        .order_by(m.Observation.date, m.Observation.id)
    )
    if until is not None:
        query = query.where(m.Observation.date <= until)
    out: History = defaultdict(lambda: defaultdict(list))
    for rep_id, obs_id, date, observer, score in s.execute(query):
        out[rep_id][score.criterion].append(
            ScorePoint(observation_id=obs_id, date=date, score=score.score, observer=observer, evidence=score.evidence)
        )
    return out


class StatusMixin(StoreBase):
    """Policies (methodology, team, promotion) and the status they give each rep."""

    def _policies(self, s: Session, rep_id: str, team_id: str) -> dict[str, CriterionPolicy]:
        """Effective policy of every criterion for one rep."""
        overrides = {
            row.criterion: Override(
                threshold=row.threshold, breaches=row.breaches, of_last=row.of_last, window_days=row.window_days
            )
            for row in s.scalars(select(m.TeamPolicy).where(m.TeamPolicy.team_id == team_id))
        }
        promoted: dict[str, int] = {}
        query = select(m.Promotion).where((m.Promotion.team_id == team_id) | (m.Promotion.rep_id == rep_id))
        for row in sorted(s.scalars(query), key=lambda r: r.rep_id is not None):  # a rep's own promotion wins
            promoted[row.criterion] = row.threshold
        return {
            cid: resolve_policy(base, overrides.get(cid), promoted.get(cid))
            for cid, base in self.reference.policies().items()
        }

    def policies(self, actor: Actor, rep_id: str) -> dict[str, CriterionPolicy]:
        """The effective policy of every criterion for a rep (what the rep is told, too)."""
        with self._read() as s:
            rep = self._rep(s, actor, rep_id, action="read policies", rep_may=True)
            return self._policies(s, rep.id, rep.team_id)

    def rep_status(self, actor: Actor, rep_id: str, today: dt.date) -> RepStatus:
        """On track, self-correcting, manager steps in (with proof), and advanced skills to coach, as of `today`."""
        with self._read() as s:
            rep = self._rep(s, actor, rep_id, action="read the coaching status", rep_may=True)
            history = load_history(s, [rep.id], today).get(rep.id, {})
            return evaluate_rep(rep.id, self._policies(s, rep.id, rep.team_id), history, today)

    def team_status(self, actor: Actor, team_id: str, today: dt.date) -> dict[str, RepStatus]:
        """Every readable rep's status on a team, by rep id."""
        with self._read() as s:
            team = self._team(s, actor, team_id, action="read the team's coaching status")
            reps = list(team.reps)
            history = load_history(s, [r.id for r in reps], today)
            return {
                r.id: evaluate_rep(r.id, self._policies(s, r.id, team.id), history.get(r.id, {}), today) for r in reps
            }

    def set_team_policy(
        self,
        actor: Actor,
        team_id: str,
        criterion: str,
        *,
        threshold: int | str | None = None,
        breaches: int | None = None,
        of_last: int | None = None,
        window_days: int | None = None,
    ) -> CriterionPolicy:
        """Override the methodology's numbers for one criterion on one team; returns the resulting policy."""
        base = self.reference.policies()[self.reference.criterion(criterion).id]
        level = parse_level(threshold, "--threshold") if threshold is not None else None
        for name, value, low in (("breaches", breaches, 1), ("of_last", of_last, 1), ("window_days", window_days, 0)):
            if value is not None and value < low:
                raise RecordsError(
                    f"{name} must be {low} or more, got {value}", fix=f"pass --{name.replace('_', '-')} >= {low}"
                )
        override = Override(threshold=level, breaches=breaches, of_last=of_last, window_days=window_days)
        with self._write() as s:
            self._team(s, actor, team_id, action="change the team's policy")
            row = s.get(m.TeamPolicy, (team_id, criterion)) or m.TeamPolicy(team_id=team_id, criterion=criterion)
            for name, value in override.model_dump().items():
                if value is not None:
                    setattr(row, name, value)
            merged_breaches, merged_of_last = row.breaches or base.breaches, row.of_last or base.of_last
            if merged_breaches > merged_of_last:
                raise RecordsError(
                    f"breaches ({merged_breaches}) cannot exceed of_last ({merged_of_last}) for {criterion}",
                    fix="lower --breaches or raise --of-last",
                )
            s.add(row)
            s.flush()
            stored = Override(
                threshold=row.threshold, breaches=row.breaches, of_last=row.of_last, window_days=row.window_days
            )
            return resolve_policy(base, stored)

    def team_policies(self, actor: Actor, team_id: str) -> list[PolicyOverrideView]:
        """A team's policy overrides."""
        with self._read() as s:
            self._team(s, actor, team_id, action="read the team's policy", aggregate=True)
            rows = s.scalars(
                select(m.TeamPolicy).where(m.TeamPolicy.team_id == team_id).order_by(m.TeamPolicy.criterion)
            )
            return [override_view(r) for r in rows]

    def promote(
        self,
        actor: Actor,
        criterion: str,
        threshold: int | str,
        *,
        rep_id: str | None = None,
        team_id: str | None = None,
        on: dt.date | None = None,
    ) -> PromotionView:
        """Move an adopted advanced skill to basic with a threshold, for one rep or a whole team."""
        if (rep_id is None) == (team_id is None):
            raise RecordsError("promote needs exactly one of a rep or a team", fix="pass --rep ID or --team ID")
        found = self.reference.criterion(criterion)
        if found.tier != "advanced":
            raise RecordsError(
                f"{criterion} is already a basic skill in the methodology",
                fix="to change its threshold for a team use `copilot policy set`",
            )
        level = parse_level(threshold, "--threshold")
        with self._write() as s:
            if rep_id is not None:
                self._rep(s, actor, rep_id, action="promote skills")
                key = f"{criterion}@rep:{rep_id}"
            else:
                self._team(s, actor, str(team_id), action="promote skills")
                key = f"{criterion}@team:{team_id}"
            row = s.get(m.Promotion, key) or m.Promotion(id=key, criterion=criterion, rep_id=rep_id, team_id=team_id)
            row.threshold, row.promoted_on, row.created_by = level, on or dt.date.today(), actor.user_id
            s.add(row)
            s.flush()
            return promotion_view(row)

    def promotions(self, actor: Actor, *, rep_id: str | None = None, team_id: str | None = None) -> list[PromotionView]:
        """Promotions that apply to a rep (theirs and their team's) or to a team."""
        where: ColumnElement[bool]
        with self._read() as s:
            if rep_id is not None:
                rep = self._rep(s, actor, rep_id, action="read promotions", rep_may=True)
                where = (m.Promotion.rep_id == rep.id) | (m.Promotion.team_id == rep.team_id)
            elif team_id is not None:
                self._team(s, actor, team_id, action="read promotions", aggregate=True)
                where = m.Promotion.team_id == team_id
            else:
                raise RecordsError("promotions of what?", fix="pass a rep or a team")
            return [promotion_view(r) for r in s.scalars(select(m.Promotion).where(where).order_by(m.Promotion.id))]
