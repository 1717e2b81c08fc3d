"""A human has the last word on every AI score: open a scored roleplay or reviewed call, change levels with a reason,
approve. Each approval is a new version (the audit trail), checked against the version the reviewer saw, and the
approved levels are written into the attempt or observation so trends, thresholds and certification follow them."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from copilot.errors import RecordsError
from copilot.knowledge.schema import LEVEL_BY_SCORE
from copilot.records import models as m
from copilot.records import practice_models as pm
from copilot.records.access import Actor, RepScope
from copilot.records.base import StoreBase
from copilot.records.inputs import new_id, parse_level
from copilot.records.labels import HumanLabel
from copilot.records.practice_access import check_named_by, check_review

SubjectKind = Literal["roleplay", "observation"]
KINDS: tuple[SubjectKind, ...] = ("roleplay", "observation")


class ReviewConflict(RecordsError):
    """Someone approved the same score after this reviewer opened it: reload, look, retry."""


class CriterionLevel(BaseModel):
    """One criterion of a scored attempt as the reviewer sees it."""

    criterion: str
    title: str
    ai_level: int = Field(description="What the AI scored.")
    level: int = Field(description="The approved level (the AI's until a human changes it).")
    evidence: str = Field(default="", description="The quoted line the AI's level rests on.")
    changed_by: str | None = None
    changed_at: dt.datetime | None = None
    reason: str = ""


class LevelChange(BaseModel):
    """One criterion in one approval."""

    criterion: str
    ai_level: int
    before: int
    level: int
    reason: str = ""


class ReviewView(BaseModel):
    """One approval: who, when, what they changed and why."""

    id: str
    subject_kind: SubjectKind
    subject_id: str
    rep_id: str
    version: int
    reviewer_id: str
    reviewed_at: dt.datetime
    note: str = ""
    levels: list[LevelChange] = Field(default_factory=list)

    @property
    def changes(self) -> list[LevelChange]:
        """Criteria whose level this approval moved."""
        return [c for c in self.levels if c.level != c.before]


class ReviewSubject(BaseModel):
    """A scored roleplay attempt or reviewed call, with its AI and approved levels and its review history."""

    kind: SubjectKind
    id: str
    rep_id: str
    date: dt.date
    what: str = Field(description="Scenario (roleplay) or interaction (reviewed call).")
    version: int = Field(description="0 until a human approves; the number to pass back when approving.")
    approved: bool
    criteria: list[CriterionLevel]
    history: list[ReviewView] = Field(default_factory=list)


class QueueItem(BaseModel):
    """A scored attempt a reviewer may open."""

    kind: SubjectKind
    id: str
    rep_id: str
    date: dt.date
    what: str
    version: int
    approved: bool


class CriterionOverrides(BaseModel):
    """How often humans changed the AI's level of one criterion: the scorer's real-world error rate."""

    criterion: str
    reviewed: int
    changed: int
    rate: float | None
    mean_shift: float | None = Field(default=None, description="Mean of approved minus AI level where changed.")


class OverrideReport(BaseModel):
    """Share of AI scores changed by humans, per criterion and overall, over the approved attempts in scope."""

    subjects: int
    reviewed: int
    changed: int
    rate: float | None
    criteria: list[CriterionOverrides] = Field(default_factory=list)


def _review_view(row: pm.ScoreReview, levels: list[pm.ScoreReviewLevel]) -> ReviewView:
    return ReviewView(
        id=row.id,
        subject_kind=row.subject_kind,  # type: ignore[arg-type]
        subject_id=row.subject_id,
        rep_id=row.rep_id,
        version=row.version,
        reviewer_id=row.reviewer_id,
        reviewed_at=row.reviewed_at,
        note=row.note,
        levels=[
            LevelChange(criterion=x.criterion, ai_level=x.ai_level, before=x.before, level=x.level, reason=x.reason)
            for x in levels
        ],
    )


def _rate(count: int, of: int) -> float | None:
    return round(count / of, 3) if of else None


def override_report(reviews: list[ReviewView]) -> OverrideReport:
    """The latest approval of each subject, compared criterion by criterion with what the AI said."""
    latest: dict[tuple[str, str], ReviewView] = {}
    for r in sorted(reviews, key=lambda r: r.version):
        latest[(r.subject_kind, r.subject_id)] = r
    counts: dict[str, list[int]] = {}
    for r in latest.values():
        for lvl in r.levels:
            counts.setdefault(lvl.criterion, []).append(lvl.level - lvl.ai_level)
    criteria = [
        CriterionOverrides(
            criterion=c,
            reviewed=len(shifts),
            changed=sum(1 for x in shifts if x),
            rate=_rate(sum(1 for x in shifts if x), len(shifts)),
            mean_shift=round(statistics.fmean([x for x in shifts if x]), 2) if any(shifts) else None,
        )
        for c, shifts in sorted(counts.items())
    ]
    reviewed = sum(c.reviewed for c in criteria)
    changed = sum(c.changed for c in criteria)
    return OverrideReport(
        subjects=len(latest), reviewed=reviewed, changed=changed, rate=_rate(changed, reviewed), criteria=criteria
    )


class ReviewMixin(StoreBase):
    """Human review of AI scores, named reviewers and the override report."""

    # ---- who may review ---------------------------------------------------------------------------

    def name_reviewer(self, actor: Actor, user_id: str, team_id: str, *, on: dt.date | None = None) -> None:
        """Let a user (besides the manager) review AI scores of one team (enablement or an admin)."""
        check_named_by(actor)
        with self._write() as s:
            if s.get(m.User, user_id) is None:
                raise RecordsError(f"unknown user {user_id!r}", fix="list users with `copilot user list`")
            self._team(s, actor, team_id, action="name reviewers", aggregate=True)
            if s.get(pm.NamedReviewer, (user_id, team_id)) is None:
                s.add(
                    pm.NamedReviewer(
                        user_id=user_id, team_id=team_id, named_by=actor.user_id, named_on=on or dt.date.today()
                    )
                )

    def _scope(self, s: Session, actor: Actor, rep_id: str, *, approve: bool) -> RepScope:
        rep = self._rep_row(s, actor, rep_id)
        scope = RepScope(rep_id=rep.id, user_id=rep.user_id, team_id=rep.team_id, manager_id=rep.team.manager_id)
        named = s.get(pm.NamedReviewer, (actor.user_id, rep.team_id)) is not None
        check_review(actor, scope, named=named, approve=approve)
        return scope

    def _reviewable_team_ids(self, s: Session, actor: Actor) -> list[str] | None:
        """Teams whose scores the actor may review (None: every team)."""
        if actor.role == "admin":
            return None
        named = list(s.scalars(select(pm.NamedReviewer.team_id).where(pm.NamedReviewer.user_id == actor.user_id)))
        led = list(s.scalars(select(m.Team.id).where(m.Team.manager_id == actor.user_id)))
        return sorted({*named, *led})

    # ---- the subject: attempt or reviewed call --------------------------------------------------------

    def _subject_row(self, s: Session, kind: str, subject_id: str) -> m.RoleplayAttempt | m.Observation:
        if kind not in KINDS:
            raise RecordsError(
                f"unknown kind {kind!r}", fix="use roleplay (an attempt) or observation (a reviewed call)"
            )
        if kind == "roleplay":
            attempt = s.get(m.RoleplayAttempt, subject_id)
            if attempt is None:
                raise RecordsError(
                    f"unknown roleplay attempt {subject_id!r}", fix="list them with `copilot reviews queue`"
                )
            return attempt
        obs = s.get(m.Observation, subject_id, options=[selectinload(m.Observation.scores)])
        if obs is None:
            raise RecordsError(f"unknown observation {subject_id!r}", fix="list them with `copilot reviews queue`")
        if obs.observer != "automatic":
            raise RecordsError(
                f"observation {subject_id} was scored by a {obs.observer}, not by the AI: there is no AI score to review",
                fix="review a call scored with `copilot review --save`, or a roleplay attempt",
            )
        return obs

    def _current_levels(self, row: m.RoleplayAttempt | m.Observation) -> dict[str, tuple[int, str, str]]:
        """criterion -> (approved level now, title, evidence)."""
        out: dict[str, tuple[int, str, str]] = {}
        if isinstance(row, m.RoleplayAttempt):
            for item in (row.scores or {}).get("scores", []):
                if "criterion_id" in item:
                    out[item["criterion_id"]] = (
                        int(item["level"]),
                        str(item.get("title", "")),
                        str(item.get("evidence", "")),
                    )
            return out
        for sc in row.scores:
            found = self.kb.criteria.get(sc.criterion)
            out[sc.criterion] = (sc.score, found.title if found else sc.criterion, sc.evidence or "")
        return out

    def _history(self, s: Session, kind: str, subject_id: str) -> list[ReviewView]:
        rows = s.scalars(
            select(pm.ScoreReview)
            .where(pm.ScoreReview.subject_kind == kind, pm.ScoreReview.subject_id == subject_id)
            .order_by(pm.ScoreReview.version)
        ).all()
        levels: dict[str, list[pm.ScoreReviewLevel]] = {}
        if rows:
            query = select(pm.ScoreReviewLevel).where(pm.ScoreReviewLevel.review_id.in_([r.id for r in rows]))
            for lvl in s.scalars(query):
                levels.setdefault(lvl.review_id, []).append(lvl)
        return [_review_view(r, sorted(levels.get(r.id, []), key=lambda x: x.criterion)) for r in rows]

    def _subject(self, s: Session, kind: str, row: m.RoleplayAttempt | m.Observation) -> ReviewSubject:
        history = self._history(s, kind, row.id)
        ai: dict[str, int] = {}
        last: dict[str, tuple[str, dt.datetime, str]] = {}
        for review in history:
            for lvl in review.levels:
                ai.setdefault(lvl.criterion, lvl.ai_level)
                if lvl.level != lvl.before:
                    last[lvl.criterion] = (review.reviewer_id, review.reviewed_at, lvl.reason)
        criteria = []
        for crit, (level, title, evidence) in self._current_levels(row).items():
            by, at, reason = last.get(crit, (None, None, ""))
            criteria.append(
                CriterionLevel(
                    criterion=crit, title=title, ai_level=ai.get(crit, level), level=level, evidence=evidence,
                    changed_by=by, changed_at=at, reason=reason,
                )
            )  # fmt: skip
        what = row.scenario if isinstance(row, m.RoleplayAttempt) else row.interaction
        version = history[-1].version if history else 0
        return ReviewSubject(
            kind=kind,  # type: ignore[arg-type]
            id=row.id,
            rep_id=row.rep_id,
            date=row.date,
            what=what,
            version=version,
            approved=bool(history),
            criteria=criteria,
            history=history,
        )

    def score_for_review(self, actor: Actor, kind: str, subject_id: str) -> ReviewSubject:
        """A scored attempt or reviewed call with the quoted evidence per criterion (reviewers; the rep read-only)."""
        with self._read() as s:
            row = self._subject_row(s, kind, subject_id)
            self._scope(s, actor, row.rep_id, approve=False)
            return self._subject(s, kind, row)

    def approve_score(
        self,
        actor: Actor,
        kind: str,
        subject_id: str,
        *,
        seen_version: int,
        changes: Mapping[str, tuple[int | str, str]] | None = None,
        note: str = "",
    ) -> ReviewSubject:
        """Approve the levels (changing some, each with a reason) of the version the reviewer saw.

        If someone approved since (the version moved), nothing is saved and ReviewConflict says who and what.
        """
        wanted = dict(changes or {})
        with self._write() as s:
            row = self._subject_row(s, kind, subject_id)
            self._scope(s, actor, row.rep_id, approve=True)
            subject = self._subject(s, kind, row)
            if seen_version != subject.version:
                raise ReviewConflict(self._conflict(subject, seen_version), fix="reload the score, look again, retry")
            current = {c.criterion: c for c in subject.criteria}
            parsed: dict[str, tuple[int, str]] = {}
            for crit, (value, reason) in wanted.items():
                if crit not in current:
                    raise RecordsError(
                        f"{subject_id} has no score for {crit!r}", fix=f"change one of: {', '.join(current)}"
                    )
                level = parse_level(value, f"level of {crit}")
                if level != current[crit].level and not reason.strip():
                    raise RecordsError(f"changing {crit} needs a reason", fix="say why the level is different")
                parsed[crit] = (level, reason.strip())
            review = pm.ScoreReview(
                id=new_id("rev"),
                subject_kind=kind,
                subject_id=row.id,
                rep_id=row.rep_id,
                version=subject.version + 1,
                reviewer_id=actor.user_id,
                reviewed_at=m.utcnow(),
                note=note.strip(),
            )
            s.add(review)
            for crit, c in current.items():
                level, reason = parsed.get(crit, (c.level, ""))
                s.add(
                    pm.ScoreReviewLevel(
                        review_id=review.id, criterion=crit, ai_level=c.ai_level, before=c.level, level=level,
                        reason=reason if level != c.level else "",
                    )
                )  # fmt: skip
            self._write_levels(row, {crit: lv for crit, (lv, _) in parsed.items()}, review)
            s.flush()
            return self._subject(s, kind, row)

    @staticmethod
    def _conflict(subject: ReviewSubject, seen: int) -> str:
        newer = [r for r in subject.history if r.version > seen]
        said = "; ".join(
            f"{r.reviewer_id} approved version {r.version} at {r.reviewed_at:%Y-%m-%d %H:%M} UTC"
            + (
                " changing " + ", ".join(f"{c.criterion} {c.before}→{c.level}" for c in r.changes)
                if r.changes
                else " unchanged"
            )
            for r in newer
        )
        return f"{subject.id} changed since you opened it (you saw version {seen}, it is now {subject.version}): {said}"

    def _write_levels(
        self, row: m.RoleplayAttempt | m.Observation, levels: dict[str, int], review: pm.ScoreReview
    ) -> None:
        """The approved levels into the attempt or observation itself, so every reader uses them."""
        if isinstance(row, m.Observation):
            for sc in row.scores:
                if sc.criterion in levels:
                    sc.score = levels[sc.criterion]
            return
        scores: dict[str, Any] = dict(row.scores or {})
        items = []
        for item in scores.get("scores", []):
            item = dict(item)
            crit = item.get("criterion_id")
            if crit in levels and levels[crit] != int(item["level"]):
                item.setdefault("ai_level", int(item["level"]))
                item["level"] = levels[crit]
                item["label"] = LEVEL_BY_SCORE[levels[crit]].label
            items.append(item)
        scores["scores"] = items
        if items:
            scores["overall"] = round(sum(int(i["level"]) for i in items) / len(items), 2)
        scores["review"] = {"version": review.version, "by": review.reviewer_id, "at": review.reviewed_at.isoformat()}
        row.scores = scores

    # ---- lists and reports -------------------------------------------------------------------------------

    def review_queue(self, actor: Actor, *, rep_id: str | None = None, limit: int = 50) -> list[QueueItem]:
        """Scored attempts and reviewed calls the actor may review, awaiting approval first, newest first."""
        with self._read() as s:
            if rep_id is not None:
                self._scope(s, actor, rep_id, approve=False)
                rep_ids = [rep_id]
            else:
                teams = self._reviewable_team_ids(s, actor)
                query = select(m.Rep.id)
                if teams is not None:
                    query = query.where(m.Rep.team_id.in_(teams))
                rep_ids = list(s.scalars(query))
            versions = {
                (k, i): v
                for k, i, v in s.execute(
                    select(pm.ScoreReview.subject_kind, pm.ScoreReview.subject_id, func.max(pm.ScoreReview.version))
                    .where(pm.ScoreReview.rep_id.in_(rep_ids))
                    .group_by(pm.ScoreReview.subject_kind, pm.ScoreReview.subject_id)
                )
            }
            items: list[QueueItem] = []
            attempts = s.execute(
                select(
                    m.RoleplayAttempt.id, m.RoleplayAttempt.rep_id, m.RoleplayAttempt.date, m.RoleplayAttempt.scenario
                ).where(m.RoleplayAttempt.rep_id.in_(rep_ids))
            )
            calls = s.execute(
                select(m.Observation.id, m.Observation.rep_id, m.Observation.date, m.Observation.interaction).where(
                    m.Observation.rep_id.in_(rep_ids), m.Observation.observer == "automatic"
                )
            )
            for kind, rows in (("roleplay", attempts), ("observation", calls)):
                for sid, rid, date, what in rows:
                    v = versions.get((kind, sid), 0)
                    items.append(
                        QueueItem(kind=kind, id=sid, rep_id=rid, date=date, what=what, version=v, approved=v > 0)  # type: ignore[arg-type]
                    )
            items.sort(key=lambda i: (i.approved, -i.date.toordinal(), i.id), reverse=False)
            return items[:limit]

    def review_history(self, actor: Actor, *, team_id: str | None = None) -> list[ReviewView]:
        """Every approval in the teams the actor sees aggregates of (managers: their teams; enablement: all)."""
        with self._read() as s:
            teams = self._scoped_teams(s, actor, team_id, action="read the review report")
            if actor.role == "rep":
                raise RecordsError(
                    f"{actor} may not read the review report", fix="managers, enablement and admins read it"
                )
            rep_ids = [r.id for t in teams for r in t.reps]
            rows = s.scalars(select(pm.ScoreReview).where(pm.ScoreReview.rep_id.in_(rep_ids))).all()
            levels: dict[str, list[pm.ScoreReviewLevel]] = {}
            if rows:
                for lvl in s.scalars(
                    select(pm.ScoreReviewLevel).where(pm.ScoreReviewLevel.review_id.in_([r.id for r in rows]))
                ):
                    levels.setdefault(lvl.review_id, []).append(lvl)
            return [_review_view(r, levels.get(r.id, [])) for r in rows]

    def override_report(self, actor: Actor, *, team_id: str | None = None) -> OverrideReport:
        """Share of AI scores humans changed, per criterion (see override_report)."""
        return override_report(self.review_history(actor, team_id=team_id))

    def review_cases(self, actor: Actor, *, team_id: str | None = None) -> list[HumanLabel]:
        """Human-approved levels next to the AI's, with the evidence, as labels for the eval suite (no rep ids)."""
        history = self.review_history(actor, team_id=team_id)
        latest: dict[tuple[str, str], ReviewView] = {}
        reasons: dict[tuple[str, str, str], str] = {}
        for r in sorted(history, key=lambda r: r.version):
            latest[(r.subject_kind, r.subject_id)] = r
            for c in r.changes:
                reasons[(r.subject_kind, r.subject_id, c.criterion)] = c.reason
        labels = []
        with self._read() as s:
            for (kind, sid), review in sorted(latest.items()):
                row = self._subject_row(s, kind, sid)
                current = self._current_levels(row)
                for lvl in review.levels:
                    labels.append(
                        HumanLabel(
                            source="review",
                            kind=kind,
                            subject=sid,
                            what=row.scenario if isinstance(row, m.RoleplayAttempt) else row.interaction,
                            criterion=lvl.criterion,
                            ai_level=lvl.ai_level,
                            human_level=lvl.level,
                            evidence=current.get(lvl.criterion, (0, "", ""))[2],
                            reason=reasons.get((kind, sid, lvl.criterion), "") if lvl.level != lvl.ai_level else "",
                        )
                    )
        return labels
