"""A whole team's records in and out of the database as one file, in one transaction, nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from copilot.knowledge.schema import LineMap
from copilot.knowledge.team_file import Person, Rep, Team
from copilot.records import models as m
from copilot.records.access import Actor, check_admin
from copilot.records.base import StoreBase
from copilot.records.teamfile.checks import check_export
from copilot.records.teamfile.export import (
    BriefRecord,
    PolicyOverrideRecord,
    PromotionRecord,
    RoleplayRecord,
    TeamExport,
)
from copilot.records.teamfile.read import ImportRejected, read_team_file
from copilot.records.teamfile.rows import conflicts, delete_records, delete_team_rows, write_team
from copilot.records.views import assignment_view, observation_view, session_view


class ImportSummary(BaseModel):
    """What an import or load wrote."""

    team_id: str
    replaced: bool
    reps: int
    observations: int
    sessions: int
    action_items: int
    assignments: int
    other: int
    shifted_to: dt.date | None = None


class TransferMixin(StoreBase):
    """Export, import and load of whole teams."""

    def export_team(self, actor: Actor, team_id: str, *, today: dt.date | None = None) -> TeamExport:
        """Every record of a team as one document, sorted so two exports of the same data are identical."""
        with self._read() as s:
            team = self._team(s, actor, team_id, action="export the team")
            reps = list(team.reps)
            ids = [r.id for r in reps]
            assignments = s.scalars(
                select(m.Assignment)
                .where(m.Assignment.rep_id.in_(ids))
                .order_by(m.Assignment.assigned_on, m.Assignment.id)
            )
            briefs = s.scalars(
                select(m.SavedBrief).where(m.SavedBrief.rep_id.in_(ids)).order_by(m.SavedBrief.date, m.SavedBrief.id)
            )
            attempts = s.scalars(
                select(m.RoleplayAttempt)
                .where(m.RoleplayAttempt.rep_id.in_(ids))
                .order_by(m.RoleplayAttempt.date, m.RoleplayAttempt.id)
            )

            observations = s.scalars(
                select(m.Observation)
                .where(m.Observation.rep_id.in_(ids))
                .options(selectinload(m.Observation.scores))
                .order_by(m.Observation.date, m.Observation.id)
            )
            sessions = s.scalars(
                select(m.CoachingSession)
                .where(m.CoachingSession.rep_id.in_(ids))
                .options(selectinload(m.CoachingSession.action_items))
                .order_by(m.CoachingSession.date, m.CoachingSession.id)
            )
            promotions = s.scalars(
                select(m.Promotion)
                .where(m.Promotion.rep_id.in_(ids) | (m.Promotion.team_id == team.id))
                .order_by(m.Promotion.id)
            )
            overrides = s.scalars(
                select(m.TeamPolicy).where(m.TeamPolicy.team_id == team.id).order_by(m.TeamPolicy.criterion)
            )
            return TeamExport(
                kind="team",
                version=1,
                anchor_date=today or dt.date.today(),
                team=Team(
                    id=team.id,
                    name=team.name,
                    manager=Person(id=team.manager.id, name=team.manager.name, email=team.manager.email),
                    reps=[
                        Rep(
                            id=r.id,
                            name=r.user.name,
                            email=r.user.email,
                            profile=r.profile,  # type: ignore[arg-type]
                            start_date=r.start_date,
                            notes=r.notes,
                        )
                        for r in reps
                    ],
                ),
                observations=[observation_view(o) for o in observations],
                sessions=[session_view(x) for x in sessions],
                assignments=[assignment_view(a) for a in assignments],
                policy_overrides=[
                    PolicyOverrideRecord(
                        criterion=o.criterion,
                        threshold=o.threshold,
                        breaches=o.breaches,
                        of_last=o.of_last,
                        window_days=o.window_days,
                    )
                    for o in overrides
                ],
                promotions=[
                    PromotionRecord(
                        criterion=p.criterion, rep=p.rep_id, threshold=p.threshold, promoted_on=p.promoted_on
                    )
                    for p in promotions
                ],
                briefs=[
                    BriefRecord(id=b.id, rep=b.rep_id, date=b.date, payload=b.payload, created_by=b.created_by)
                    for b in briefs
                ],
                roleplay_attempts=[
                    RoleplayRecord(
                        id=r.id,
                        rep=r.rep_id,
                        scenario=r.scenario,
                        date=r.date,
                        transcript=r.transcript,
                        scores=r.scores,
                    )
                    for r in attempts
                ],
            )

    def import_team(
        self,
        actor: Actor,
        doc: TeamExport,
        *,
        replace: bool = False,
        merge: bool = False,
        path: str = "team file",
        lines: LineMap | None = None,
    ) -> ImportSummary:
        """Write a team document in one transaction, or raise ImportRejected listing every problem and write nothing.

        A new team is created. An existing team is refused unless `replace` (wipe it first: `copilot import`) or
        `merge` (upsert every record by id, keep the rest: `copilot team load`).
        """
        check_admin(actor, action="import or load teams")
        lines = lines or {}
        problems = check_export(doc, self.kb, path=path, lines=lines)
        if problems:
            raise ImportRejected(path, problems)
        with self._write() as s:
            existing = s.get(m.Team, doc.team.id)
            problems = conflicts(s, doc, path, lines, existing_ok=existing is not None and (replace or merge))
            if problems:
                raise ImportRejected(path, problems)
            if existing is not None and replace:
                delete_team_rows(s, existing)
                s.flush()
            elif existing is not None:
                delete_records(s, doc)
            write_team(s, doc)
        return ImportSummary(
            team_id=doc.team.id,
            replaced=existing is not None,
            reps=len(doc.team.reps),
            observations=len(doc.observations),
            sessions=len(doc.sessions),
            action_items=sum(len(x.action_items) for x in doc.sessions),
            assignments=len(doc.assignments),
            other=len(doc.policy_overrides) + len(doc.promotions) + len(doc.briefs) + len(doc.roleplay_attempts),
        )

    def load_team_file(
        self, actor: Actor, path: Path, *, shift: bool = True, today: dt.date | None = None
    ) -> ImportSummary:
        """Load a team file, upserting by id; unless `shift` is off, dates move so its anchor_date is `today`.

        CSV files carry no anchor and are never shifted. This is `copilot team load` (and how the UI seeds the demo).
        """
        doc, lines = read_team_file(path)
        moved = shift and path.suffix.lower() != ".csv"
        delta = dt.timedelta(0)
        if moved:
            delta = (today or dt.date.today()) - doc.anchor_date
            doc = doc.moved_to(today or dt.date.today())
        summary = self.import_team(actor, doc, merge=True, path=str(path), lines=lines)
        if path.suffix.lower() != ".csv":  # a team's deals and targets travel beside its file, dated the same way
            for extra in ("targets.csv", "deals.csv"):
                if (path.parent / extra).is_file():
                    self.import_deals_csv(actor, path.parent / extra, shift=delta)  # type: ignore[attr-defined]
        return summary.model_copy(update={"shifted_to": doc.anchor_date if moved else None})
