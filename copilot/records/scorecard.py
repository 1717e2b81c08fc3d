"""Coaching in the scorecard: pure metrics per rep, team and manager over a date range, from plain records."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, Field

from copilot.knowledge.team_file import Assignment, Session
from copilot.records.policy import CriterionPolicy, ScorePoint, counted, evaluate_rep

PRACTICE_KINDS = frozenset({"drill", "roleplay"})
MIN_GROUP_SIZE = 5
"""Enablement sees a team's or manager's pooled numbers only when they pool at least this many reps; a smaller
group's averages would tell one rep's scores apart (docs/records.md)."""


class RepRecords(BaseModel):
    """Everything the scorecard reads about one rep."""

    rep_id: str
    name: str
    start_date: dt.date
    sessions: list[Session] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    roleplay_dates: list[dt.date] = Field(default_factory=list)
    history: dict[str, list[ScorePoint]] = Field(default_factory=dict)
    policies: dict[str, CriterionPolicy] = Field(default_factory=dict)


class TeamRecords(BaseModel):
    """A team's reps and who manages it."""

    team_id: str
    name: str
    manager_id: str
    manager_name: str
    reps: list[RepRecords] = Field(default_factory=list)


class Rate(BaseModel):
    """`count` of `of`, and the share (None when there is nothing to count)."""

    count: int = 0
    of: int = 0
    rate: float | None = None


class ActionItemMetrics(BaseModel):
    """Action items due in the range, by how they ended."""

    due: int = 0
    closed_on_time: int = 0
    closed_late: int = 0
    dropped: int = 0
    open: int = 0
    on_time: Rate = Field(default_factory=Rate)


class ThresholdRecovery(BaseModel):
    """One slip below threshold and the first observation back at it."""

    rep_id: str
    criterion: str
    below_since: dt.date
    reached_on: dt.date | None = Field(description="None: still below at the end of the range.")
    days: int | None = None


class MonthRow(BaseModel):
    """One calendar month's activity."""

    month: str
    sessions: int = 0
    hours: float = 0.0
    practice: int = 0


class Metrics(BaseModel):
    """The scorecard's numbers for one rep or pooled over many (see docs/records.md for definitions)."""

    reps: int = 0
    rep_months: int = Field(default=0, description="Sum over reps of calendar months in range since they started.")
    sessions: int = 0
    hours: float = 0.0
    sessions_per_rep_month: float | None = None
    hours_per_rep_month: float | None = None
    by_month: list[MonthRow] = Field(default_factory=list)
    action_items: ActionItemMetrics = Field(default_factory=ActionItemMetrics)
    assignments_completed: Rate = Field(default_factory=Rate)
    assignments_on_time: Rate = Field(default_factory=Rate)
    roleplays: int = 0
    drills_done: int = 0
    practice_per_rep_month: float | None = None
    criterion_trends: dict[str, dict[str, float]] = Field(default_factory=dict)
    recoveries: list[ThresholdRecovery] = Field(default_factory=list)
    median_days_to_threshold: float | None = None
    threshold_driven: Rate = Field(default_factory=Rate, description="Sessions held while a skill called the manager.")


class RepScore(BaseModel):
    """One rep's row."""

    rep_id: str
    name: str
    metrics: Metrics


class TeamScore(BaseModel):
    """One team: pooled metrics and a row per rep."""

    team_id: str
    name: str
    manager_id: str
    metrics: Metrics
    reps: list[RepScore] = Field(default_factory=list)


class ManagerScore(BaseModel):
    """One manager, pooled over the teams they lead."""

    manager_id: str
    name: str
    teams: list[str]
    metrics: Metrics


class Scorecard(BaseModel):
    """Every team and manager the actor may see, over one date range."""

    since: dt.date
    until: dt.date
    months: list[str]
    teams: list[TeamScore] = Field(default_factory=list)
    managers: list[ManagerScore] = Field(default_factory=list)
    withheld: list[str] = Field(
        default_factory=list,
        description="Teams and managers left out of an aggregates-only card: fewer reps than MIN_GROUP_SIZE.",
    )


