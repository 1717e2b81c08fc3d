"""Scorecard metrics: hand-built records with known answers, then the demo team through the store."""

from __future__ import annotations

import datetime as dt

import pytest
from support.records import ADMIN, ANCHOR, MANAGER

from copilot.errors import AccessDenied
from copilot.knowledge.team_file import ActionItem, Assignment, Session
from copilot.records.access import Actor
from copilot.records.policy import CriterionPolicy, ScorePoint
from copilot.records.scorecard import RepRecords, TeamRecords, build_scorecard, months_between, recoveries
from copilot.records.store import Store

POLICY = CriterionPolicy(
    criterion="demo.recap",
    title="Recap",
    interaction="demo",
    tier="basic",
    threshold=3,
    breaches=2,
    of_last=3,
    window_days=14,
)
KINDS = {"act-drill": "drill", "act-lesson": "lesson", "act-roleplay": "roleplay"}


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def item(i: str, due: dt.date, status: str = "open", closed: dt.date | None = None) -> ActionItem:
    return ActionItem(id=i, text=i, owner="rep", due=due, status=status, closed_on=closed)  # type: ignore[arg-type]


def point(i: str, date: dt.date, score: int, observer: str = "manager") -> ScorePoint:
    return ScorePoint(observation_id=i, date=date, score=score, observer=observer)


def rep_a() -> RepRecords:
    return RepRecords(
        rep_id="a",
        name="Ann",
        start_date=d(1, 5),
        sessions=[
            Session(
                id="s1",
                rep="a",
                date=d(9, 10),
                kind="one-on-one",
                duration_minutes=30,
                action_items=[
                    item("i1", d(9, 20), "done", d(9, 19)),
                    item("i2", d(9, 20), "done", d(9, 25)),
                    item("i3", d(10, 1), "dropped", d(9, 28)),
                    item("i4", d(12, 1)),
                ],
            ),
            Session(id="s2", rep="a", date=d(10, 20), kind="one-on-one", duration_minutes=60),
            Session(id="s0", rep="a", date=d(8, 1), kind="one-on-one", duration_minutes=45),
        ],
        assignments=[
            Assignment(
                id="g1",
                rep="a",
                activity="act-drill",
                assigned_on=d(9, 1),
                due=d(9, 15),
                status="done",
                completed_on=d(9, 14),
            ),
            Assignment(
                id="g2",
                rep="a",
                activity="act-lesson",
                assigned_on=d(9, 1),
                due=d(9, 15),
                status="done",
                completed_on=d(9, 30),
            ),
            Assignment(id="g3", rep="a", activity="act-lesson", assigned_on=d(10, 1), due=d(10, 15), status="assigned"),
        ],
        roleplay_dates=[d(10, 2), d(10, 9), d(7, 1)],
        history={
            "demo.recap": [
                point("o1", d(9, 1), 2),
                point("o2", d(9, 8), 2),
                point("o3", d(9, 11), 4, "self"),
                point("o4", d(9, 29), 3),
                point("o5", d(10, 6), 1),
            ]
        },
        policies={"demo.recap": POLICY},
    )


def rep_b() -> RepRecords:
    return RepRecords(rep_id="b", name="Bo", start_date=d(10, 1), policies={"demo.recap": POLICY})


def test_months_between() -> None:
    assert months_between(d(11, 15), dt.date(2027, 2, 1)) == ["2026-11", "2026-12", "2027-01", "2027-02"]


def test_recoveries_measure_days_back_to_threshold() -> None:
    found = recoveries("a", "demo.recap", rep_a().history["demo.recap"], 3, d(10, 31))
    assert [(r.below_since, r.reached_on, r.days) for r in found] == [(d(9, 1), d(9, 29), 28), (d(10, 6), None, None)]


def test_rep_metrics_over_a_range() -> None:
    card = build_scorecard(
        [TeamRecords(team_id="t", name="T", manager_id="m", manager_name="Mia", reps=[rep_a(), rep_b()])],
        d(9, 1),
        d(10, 31),
        KINDS,
    )
    a = card.teams[0].reps[0].metrics
    assert card.months == ["2026-09", "2026-10"]
    assert (a.sessions, a.hours, a.rep_months, a.sessions_per_rep_month) == (2, 1.5, 2, 1.0)
    assert [(m.month, m.sessions, m.hours, m.practice) for m in a.by_month] == [
        ("2026-09", 1, 0.5, 1),
        ("2026-10", 1, 1.0, 2),
    ]
    ai = a.action_items
    assert (ai.due, ai.closed_on_time, ai.closed_late, ai.dropped, ai.open) == (3, 1, 1, 1, 0)
    assert ai.on_time.rate == pytest.approx(0.333)
    assert (a.assignments_completed.count, a.assignments_completed.of, a.assignments_on_time.count) == (2, 3, 1)
    assert (a.roleplays, a.drills_done, a.practice_per_rep_month) == (2, 1, 1.5)
    assert a.criterion_trends == {"demo.recap": {"2026-09": 2.33, "2026-10": 1.0}}
    assert a.median_days_to_threshold == 28.0 and len(a.recoveries) == 2
    # s1 (10 Sep): first miss 1 Sep, window open until 15 Sep -> not threshold-driven;
    # s2 (20 Oct): misses o2 and o5 in the last three, window long over -> threshold-driven.
    assert (a.threshold_driven.count, a.threshold_driven.of) == (1, 2)
    team = card.teams[0].metrics
    assert team.reps == 2 and team.rep_months == 3 and team.sessions_per_rep_month == 0.67
    assert card.managers[0].manager_id == "m" and card.managers[0].metrics.sessions == 2


def test_empty_range_has_no_rates() -> None:
    card = build_scorecard(
        [TeamRecords(team_id="t", name="T", manager_id="m", manager_name="Mia", reps=[rep_b()])],
        d(1, 1),
        d(1, 31),
        KINDS,
    )
    m = card.teams[0].metrics
    assert m.rep_months == 0 and m.sessions_per_rep_month is None and m.action_items.on_time.rate is None


def test_demo_scorecard_through_the_store(demo: Store) -> None:
    card = demo.scorecard(MANAGER, since=d(10, 1), until=ANCHOR)
    team = card.teams[0]
    assert team.team_id == "team-mid-market-east" and len(team.reps) >= 6
    elena = next(r for r in team.reps if r.rep_id == "rep-elena-vasquez").metrics
    assert (
        elena.sessions >= 2 and elena.action_items.closed_on_time < elena.action_items.due
    )  # the overdue manager item
    marcus = next(r for r in team.reps if r.rep_id == "rep-marcus-bell").metrics
    assert marcus.threshold_driven.count >= 1
    assert "discovery-call.agenda" in marcus.criterion_trends
    assert team.metrics.sessions == sum(r.metrics.sessions for r in team.reps)


def test_a_rep_sees_only_their_own_row(demo: Store) -> None:
    card = demo.scorecard(Actor("rep-marcus-bell", "rep"), since=d(10, 1), until=ANCHOR)
    assert [r.rep_id for t in card.teams for r in t.reps] == ["rep-marcus-bell"] and card.managers == []
    with pytest.raises(AccessDenied):
        demo.scorecard(Actor("rep-marcus-bell", "rep"), team_id="team-mid-market-east", until=ANCHOR)
    assert demo.scorecard(ADMIN, until=ANCHOR).teams
