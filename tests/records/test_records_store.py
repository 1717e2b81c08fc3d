"""The records store on SQLite and PostgreSQL: records, access rules, bad input and concurrent writers."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from support.records import ADMIN, ANCHOR, MANAGER, add_other_team

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.schema import LineMap
from copilot.records.access import Actor
from copilot.records.inputs import ActionSpec
from copilot.records.store import Store
from copilot.records.teamfile.export import TeamExport

MARCUS = Actor("rep-marcus-bell", "rep")
DANA = Actor("rep-dana-okafor", "rep")
ENABLEMENT = Actor("enable-1", "enablement")


def test_demo_team_loads_with_every_record(demo: Store, demo_doc: tuple[TeamExport, LineMap]) -> None:
    team = demo.team(ADMIN, "team-mid-market-east")
    assert team.manager.id == "mgr-jordan-reyes" and len(team.reps) == len(demo_doc[0].team.reps) >= 6
    expected = [o.id for o in demo_doc[0].observations if o.rep == "rep-marcus-bell"]
    assert sorted(o.id for o in demo.observations(ADMIN, "rep-marcus-bell")) == sorted(expected)
    sessions = demo.sessions(ADMIN, "rep-priya-nair")
    assert sessions[0].action_items[0].id == "ai-priya-01-1" and sessions[0].agreements


def test_demo_statuses_tell_the_documented_stories(demo: Store) -> None:
    marcus = demo.rep_status(ADMIN, "rep-marcus-bell", ANCHOR)
    agenda = next(s for s in marcus.intervene if s.criterion == "discovery-call.agenda")
    assert [p.observation_id for p in agenda.misses] == ["obs-marcus-05", "obs-marcus-07"]
    dana = demo.rep_status(ADMIN, "rep-dana-okafor", ANCHOR)
    assert "objection-handling.clarifies" in [s.criterion for s in dana.self_correcting] and not dana.intervene
    elena = demo.rep_status(ADMIN, "rep-elena-vasquez", ANCHOR)
    assert "negotiation.trades" in [s.criterion for s in elena.adopted]
    assert elena.ready_to_coach[0].criterion == "negotiation.mutual-plan"
    sam = demo.rep_status(ADMIN, "rep-sam-whitaker", ANCHOR)
    assert "demo.value-message" in [s.criterion for s in sam.intervene]


def test_an_observation_that_crosses_the_threshold_raises_the_flag(demo: Store) -> None:
    later = ANCHOR + dt.timedelta(days=7)
    assert not demo.rep_status(MANAGER, "rep-dana-okafor", later).intervene
    obs = demo.add_observation(
        MANAGER,
        "rep-dana-okafor",
        "objection-handling",
        {"objection-handling.clarifies": "needs_work", "objection-handling.acknowledges": 3},
        evidence={"objection-handling.clarifies": "Answered the price objection before asking what was behind it."},
        date=later,
    )
    flag = demo.rep_status(MANAGER, "rep-dana-okafor", later).intervene
    assert [s.criterion for s in flag] == ["objection-handling.clarifies"]
    assert obs.id in [p.observation_id for p in flag[0].misses]
    assert flag[0].misses[-1].evidence and "price objection" in flag[0].misses[-1].evidence


def test_notes_agreements_and_action_items(demo: Store) -> None:
    ses = demo.add_session(
        MANAGER,
        "rep-marcus-bell",
        notes="Reviewed the 12 November opening.",
        date=ANCHOR,
        agreements=["Run the opener drill 3 times by 27 November"],
        actions=[ActionSpec("Run the opener drill 3 times", ANCHOR + dt.timedelta(days=7), "rep")],
    )
    assert demo.last_session(MANAGER, "rep-marcus-bell") == ses
    assert demo.last_session(MANAGER, "rep-marcus-bell", before=ANCHOR).id == "ses-marcus-03"  # type: ignore[union-attr]
    item = ses.action_items[0]
    closed = demo.close_action_item(MARCUS, item.id, on=ANCHOR + dt.timedelta(days=3))
    assert closed.status == "done" and closed.session_id == ses.id
    with pytest.raises(RecordsError, match="already done"):
        demo.close_action_item(MANAGER, item.id)
    overdue = [i for i in demo.action_items(MANAGER, "rep-marcus-bell", status="open") if i.overdue(ANCHOR)]
    assert {i.id for i in overdue} == {"ai-marcus-02-1", "ai-marcus-03-2"}


def test_assignments(demo: Store) -> None:
    asg = demo.assign(MANAGER, "rep-marcus-bell", "act-drill-agenda-opener", assigned_on=ANCHOR)
    assert asg.due == ANCHOR + dt.timedelta(days=7) and asg.status == "assigned"
    done = demo.complete_assignment(MARCUS, asg.id, evidence="recording of three openers", on=ANCHOR)
    assert done.status == "done" and done.evidence == "recording of three openers"
    with pytest.raises(RecordsError, match="unknown activity 'act-drill-agenda'") as err:
        demo.assign(MANAGER, "rep-marcus-bell", "act-drill-agenda")
    assert "act-drill-agenda-opener" in str(err.value.fix)


def test_promotion_and_team_policy_change_the_status(demo: Store) -> None:
    demo.promote(MANAGER, "negotiation.trades", "good", rep_id="rep-elena-vasquez", on=ANCHOR)
    elena = demo.rep_status(MANAGER, "rep-elena-vasquez", ANCHOR)
    trades = next(s for s in elena.on_track if s.criterion == "negotiation.trades")
    assert trades.tier == "basic" and trades.policy.source == "promotion"
    with pytest.raises(RecordsError, match="already a basic skill"):
        demo.promote(MANAGER, "discovery-call.agenda", 3, team_id="team-mid-market-east")
    before = demo.rep_status(MANAGER, "rep-dana-okafor", ANCHOR)
    assert before.self_correcting
    demo.set_team_policy(MANAGER, "team-mid-market-east", "objection-handling.clarifies", breaches=1, window_days=7)
    after = demo.rep_status(MANAGER, "rep-dana-okafor", ANCHOR)
    assert [s.criterion for s in after.intervene] == ["objection-handling.clarifies"]
    assert demo.team_policies(MANAGER, "team-mid-market-east")[0].window_days == 7
    with pytest.raises(RecordsError, match="cannot exceed"):
        demo.set_team_policy(MANAGER, "team-mid-market-east", "demo.recap", breaches=4)


def test_briefs_and_roleplay_attempts_round_trip(demo: Store) -> None:
    brief = demo.save_brief(
        MANAGER, "rep-marcus-bell", {"focus": ["discovery-call.agenda"], "date": ANCHOR}, date=ANCHOR
    )
    assert demo.briefs(MANAGER, "rep-marcus-bell")[0].payload == {
        "focus": ["discovery-call.agenda"],
        "date": "2026-11-20",
    }
    assert brief.created_by == MANAGER.user_id
    scenario = sorted(demo.kb.scenarios)[0]
    attempt = demo.add_roleplay_attempt(
        MARCUS, "rep-marcus-bell", scenario, transcript=[{"role": "buyer", "text": "Too expensive."}], scores={"x": 3}
    )
    assert demo.roleplay_attempts(MANAGER, "rep-marcus-bell") == [attempt]
    with pytest.raises(AccessDenied):
        demo.briefs(MARCUS, "rep-marcus-bell")


# ---- access ------------------------------------------------------------------------------------


def test_a_rep_cannot_read_another_reps_notes(demo: Store) -> None:
    assert demo.sessions(MARCUS, "rep-marcus-bell")
    with pytest.raises(AccessDenied, match="rep-dana-okafor") as err:
        demo.sessions(MARCUS, "rep-dana-okafor")
    assert "own records" in err.value.message and err.value.fix
    for read in (demo.observations, demo.action_items, demo.assignments):
        with pytest.raises(AccessDenied):
            read(MARCUS, "rep-dana-okafor")
    assert [r.id for r in demo.reps(MARCUS)] == ["rep-marcus-bell"]


def test_a_manager_cannot_read_another_teams_records(demo: Store) -> None:
    add_other_team(demo)
    other = Actor("mgr-other", "manager")
    with pytest.raises(AccessDenied, match="not found, or not yours") as err:
        demo.sessions(other, "rep-marcus-bell")
    assert "mgr-jordan-reyes" not in str(err.value) and "team-mid-market-east" not in str(err.value)
    with pytest.raises(AccessDenied):
        demo.team(other, "team-mid-market-east")
    with pytest.raises(AccessDenied):
        demo.scorecard(other, team_id="team-mid-market-east", today=ANCHOR)
    with pytest.raises(AccessDenied):
        demo.add_observation(other, "rep-marcus-bell", "demo", {"demo.recap": 3})
    assert [t.id for t in demo.teams(other)] == ["team-other"]
    assert [r.id for r in demo.reps(MANAGER)] == sorted(r.id for r in demo.team(MANAGER, "team-mid-market-east").reps)


def test_rep_writes_are_limited_to_their_own_self_assessments_and_items(demo: Store) -> None:
    demo.add_observation(MARCUS, "rep-marcus-bell", "discovery-call", {"discovery-call.agenda": 3}, observer="self")
    with pytest.raises(AccessDenied, match="manager"):
        demo.add_observation(MARCUS, "rep-marcus-bell", "discovery-call", {"discovery-call.agenda": 4})
    with pytest.raises(AccessDenied):
        demo.add_session(MARCUS, "rep-marcus-bell", notes="I coached myself")
    with pytest.raises(AccessDenied):
        demo.close_action_item(DANA, "ai-marcus-02-1")


def test_enablement_sees_aggregates_only(demo: Store) -> None:
    card = demo.scorecard(ENABLEMENT, today=ANCHOR)
    assert [t.team_id for t in card.teams] == ["team-mid-market-east"]
    with pytest.raises(AccessDenied, match="aggregates"):
        demo.observations(ENABLEMENT, "rep-marcus-bell")
    with pytest.raises(AccessDenied):
        demo.reps(ENABLEMENT)
    assert demo.teams(ENABLEMENT)[0].reps == []


def test_users_passwords_and_actors(demo: Store) -> None:
    with pytest.raises(AccessDenied):
        demo.create_user(MANAGER, "x", "X", "x@example.com", "admin")
    demo.create_user(ADMIN, "enable-1", "Erin", "erin@example.com", "enablement", password="correct horse")
    assert demo.authenticate("ERIN@example.com", "correct horse") == Actor("enable-1", "enablement")
    assert demo.authenticate("erin@example.com", "wrong") is None
    demo.set_password(MANAGER, "mgr-jordan-reyes", "a long password")
    assert demo.authenticate("jordan.reyes@lanternline.example", "a long password") == MANAGER
    assert demo.actor("rep-marcus-bell") == MARCUS
    with pytest.raises(RecordsError, match="unknown user"):
        demo.actor("nobody")


# ---- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rep", "interaction", "scores", "message", "hint"),
    [
        (
            "rep-marcus-bel",
            "discovery-call",
            {"discovery-call.agenda": 3},
            "rep rep-marcus-bel: not found, or not yours",  # a manager is not told which ids exist elsewhere
            "rep-marcus-bell",
        ),
        ("rep-marcus-bell", "discovery", {"discovery-call.agenda": 3}, "unknown interaction", "discovery-call"),
        (
            "rep-marcus-bell",
            "discovery-call",
            {"discovery-call.agnda": 3},
            "unknown criterion",
            "discovery-call.agenda",
        ),
        ("rep-marcus-bell", "discovery-call", {"demo.recap": 3}, "belongs to demo", "discovery-call.agenda"),
        ("rep-marcus-bell", "discovery-call", {"discovery-call.agenda": 5}, "outside the scale", "excellent"),
        ("rep-marcus-bell", "discovery-call", {"discovery-call.agenda": "great"}, "not a level", "needs_work"),
    ],
)
def test_bad_observations_are_refused_with_the_fix(
    demo: Store, rep: str, interaction: str, scores: dict[str, int | str], message: str, hint: str
) -> None:
    count = len(demo.observations(ADMIN, "rep-marcus-bell"))
    with pytest.raises(RecordsError, match=message) as err:
        demo.add_observation(MANAGER, rep, interaction, scores)
    assert hint in str(err.value)
    assert len(demo.observations(ADMIN, "rep-marcus-bell")) == count


def test_level_names_are_accepted(demo: Store) -> None:
    obs = demo.add_observation(
        MANAGER,
        "rep-marcus-bell",
        "discovery-call",
        {"discovery-call.agenda": "Needs Work", "discovery-call.listening": "excellent"},
    )
    assert obs.scores == {"discovery-call.agenda": 2, "discovery-call.listening": 4}


# ---- two writers at once -----------------------------------------------------------------------


def test_concurrent_writers_lose_nothing(demo: Store, db_url: str) -> None:
    from copilot.records.store import store_for_url

    second = store_for_url(db_url, knowledge=demo.kb)  # a second process would open its own engine
    errors: list[BaseException] = []
    per_thread = 15

    def write(target: Store, tag: str) -> None:
        try:
            for n in range(per_thread):
                target.add_session(MANAGER, "rep-marcus-bell", notes=f"{tag} note {n}", date=ANCHOR)
                target.add_observation(
                    MANAGER, "rep-marcus-bell", "discovery-call", {"discovery-call.agenda": 3}, date=ANCHOR
                )
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, tag)) for s, tag in ((demo, "a"), (second, "b"), (demo, "c"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    second.close()
    assert errors == []
    notes = [x.notes for x in demo.sessions(ADMIN, "rep-marcus-bell") if x.date == ANCHOR]
    assert len(notes) == 3 * per_thread and len(set(notes)) == 3 * per_thread


def test_concurrent_closing_of_one_action_item_has_one_winner(demo: Store) -> None:
    results: list[str] = []

    def close() -> None:
        try:
            demo.close_action_item(MANAGER, "ai-marcus-02-1", on=ANCHOR)
            results.append("closed")
        except RecordsError as exc:
            results.append("refused" if "already done" in exc.message else exc.message)

    threads = [threading.Thread(target=close) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["closed", "refused", "refused", "refused"]