def months_between(since: dt.date, until: dt.date) -> list[str]:
    """`YYYY-MM` of every calendar month the range touches."""
    out, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _month(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def _rate(count: int, of: int) -> Rate:
    return Rate(count=count, of=of, rate=round(count / of, 3) if of else None)


def _per(value: float, denominator: int) -> float | None:
    return round(value / denominator, 2) if denominator else None


def recoveries(
    rep_id: str, criterion: str, points: Sequence[ScorePoint], threshold: int, until: dt.date
) -> list[ThresholdRecovery]:
    """Each slip below threshold and how many days until the first observation back at or above it."""
    out: list[ThresholdRecovery] = []
    below_since: dt.date | None = None
    for p in counted(points, until):
        if p.score < threshold and below_since is None:
            below_since = p.date
        elif p.score >= threshold and below_since is not None:
            days = (p.date - below_since).days
            out.append(
                ThresholdRecovery(
                    rep_id=rep_id, criterion=criterion, below_since=below_since, reached_on=p.date, days=days
                )
            )
            below_since = None
    if below_since is not None:
        out.append(ThresholdRecovery(rep_id=rep_id, criterion=criterion, below_since=below_since, reached_on=None))
    return out


def _threshold_driven(rep: RepRecords, sessions: Iterable[Session]) -> tuple[int, int]:
    """(sessions held while some skill called the manager, sessions) — each judged as of its own date."""
    driven = total = 0
    for session in sessions:
        total += 1
        status = evaluate_rep(rep.rep_id, rep.policies, rep.history, session.date)
        driven += bool(status.intervene)
    return driven, total


def metrics(reps: Sequence[RepRecords], since: dt.date, until: dt.date, activity_kinds: Mapping[str, str]) -> Metrics:
    """Pool the metrics of some reps over [since, until]."""

    def within(d: dt.date | None) -> bool:
        return d is not None and since <= d <= until

    months = months_between(since, until)
    rows = {mo: MonthRow(month=mo) for mo in months}
    out = Metrics(reps=len(reps))
    items = out.action_items
    trend: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    assigned = completed = on_time = driven = held = 0
    for rep in reps:
        out.rep_months += len(months_between(max(since, rep.start_date), until)) if rep.start_date <= until else 0
        sessions = [x for x in rep.sessions if within(x.date)]
        for x in sessions:
            rows[_month(x.date)].sessions += 1
            rows[_month(x.date)].hours += x.duration_minutes / 60
        out.sessions += len(sessions)
        out.hours += sum(x.duration_minutes for x in sessions) / 60
        for item in (a for x in rep.sessions for a in x.action_items if within(a.due)):
            items.due += 1
            if item.status == "done" and item.closed_on is not None:
                late = item.closed_on > item.due
                items.closed_late += late
                items.closed_on_time += not late
            elif item.status == "dropped":
                items.dropped += 1
            else:
                items.open += 1
        for asg in (a for a in rep.assignments if within(a.due)):
            assigned += 1
            completed += asg.status == "done"
            on_time += asg.status == "done" and asg.completed_on is not None and asg.completed_on <= asg.due
        drills = [
            a.completed_on
            for a in rep.assignments
            if activity_kinds.get(a.activity) in PRACTICE_KINDS and a.status == "done"
        ]
        for when in [d for d in drills if within(d)] + [d for d in rep.roleplay_dates if within(d)]:
            rows[_month(when)].practice += 1  # type: ignore[arg-type]
        out.drills_done += sum(within(d) for d in drills)
        out.roleplays += sum(within(d) for d in rep.roleplay_dates)
        for criterion, points in rep.history.items():
            for p in counted(points, until):
                if p.date >= since:
                    trend[criterion][_month(p.date)].append(p.score)
            policy = rep.policies.get(criterion)
            if policy is not None and policy.tier == "basic":
                out.recoveries += [
                    r
                    for r in recoveries(rep.rep_id, criterion, points, policy.threshold, until)
                    if r.reached_on is None or within(r.reached_on)
                ]
        d, h = _threshold_driven(rep, sessions)
        driven, held = driven + d, held + h
    out.hours = round(out.hours, 2)
    for row in rows.values():
        row.hours = round(row.hours, 2)
    out.by_month = list(rows.values())
    out.sessions_per_rep_month = _per(out.sessions, out.rep_months)
    out.hours_per_rep_month = _per(out.hours, out.rep_months)
    out.practice_per_rep_month = _per(out.roleplays + out.drills_done, out.rep_months)
    items.on_time = _rate(items.closed_on_time, items.due)
    out.assignments_completed = _rate(completed, assigned)
    out.assignments_on_time = _rate(on_time, assigned)
    out.criterion_trends = {
        c: {mo: round(statistics.fmean(v), 2) for mo, v in sorted(by_month.items())}
        for c, by_month in sorted(trend.items())
    }
    days = [r.days for r in out.recoveries if r.days is not None]
    out.median_days_to_threshold = float(statistics.median(days)) if days else None
    out.threshold_driven = _rate(driven, held)
    return out


def build_scorecard(
    teams: Sequence[TeamRecords], since: dt.date, until: dt.date, activity_kinds: Mapping[str, str]
) -> Scorecard:
    """Per rep, per team and per manager metrics over [since, until]."""
    card = Scorecard(since=since, until=until, months=months_between(since, until))
    by_manager: dict[str, list[TeamRecords]] = defaultdict(list)
    for team in teams:
        card.teams.append(
            TeamScore(
                team_id=team.team_id,
                name=team.name,
                manager_id=team.manager_id,
                metrics=metrics(team.reps, since, until, activity_kinds),
                reps=[
                    RepScore(rep_id=r.rep_id, name=r.name, metrics=metrics([r], since, until, activity_kinds))
                    for r in team.reps
                ],
            )
        )
        by_manager[team.manager_id].append(team)
    for manager_id, led in sorted(by_manager.items()):
        pooled = [r for t in led for r in t.reps]
        card.managers.append(
            ManagerScore(
                manager_id=manager_id,
                name=led[0].manager_name,
                teams=[t.team_id for t in led],
                metrics=metrics(pooled, since, until, activity_kinds),
            )
        )
    return card


def aggregates_only(card: Scorecard, min_group: int = MIN_GROUP_SIZE) -> Scorecard:
    """The card enablement may see: pooled numbers of groups of at least `min_group` reps, nothing per rep.

    Rep rows go, and so do the threshold recoveries (each names a rep); a team or manager with fewer reps is
    listed in `withheld` instead of shown.
    """

    def pooled(metrics: Metrics) -> Metrics:
        return metrics.model_copy(update={"recoveries": []})

    out = Scorecard(since=card.since, until=card.until, months=card.months)
    for team in card.teams:
        if team.metrics.reps < min_group:
            out.withheld.append(f"team {team.team_id}")
        else:
            out.teams.append(team.model_copy(update={"metrics": pooled(team.metrics), "reps": []}))
    for manager in card.managers:
        if manager.metrics.reps < min_group:
            out.withheld.append(f"manager {manager.manager_id}")
        else:
            out.managers.append(manager.model_copy(update={"metrics": pooled(manager.metrics)}))
    return out
