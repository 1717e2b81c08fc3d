"""The daily drill: chosen from the manager's assignment or the weakest criterion, scored for the required points
and fluency, with streaks, repetitions and practice frequency per rep."""

from __future__ import annotations

import datetime as dt

import pytest
from support.records import ADMIN, MANAGER

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.practice.daily import progress, submit_drill, todays_drill
from copilot.practice.drill import choose, filler_count, item_by_id, kind_for, score_drill, streak
from copilot.records.access import Actor
from copilot.records.store import Store

GOOD = (
    "That's a fair question, budgets are finite. What are you comparing it with? Most of our customers see "
    "forecast accuracy within five percent by their second quarter. Does that change the picture? Could we review "
    "the business case with finance on Thursday?"
)
DANA = "rep-dana-okafor"
TODAY = dt.date(2026, 11, 20)


def test_a_complete_fluent_answer_passes_every_check(kb: KnowledgeBase) -> None:
    score = score_drill(kb, item_by_id(kb, "obj-too-expensive"), GOOD)
    assert score.score == 1.0 and score.fillers == 0
    assert [c.name for c in score.checks] == [
        "acknowledges", "asks before answering", "key claim", "proof", "checks it landed", "next step", "length",
        "filler words",
    ]  # fmt: skip


def test_fillers_length_and_missing_points_each_cost_a_check(kb: KnowledgeBase) -> None:
    item = item_by_id(kb, "obj-too-expensive")
    assert filler_count("Um, so basically it's, like, you know, fine. I mean it just works.") == 6
    short = score_drill(kb, item, "Um, basically it's, like, cheap actually.")
    failed = {c.name for c in short.checks if not c.passed}
    assert {"length", "filler words", "key claim", "next step"} <= failed and short.score < 0.3
    no_step = score_drill(kb, item, GOOD.rsplit(" Could", 1)[0])
    assert [c.name for c in no_step.checks if not c.passed] == ["next step"]
    with pytest.raises(RecordsError, match="empty"):
        score_drill(kb, item, "   ")


def test_a_message_drill_wants_the_key_claim_and_a_proof_point(kb: KnowledgeBase) -> None:
    vp_id = sorted(kb.value_propositions)[0]
    item = item_by_id(kb, vp_id)
    assert item.kind == "message" and "two to four sentences" in item.prompt
    assert score_drill(kb, item, item.model_answer).score == 1.0
    vague = score_drill(kb, item, "We are a great partner and our product helps teams do better work every single day.")
    assert {c.name for c in vague.checks if not c.passed} >= {"key claim", "proof"}


def test_the_item_follows_the_assignment_then_the_weakest_step_least_repeated_first(kb: KnowledgeBase) -> None:
    scenario = next(iter(kb.scenarios.values()))
    assigned = choose(kb, TODAY, weakest=[], assigned_scenarios=[scenario.id], assigned_activities=[], repetitions={})
    assert assigned.item_id in scenario.objections and "your manager assigned" in assigned.why
    weak = choose(kb, TODAY, weakest=[("objection-handling.checks", 1)], assigned_scenarios=[], assigned_activities=[],
                  repetitions={o: 1 for o in sorted(kb.objections)[1:]})  # fmt: skip
    assert weak.item_id == sorted(kb.objections)[0], "the objection practised least"
    assert "weakest step" in weak.why and weak.criterion == "objection-handling.checks"
    value = next(c for c in kb.criteria if "value" in kb.criteria[c].title.lower() and not c.startswith("objection"))
    assert kind_for(kb, value) == "message"
    msg = choose(kb, TODAY, weakest=[(value, 1)], assigned_scenarios=[], assigned_activities=[], repetitions={})
    assert msg.kind == "message" and msg.item_id in kb.value_propositions


def test_streaks_count_days_in_a_row() -> None:
    days = [TODAY - dt.timedelta(days=n) for n in (0, 1, 2, 4)]
    assert streak(days, TODAY) == 3
    assert streak(days[1:], TODAY) == 2, "yesterday's streak survives until the end of today"
    assert streak([TODAY - dt.timedelta(days=3)], TODAY) == 0


def test_drills_are_kept_with_streaks_and_the_manager_sees_frequency(demo: Store) -> None:
    rep = Actor(DANA, "rep")
    item = todays_drill(demo, rep, DANA, TODAY)
    assert item.why
    for n in (2, 1, 0):
        submit_drill(demo, rep, DANA, item_by_id(demo.kb, "obj-too-expensive"), GOOD, TODAY - dt.timedelta(days=n))
    mine = progress(demo, rep, DANA, TODAY)
    assert (mine.streak, mine.total, mine.today, mine.repetitions["obj-too-expensive"], mine.average) == (
        3,
        3,
        1,
        3,
        1.0,
    )
    assert todays_drill(demo, rep, DANA, TODAY).item_id != "obj-too-expensive" or len(demo.kb.objections) == 1
    rows = {r.rep_id: r for r in demo.drill_frequency(MANAGER, today=TODAY)}
    assert (rows[DANA].drills, rows[DANA].days, rows[DANA].last) == (3, 3, TODAY) and rows[
        "rep-marcus-bell"
    ].drills == 0
    [team] = demo.drill_frequency(Actor("enable", "enablement"), today=TODAY)
    assert team.rep_id is None and team.drills == 3
    with pytest.raises(AccessDenied):
        demo.drill_frequency(rep, today=TODAY)
    with pytest.raises(AccessDenied):
        demo.drill_attempts(Actor("rep-marcus-bell", "rep"), DANA)
    assert len(demo.drill_attempts(ADMIN, DANA)) == 3
