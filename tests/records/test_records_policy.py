"""Trust but verify: the pure rules, on hand-built observation histories with an explicit `today`."""

from __future__ import annotations

import datetime as dt

import pytest

from copilot.records.policy import (
    CriterionPolicy,
    Override,
    ScorePoint,
    evaluate_advanced,
    evaluate_basic,
    evaluate_rep,
    resolve_policy,
    slip_start,
)

D0 = dt.date(2026, 10, 1)
BASIC = CriterionPolicy(
    criterion="discovery-call.agenda",
    title="Agenda",
    interaction="discovery-call",
    tier="basic",
    threshold=3,
    breaches=2,
    of_last=3,
    window_days=14,
)
ADVANCED = BASIC.model_copy(
    update={"criterion": "discovery-call.insight-story", "title": "Insight", "tier": "advanced"}
)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def history(*points: tuple[int, int] | tuple[int, int, str]) -> list[ScorePoint]:
    """(day offset, score[, observer]) -> score points with ids o<day>."""
    return [
        ScorePoint(observation_id=f"o{p[0]}", date=day(p[0]), score=p[1], observer=p[2] if len(p) > 2 else "manager")
        for p in points
    ]


def test_on_track_when_recent_observations_meet_the_threshold() -> None:
    status = evaluate_basic(BASIC, history((0, 3), (7, 4), (14, 3)), day(20))
    assert status.state == "on_track" and not status.misses and status.latest and status.latest.score == 3


def test_not_observed_without_counted_observations() -> None:
    assert evaluate_basic(BASIC, [], day(0)).state == "not_observed"
    assert evaluate_basic(BASIC, history((0, 1, "self")), day(30)).state == "not_observed"


def test_one_miss_opens_the_self_correction_window() -> None:
    status = evaluate_basic(BASIC, history((0, 3), (5, 2)), day(10))
    assert status.state == "self_correcting"
    assert status.window_started == day(5) and status.window_ends == day(19)
    assert "until 2026-10-20" in status.reason


def test_repeated_misses_inside_the_window_still_leave_it_to_the_rep() -> None:
    status = evaluate_basic(BASIC, history((0, 2), (3, 1), (6, 2)), day(13))
    assert status.state == "self_correcting" and len(status.misses) == 3


def test_manager_steps_in_after_the_window_with_the_proof() -> None:
    status = evaluate_basic(BASIC, history((0, 3), (5, 2), (12, 3), (20, 1)), day(21))
    assert status.state == "intervene"
    assert [p.observation_id for p in status.misses] == ["o5", "o20"]
    assert "o5" in status.reason and "o20" in status.reason and "14 days to self-correct" in status.reason


def test_the_window_is_measured_from_the_first_miss_not_the_latest() -> None:
    """A rep observed daily cannot keep the window open forever."""
    points = history(*[(n, 2) for n in range(0, 30)])
    status = evaluate_basic(BASIC, points, day(29))
    assert status.state == "intervene" and status.window_started == day(0)


def test_the_window_closes_exactly_window_days_after_the_first_miss() -> None:
    points = history((0, 2), (1, 2))
    assert evaluate_basic(BASIC, points, day(13)).state == "self_correcting"
    assert evaluate_basic(BASIC, points, day(14)).state == "intervene"


def test_one_miss_after_the_window_is_not_enough() -> None:
    recovered = evaluate_basic(BASIC, history((0, 2), (10, 3), (16, 3)), day(20))
    assert recovered.state == "on_track" and len(recovered.misses) == 1
    still_low = evaluate_basic(BASIC, history((0, 3), (10, 3), (16, 2)), day(40))
    assert still_low.state == "verify" and "observe again" in still_low.reason


def test_of_last_clean_observations_end_a_slip_and_the_next_miss_starts_a_new_window() -> None:
    points = history((0, 2), (3, 3), (6, 3), (9, 3), (40, 2))
    assert slip_start(points, BASIC) == day(40)
    status = evaluate_basic(BASIC, points, day(41))
    assert status.state == "self_correcting" and status.window_ends == day(54)


def test_self_assessments_and_future_observations_do_not_count() -> None:
    points = history((0, 2), (5, 4, "self"), (10, 2, "peer"), (30, 4))
    status = evaluate_basic(BASIC, points, day(20))
    assert status.state == "intervene" and [p.observation_id for p in status.recent] == ["o0", "o10"]


def test_strict_criterion_policy_one_of_two() -> None:
    strict = BASIC.model_copy(update={"breaches": 1, "of_last": 2, "window_days": 0})
    assert evaluate_basic(strict, history((0, 3), (1, 2)), day(1)).state == "intervene"


def test_team_override_and_promotion_resolve_in_order() -> None:
    team = resolve_policy(BASIC, Override(window_days=7, threshold=4))
    assert (team.window_days, team.threshold, team.source) == (7, 4, "team")
    assert resolve_policy(BASIC, Override()).source == "methodology"
    promoted = resolve_policy(ADVANCED, Override(window_days=7), promoted_threshold=3)
    assert (promoted.tier, promoted.threshold, promoted.window_days, promoted.source) == ("basic", 3, 7, "promotion")
    clamped = resolve_policy(BASIC, Override(of_last=1))
    assert clamped.breaches == 1


@pytest.mark.parametrize(
    ("basics", "points", "state"),
    [
        ([(0, 3), (7, 3)], [], "ready_to_coach"),
        ([(0, 3), (7, 3)], [(0, 2), (7, 3)], "ready_to_coach"),
        ([(0, 3), (7, 3)], [(0, 3), (7, 4)], "adopted"),
        ([(0, 3), (7, 3)], [(7, 4)], "ready_to_coach"),
        ([(0, 2), (7, 2)], [(7, 4), (8, 4)], "waiting_on_basics"),
    ],
)
def test_advanced_skills(basics: list[tuple[int, int]], points: list[tuple[int, int]], state: str) -> None:
    today = day(10)
    basic = evaluate_basic(BASIC, history(*basics), today)
    status = evaluate_advanced(ADVANCED, history(*points), [basic], today)
    assert status.state == state, status.reason


def test_advanced_skill_waits_until_a_basic_of_its_interaction_is_observed() -> None:
    unobserved = evaluate_basic(BASIC, [], day(5))
    assert evaluate_advanced(ADVANCED, history((0, 2)), [unobserved], day(5)).state == "waiting_on_basics"


def test_evaluate_rep_sorts_every_criterion_of_observed_interactions() -> None:
    listening = BASIC.model_copy(update={"criterion": "discovery-call.listening", "title": "Listening"})
    demo = BASIC.model_copy(update={"criterion": "demo.recap", "interaction": "demo", "title": "Recap"})
    policies = {p.criterion: p for p in (BASIC, ADVANCED, listening, demo)}
    status = evaluate_rep(
        "rep-a",
        policies,
        {"discovery-call.agenda": history((0, 2), (20, 1)), "discovery-call.insight-story": history((20, 2))},
        day(21),
    )
    assert [s.criterion for s in status.intervene] == ["discovery-call.agenda"]
    assert [s.criterion for s in status.not_observed] == ["discovery-call.listening"]
    assert [s.criterion for s in status.waiting_on_basics] == ["discovery-call.insight-story"]
    assert status.unobserved_interactions == ["demo"]
    assert status.skills()[0].criterion == "discovery-call.agenda"


def test_evaluate_rep_ignores_observations_after_today() -> None:
    status = evaluate_rep("rep-a", {BASIC.criterion: BASIC}, {BASIC.criterion: history((30, 1))}, day(10))
    assert status.skills() == [] and status.unobserved_interactions == ["discovery-call"]
