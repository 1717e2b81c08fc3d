"""Calibration: managers score the same recorded roleplay or reviewed call blind against the assessment map; the
copilot shows where they agree and differ, how each compares with the consensus and with the AI, and keeps the
agreed levels as a labelled case. The team's agreement figure is Krippendorff's alpha (ordinal)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.errors import AccessDenied, RecordsError
from copilot.records import models as m
from copilot.records import practice_models as pm
from copilot.records.access import Actor
from copilot.records.agreement import ordinal_alpha
from copilot.records.inputs import new_id, parse_level
from copilot.records.labels import HumanLabel
from copilot.records.practice_access import check_programme
from copilot.records.score_review import ReviewMixin


class CriterionSpread(BaseModel):
    """One criterion across the raters: each level, the consensus (median), the spread and the AI's level."""

    criterion: str
    title: str
    levels: dict[str, int]
    consensus: int
    spread: int = Field(description="Highest minus lowest level.")
    at_consensus: float = Field(description="Share of raters who gave the consensus level.")
    ai_level: int | None = None
    agreed: int | None = Field(default=None, description="The level settled on when the session closed.")


class RaterComparison(BaseModel):
    """One rater against the consensus and against the AI (mean absolute difference in levels)."""

    user_id: str
    exact_with_consensus: float
    vs_consensus: float
    vs_ai: float | None


class CalibrationResults(BaseModel):
    """Where the raters agree and differ."""

    raters: int
    alpha: float | None = Field(description="Krippendorff's alpha, ordinal: 1 perfect, 0 chance.")
    criteria: list[CriterionSpread]
    comparisons: list[RaterComparison]


class CalibrationView(BaseModel):
    """A session as one user may see it: results only once they have submitted (or organise it)."""

    id: str
    title: str
    subject_kind: str
    subject_id: str
    what: str
    status: str
    criteria: list[str]
    titles: dict[str, str]
    transcript: list[dict[str, Any]] = Field(default_factory=list)
    evidence: dict[str, str] = Field(default_factory=dict, description="Reviewed calls: the notes the call left.")
    participants: list[str]
    submitted: list[str]
    mine: dict[str, int] | None = None
    results: CalibrationResults | None = None
    created_at: dt.datetime
    closed_at: dt.datetime | None = None


class AgreementPoint(BaseModel):
    """One session's agreement figure, for the scorecard over time."""

    session_id: str
    title: str
    date: dt.date
    raters: int
    alpha: float | None


def results(
    scores: Mapping[str, Mapping[str, int]],
    criteria: Sequence[str],
    titles: Mapping[str, str],
    ai: Mapping[str, int],
    agreed: Mapping[str, int] | None = None,
) -> CalibrationResults:
    """Spread per criterion, each rater against consensus and AI, and alpha over criteria as units."""
    spreads = []
    for crit in criteria:
        levels = {u: s[crit] for u, s in sorted(scores.items()) if crit in s}
        if not levels:
            continue
        consensus = int(statistics.median_low(levels.values()))
        spreads.append(
            CriterionSpread(
                criterion=crit,
                title=titles.get(crit, crit),
                levels=levels,
                consensus=consensus,
                spread=max(levels.values()) - min(levels.values()),
                at_consensus=round(sum(1 for v in levels.values() if v == consensus) / len(levels), 3),
                ai_level=ai.get(crit),
                agreed=(agreed or {}).get(crit),
            )
        )
    consensus_by = {c.criterion: c.consensus for c in spreads}
    comparisons = []
    for user, given in sorted(scores.items()):
        crits = [c for c in given if c in consensus_by]
        if not crits:
            continue
        with_ai = [c for c in crits if c in ai]
        comparisons.append(
            RaterComparison(
                user_id=user,
                exact_with_consensus=round(sum(given[c] == consensus_by[c] for c in crits) / len(crits), 3),
                vs_consensus=round(statistics.fmean(abs(given[c] - consensus_by[c]) for c in crits), 3),
                vs_ai=round(statistics.fmean(abs(given[c] - ai[c]) for c in with_ai), 3) if with_ai else None,
            )
        )
    alpha = ordinal_alpha([list(c.levels.values()) for c in spreads])
    return CalibrationResults(raters=len(scores), alpha=alpha, criteria=spreads, comparisons=comparisons)


