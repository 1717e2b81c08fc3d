"""Repetition: sessions saved turn by turn and resumable, attempts per rep and scenario, trends, assignments."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text

from copilot.errors import AccessDenied, RecordsError
from copilot.records.access import Actor
from copilot.records.engine import head_revision
from copilot.records.store import Store
from copilot.roleplay.progress import StoredSession, open_assignment, reached, trends
from copilot.roleplay.scenarios import assigned, scenario_from_kb, weakest

ADMIN = Actor.local_admin()
MANAGER = Actor("mgr-jordan-reyes", "manager")
REP = "rep-dana-okafor"
SCENARIO = "sc-security-residency"
STRONG = [
    "That's a standard requirement for us. Which data and which regulations are in scope for you?",
    "We host in the EU or the US, and your data stays in the region you choose. Is anything else in the data flow "
    "you need confirmed?",
    "I hear you; no engineering capacity is common this time of year. What did your last integration take from IT?",
    "The standard CRM connection is live in under two weeks, and our team runs the setup. Would a few hours of IT "
    "time be realistic for you?",
    "Could we book a review of the DPA and the SSO setup with you on Wednesday at 10?",
]


def test_the_schema_has_the_roleplay_tables(demo: Store) -> None:
    tables = set(inspect(demo.engines.read).get_table_names())
    assert {"roleplay_sessions", "roleplay_assignments"} <= tables
    assert head_revision() == "0004_practice"


def test_an_interrupted_session_resumes_where_it_stopped(demo: Store) -> None:
    kb = demo.kb
    first = StoredSession.start(demo, ADMIN, REP, kb, scenario_from_kb(kb, SCENARIO), None)
    first.session.open()
    first.session.rep_says(STRONG[0])
    first.session.rep_says(STRONG[1])
    saved_turns = [t.text for t in first.session.turns]
    del first  # the terminal closed mid-conversation

    [open_one] = demo.open_roleplay_sessions(ADMIN, REP, scenario=SCENARIO)
    assert len(open_one.state["turns"]) == len(saved_turns) == 5
    again = StoredSession.resume(demo, ADMIN, REP, kb, SCENARIO, None)
    assert [t.text for t in again.session.turns] == saved_turns
    for line in STRONG[2:]:
        again.session.rep_says(line)
    result, attempt = again.finish(dt.date(2026, 11, 21))
    assert result.score.outcome == "next_step_agreed"
    assert demo.open_roleplay_sessions(ADMIN, REP) == []
    [stored] = demo.roleplay_attempts(ADMIN, REP)
    assert stored.id == attempt.id and stored.scenario == SCENARIO
    assert stored.transcript[0]["speaker"] == "buyer" and stored.scores["outcome"] == "next_step_agreed"


def test_a_rep_turn_saved_before_the_buyer_answered_gets_its_answer_on_resume(demo: Store) -> None:
    kb = demo.kb
    stored = StoredSession.start(demo, ADMIN, REP, kb, scenario_from_kb(kb, SCENARIO), None)
    stored.session.open()
    snapshot = stored.session.snapshot()
    turns = [*snapshot.turns]
    stored.session.rep_says(STRONG[0])
    rep_only = snapshot.model_copy(update={"turns": [*turns, stored.session.turns[1]]})
    demo.save_roleplay_session(ADMIN, stored.id, rep_only.model_dump(mode="json"))  # crashed before the buyer spoke

    resumed = StoredSession.resume(demo, ADMIN, REP, kb, SCENARIO, None)
    assert resumed.session.pending
    answer = resumed.session.resume()
    assert answer is not None and answer.speaker == "buyer" and not resumed.session.pending


def test_starting_afresh_abandons_the_unfinished_session(demo: Store) -> None:
    kb = demo.kb
    old = StoredSession.start(demo, ADMIN, REP, kb, scenario_from_kb(kb, SCENARIO), None)
    StoredSession.start(demo, ADMIN, REP, kb, scenario_from_kb(kb, SCENARIO), None)
    assert [s.id for s in demo.open_roleplay_sessions(ADMIN, REP)] != [old.id]
    assert demo.roleplay_session(ADMIN, old.id).status == "abandoned"
    with pytest.raises(RecordsError):
        StoredSession.resume(demo, ADMIN, "rep-marcus-bell", kb, SCENARIO, None)


def _attempt(demo: Store, lines: list[str], day: int) -> None:
    stored = StoredSession.start(demo, ADMIN, REP, demo.kb, scenario_from_kb(demo.kb, SCENARIO), None)
    stored.session.open()
    for line in lines:
        if not stored.session.ended:
            stored.session.rep_says(line)
    stored.finish(dt.date(2026, 11, day))


def test_retrying_a_scenario_shows_the_trend(demo: Store) -> None:
    _attempt(demo, ["Our cloud is secure, trust me.", "I'll send you some info."], 21)
    _attempt(demo, STRONG, 22)
    [trend] = trends(demo.roleplay_attempts(ADMIN, REP))
    assert trend.scenario == SCENARIO and len(trend.attempts) == 2
    assert trend.direction == "improving" and trend.change > 1
    assert trend.best == trend.attempts[-1].overall and trend.latest_levels


def test_a_manager_assigns_a_scenario_with_a_target_and_reaching_it_completes_it(demo: Store) -> None:
    view = demo.assign_scenario(MANAGER, REP, SCENARIO, "good", due=dt.date(2026, 12, 1), date=dt.date(2026, 11, 20))
    assert view.target_level == 3 and view.status == "assigned" and view.created_by == MANAGER.user_id
    rep_actor = demo.actor("rep-dana-okafor")
    with pytest.raises(AccessDenied):
        demo.assign_scenario(rep_actor, REP, SCENARIO, 4)
    with pytest.raises(RecordsError):
        demo.assign_scenario(MANAGER, REP, "sc-nope", 3)
    found = open_assignment(demo.scenario_assignments(rep_actor, REP), SCENARIO)
    assert found is not None
    scenario = assigned(demo.kb, SCENARIO, target_level=found.target_level, assignment_id=found.id)
    stored = StoredSession.start(demo, rep_actor, REP, demo.kb, scenario, None)  # the rep practises on their own
    stored.session.open()
    for line in STRONG:
        stored.session.rep_says(line)
    result, attempt = stored.finish(dt.date(2026, 11, 22))
    assert reached(result, 3)
    [done] = demo.scenario_assignments(MANAGER, REP)
    assert done.status == "done" and done.attempt_id == attempt.id


def test_a_scenario_built_from_the_reps_weakest_steps(demo: Store) -> None:
    status = demo.rep_status(ADMIN, REP, dt.date(2026, 11, 20))  # Dana's clarifying dipped in the demo team
    built = weakest(demo.kb, status)
    assert built.source == "weakest" and built.focus_criteria[0] == "objection-handling.clarifies"
    assert built.objections and all(
        any(c in built.focus_criteria for c in demo.kb.objections[o].criteria) for o in built.objections
    )


def test_deleting_the_team_removes_its_sessions_and_assignments(demo: Store) -> None:
    kb = demo.kb
    StoredSession.start(demo, ADMIN, REP, kb, scenario_from_kb(kb, SCENARIO), None)
    demo.assign_scenario(ADMIN, REP, SCENARIO, 3)
    team = demo.rep(ADMIN, REP).team_id
    demo.delete_team(ADMIN, team)
    with demo.engines.read.connect() as conn:
        left = [
            conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
            for t in ("roleplay_sessions", "roleplay_assignments")
        ]
    assert left == [0, 0]