class CalibrationMixin(ReviewMixin):
    """Calibration sessions: enablement starts and closes them, managers score blind."""

    def start_calibration(
        self,
        actor: Actor,
        kind: str,
        subject_id: str,
        *,
        title: str,
        participants: Sequence[str] | None = None,
    ) -> CalibrationView:
        """Pick a recorded roleplay or reviewed call for every manager (or the named ones) to score blind."""
        check_programme(actor, action="start a calibration session", team_id=None, manager_id=None)
        with self._write() as s:
            row = self._subject_row(s, kind, subject_id)
            levels: dict[str, tuple[int, str, str]] = self._current_levels(row)
            ai = self._ai_levels(s, kind, subject_id, levels)
            managers = list(s.scalars(select(m.User.id).where(m.User.role == "manager").order_by(m.User.id)))
            chosen = list(dict.fromkeys(participants or managers))
            unknown = [u for u in chosen if u not in managers]
            if unknown:
                raise RecordsError(f"not managers: {', '.join(unknown)}", fix=f"pick from {', '.join(managers)}")
            if len(chosen) < 2:
                raise RecordsError("calibration needs at least two managers", fix="add managers or name more")
            session = pm.CalibrationSession(
                id=new_id("cal"), title=title.strip() or f"Calibration on {subject_id}", subject_kind=kind,
                subject_id=subject_id, criteria=list(levels), ai_levels=ai, participants=chosen, status="open",
                created_by=actor.user_id, created_at=m.utcnow(),
            )  # fmt: skip
            s.add(session)
            s.flush()
            return self._calibration_view(s, actor, session)

    def _ai_levels(
        self, s: Session, kind: str, subject_id: str, current: Mapping[str, tuple[int, str, str]]
    ) -> dict[str, int]:
        """The AI's own levels (before any human change)."""
        first = s.scalars(
            select(pm.ScoreReview)
            .where(pm.ScoreReview.subject_kind == kind, pm.ScoreReview.subject_id == subject_id)
            .order_by(pm.ScoreReview.version)
            .limit(1)
        ).first()
        ai = {c: lv for c, (lv, _, _) in current.items()}
        if first is not None:
            for lvl in s.scalars(select(pm.ScoreReviewLevel).where(pm.ScoreReviewLevel.review_id == first.id)):
                ai[lvl.criterion] = lvl.ai_level
        return ai

    def _calibration_row(self, s: Session, actor: Actor, session_id: str) -> pm.CalibrationSession:
        row = s.get(pm.CalibrationSession, session_id)
        if row is None:
            raise RecordsError(
                f"unknown calibration session {session_id!r}", fix="list them with `copilot calibrate list`"
            )
        if actor.role not in ("admin", "enablement") and actor.user_id not in row.participants:
            raise AccessDenied(
                f"{actor} is not a rater of calibration {session_id}",
                fix="enablement names the raters when starting it",
            )
        return row

    def _scores(self, s: Session, session_id: str) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for row in s.scalars(select(pm.CalibrationScore).where(pm.CalibrationScore.session_id == session_id)):
            out.setdefault(row.user_id, {})[row.criterion] = row.level
        return out

    def _calibration_view(self, s: Session, actor: Actor, row: pm.CalibrationSession) -> CalibrationView:
        subject = self._subject_row(s, row.subject_kind, row.subject_id)
        scores = self._scores(s, row.id)
        titles = {c: (self.kb.criteria[c].title if c in self.kb.criteria else c) for c in row.criteria}
        organiser = actor.role in ("admin", "enablement")
        sees = organiser or actor.user_id in scores or row.status == "closed"
        transcript: list[dict[str, Any]] = []
        evidence: dict[str, str] = {}
        if isinstance(subject, m.RoleplayAttempt):
            transcript = [
                {"speaker": t.get("speaker"), "text": t.get("text")} for t in subject.transcript if isinstance(t, dict)
            ]
        else:
            evidence = {sc.criterion: sc.evidence or "" for sc in subject.scores}
        what = subject.scenario if isinstance(subject, m.RoleplayAttempt) else subject.interaction
        return CalibrationView(
            id=row.id, title=row.title, subject_kind=row.subject_kind, subject_id=row.subject_id, what=what,
            status=row.status, criteria=list(row.criteria), titles=titles, transcript=transcript, evidence=evidence,
            participants=list(row.participants), submitted=sorted(scores), mine=scores.get(actor.user_id),
            results=results(scores, row.criteria, titles, row.ai_levels, row.agreed) if sees and scores else None,
            created_at=row.created_at, closed_at=row.closed_at,
        )  # fmt: skip

    def calibration(self, actor: Actor, session_id: str) -> CalibrationView:
        """A session: a rater who has not submitted sees the interaction but nobody's levels."""
        with self._read() as s:
            return self._calibration_view(s, actor, self._calibration_row(s, actor, session_id))

    def calibrations(self, actor: Actor) -> list[CalibrationView]:
        """Sessions the actor runs (enablement, admin) or rates (managers), newest first."""
        if actor.role == "rep":
            return []
        with self._read() as s:
            rows = s.scalars(select(pm.CalibrationSession).order_by(pm.CalibrationSession.created_at.desc()))
            return [
                self._calibration_view(s, actor, r)
                for r in rows
                if actor.role in ("admin", "enablement") or actor.user_id in r.participants
            ]

    def submit_calibration(self, actor: Actor, session_id: str, levels: Mapping[str, int | str]) -> CalibrationView:
        """A rater's levels for every criterion, once; the results open to them after."""
        with self._write() as s:
            row = self._calibration_row(s, actor, session_id)
            if actor.user_id not in row.participants:
                raise AccessDenied(
                    f"{actor} organises, not rates, calibration {session_id}", fix="raters submit levels"
                )
            if row.status != "open":
                raise RecordsError(f"calibration {session_id} is closed", fix="ask enablement to start a new one")
            if actor.user_id in self._scores(s, session_id):
                raise RecordsError(
                    f"{actor.user_id} already submitted levels for {session_id}",
                    fix="levels are final once submitted (others' scores are visible to you now)",
                )
            missing = [c for c in row.criteria if c not in levels]
            extra = [c for c in levels if c not in row.criteria]
            if missing or extra:
                raise RecordsError(
                    f"score every criterion of {session_id} exactly once"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; not in it: {', '.join(extra)}" if extra else ""),
                    fix=f"give levels for {', '.join(row.criteria)}",
                )
            parsed = {c: parse_level(v, f"level of {c}") for c, v in levels.items()}
            now = m.utcnow()
            for crit, level in parsed.items():
                s.add(
                    pm.CalibrationScore(
                        session_id=row.id, user_id=actor.user_id, criterion=crit, level=level, submitted_at=now
                    )
                )
            s.flush()
            return self._calibration_view(s, actor, row)

    def close_calibration(
        self, actor: Actor, session_id: str, agreed: Mapping[str, int | str] | None = None
    ) -> CalibrationView:
        """Settle the agreed levels (the consensus unless given) and close: they become a labelled case."""
        check_programme(actor, action="close a calibration session", team_id=None, manager_id=None)
        with self._write() as s:
            row = self._calibration_row(s, actor, session_id)
            if row.status == "closed":
                raise RecordsError(f"calibration {session_id} is already closed", fix="start a new one")
            scores = self._scores(s, session_id)
            if len(scores) < 2:
                raise RecordsError(
                    f"only {len(scores)} rater(s) submitted to {session_id}", fix="wait for at least two managers"
                )
            found = results(scores, row.criteria, {}, row.ai_levels)
            settled = {c.criterion: c.consensus for c in found.criteria}
            for crit, value in (agreed or {}).items():
                if crit not in row.criteria:
                    raise RecordsError(f"{crit} is not scored in {session_id}", fix=f"use {', '.join(row.criteria)}")
                settled[crit] = parse_level(value, f"agreed level of {crit}")
            row.agreed, row.status, row.closed_at = settled, "closed", m.utcnow()
            s.flush()
            return self._calibration_view(s, actor, row)

    def agreement_over_time(self, actor: Actor) -> list[AgreementPoint]:
        """Alpha per session with two or more raters, oldest first (managers, enablement, admins)."""
        if actor.role == "rep":
            raise AccessDenied(f"{actor} may not read calibration results", fix="managers, enablement and admins do")
        with self._read() as s:
            out = []
            rows = s.scalars(select(pm.CalibrationSession).order_by(pm.CalibrationSession.created_at))
            for row in rows:
                scores = self._scores(s, row.id)
                if len(scores) < 2:
                    continue
                found = results(scores, row.criteria, {}, row.ai_levels)
                out.append(
                    AgreementPoint(
                        session_id=row.id, title=row.title, date=(row.closed_at or row.created_at).date(),
                        raters=len(scores), alpha=found.alpha,
                    )
                )  # fmt: skip
            return out

    def calibration_labels(self, actor: Actor) -> list[HumanLabel]:
        """Agreed levels of closed sessions as labelled cases for the eval suite (no rep ids)."""
        check_programme(actor, action="export calibration labels", team_id=None, manager_id=None)
        with self._read() as s:
            out = []
            for row in s.scalars(select(pm.CalibrationSession).where(pm.CalibrationSession.status == "closed")):
                subject = self._subject_row(s, row.subject_kind, row.subject_id)
                current: dict[str, tuple[int, str, str]] = self._current_levels(subject)
                what = subject.scenario if isinstance(subject, m.RoleplayAttempt) else subject.interaction
                for crit, level in sorted((row.agreed or {}).items()):
                    out.append(
                        HumanLabel(
                            source="calibration", kind=row.subject_kind, subject=row.subject_id, what=what,
                            criterion=crit, ai_level=row.ai_levels.get(crit), human_level=level,
                            evidence=current.get(crit, (0, "", ""))[2], reason=f"agreed in {row.id}",
                        )
                    )  # fmt: skip
            return out
