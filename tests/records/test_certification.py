"""Certification: versioned rules, every bar met to pass, statuses per rep, reviews that move a pass, who sees what."""

from __future__ import annotations

import datetime as dt

import pytest
from support.records import ADMIN, MANAGER, add_other_team

from copilot.errors import AccessDenied, RecordsError
from copilot.records.access import Actor
from copilot.records.certification import AttemptFacts, CertRules, evaluate, meets
from copilot.records.store import Store
from copilot.roleplay.progress import StoredSession
from copilot.roleplay.scenarios import scenario_from_kb

ENABLEMENT = Actor("enable", "enablement")
DANA, MARCUS = "rep-dana-okafor", "rep-marcus-bell"
GATE, PRICE = "sc-security-review-gate", "sc-cfo-price-pushback"
ACK, CHECKS = "objection-handling.acknowledges", "objection-handling.checks"
TODAY = dt.date.today()
STRONG = [
    "That's a standard requirement for us. Which data and which regulations are in scope for you?",
    "We host in the EU or the US, and your data stays in the region you choose. Is anything else in the data flow "
    "you need confirmed?",
    "Could we book a review of the DPA and the SSO setup with you on Wednesday at 10?",
]


def scored(store: Store, rep: str, scenario: str, ack: int, checks: int, day: dt.date = TODAY) -> str:
    scores = {
        "scores": [
            {"criterion_id": ACK, "title": "Ack", "level": ack, "label": "", "evidence": '"x"', "why": ""},
            {"criterion_id": CHECKS, "title": "Checks", "level": checks, "label": "", "evidence": '"y"', "why": ""},
        ],
        "overall": (ack + checks) / 2,
    }
    return store.add_roleplay_attempt(ADMIN, rep, scenario, transcript=[], scores=scores, date=day).id


def status(store: Store, actor: Actor, rep: str, today: dt.date = TODAY) -> str:
    [found] = store.certification_status(actor, today=today, cert_id="objections", rep_id=rep)
    return found.status


def define(store: Store, actor: Actor = ENABLEMENT, **changes: object) -> None:
    args: dict = {
        "title": "Objection handling", "scenarios": [GATE, PRICE], "min_level": "good", "levels": {ACK: 4},
        "attempts": 2, "due": TODAY + dt.timedelta(days=14),
    } | changes  # fmt: skip
    store.define_certification(actor, "objections", **args)


def test_every_bar_met_in_every_scenario_passes_and_the_statuses_follow(demo: Store) -> None:
    define(demo)
    assert status(demo, MANAGER, DANA) == "not_started"
    scored(demo, DANA, GATE, 4, 3)
    assert status(demo, MANAGER, DANA) == "in_progress"
    miss = scored(demo, DANA, PRICE, 3, 3)  # ACK must be Excellent here
    [st] = demo.certification_status(Actor(DANA, "rep"), today=TODAY, cert_id="objections")
    assert st.status == "in_progress" and [g.criterion for g in st.scenarios[1].gaps] == [ACK]
    scored(demo, DANA, PRICE, 4, 4)
    assert status(demo, MANAGER, DANA) == "passed"
    scored(demo, MARCUS, GATE, 2, 2)
    scored(demo, MARCUS, GATE, 3, 2)
    assert status(demo, MANAGER, MARCUS) == "failed", "two attempts allowed, both below the bar"
    assert status(demo, MANAGER, "rep-priya-nair", TODAY + dt.timedelta(days=15)) == "overdue"
    [summary] = demo.certification_summary(ENABLEMENT, today=TODAY)
    assert summary.counts["passed"] == 1 and summary.counts["failed"] == 1 and summary.counts["not_started"] == 4
    assert miss


def test_a_reviewers_change_moves_the_certification(demo: Store) -> None:
    define(demo, scenarios=[GATE], levels={})
    attempt = scored(demo, DANA, GATE, 3, 3)
    assert status(demo, MANAGER, DANA) == "passed"
    demo.approve_score(MANAGER, "roleplay", attempt, seen_version=0, changes={CHECKS: (2, "never checked it landed")})
    assert status(demo, MANAGER, DANA) == "in_progress", "the approved score decides, not the AI's"
    demo.approve_score(MANAGER, "roleplay", attempt, seen_version=1, changes={CHECKS: (3, "re-listened: she did")})
    assert status(demo, MANAGER, DANA) == "passed"


def test_a_change_mid_attempt_keeps_the_rules_the_rep_started_under(demo: Store) -> None:
    kb = demo.kb
    define(demo, scenarios=["sc-security-residency"], min_level=1, levels={}, attempts=1)
    started = StoredSession.start(demo, ADMIN, DANA, kb, scenario_from_kb(kb, "sc-security-residency"), None)
    started.session.open()
    for line in STRONG:
        started.session.rep_says(line)
    define(demo, scenarios=["sc-security-residency"], min_level=4, levels={}, attempts=1)  # v2 while Dana plays
    started.finish(TODAY)
    [dana] = demo.certification_status(MANAGER, today=TODAY, cert_id="objections", rep_id=DANA)
    assert (dana.version, dana.status) == (1, "passed")
    later = StoredSession.start(demo, ADMIN, MARCUS, kb, scenario_from_kb(kb, "sc-security-residency"), None)
    later.session.open()
    later.session.rep_says(STRONG[0])
    later.finish(TODAY)
    [marcus] = demo.certification_status(MANAGER, today=TODAY, cert_id="objections", rep_id=MARCUS)
    assert (marcus.version, marcus.status) == (2, "failed"), "a rep starting after the change meets the new bar"
    assert [v for v, _, _ in demo.certification_versions(ENABLEMENT, "objections")] == [1, 2]


def test_who_defines_and_who_sees(demo: Store) -> None:
    add_other_team(demo)
    with pytest.raises(AccessDenied, match="only enablement"):
        define(demo, MANAGER)
    demo.define_certification(
        MANAGER, "east-gate", title="Gate", scenarios=[GATE], min_level=3, attempts=3, team_id="team-mid-market-east"
    )
    with pytest.raises(AccessDenied):
        demo.define_certification(
            Actor("mgr-other", "manager"), "east-gate", title="x", scenarios=[GATE], min_level=3, attempts=1
        )
    with pytest.raises(AccessDenied, match="may not define"):
        demo.define_certification(Actor(DANA, "rep"), "mine", title="x", scenarios=[GATE], min_level=3, attempts=1)
    define(demo)
    assert [c.id for c in demo.certifications(Actor("mgr-other", "manager"))] == ["objections"]
    assert {c.id for c in demo.certifications(Actor(DANA, "rep"))} == {"east-gate", "objections"}
    assert {s.rep_id for s in demo.certification_status(Actor(DANA, "rep"), today=TODAY)} == {DANA}
    assert {s.rep_id for s in demo.certification_status(Actor("mgr-other", "manager"), today=TODAY)} == {"rep-other"}
    with pytest.raises(AccessDenied):
        demo.certification_status(Actor(DANA, "rep"), today=TODAY, rep_id=MARCUS)
    with pytest.raises(AccessDenied, match="summary"):
        demo.certification_status(ENABLEMENT, today=TODAY)


def test_bad_definitions_say_what_to_fix(demo: Store) -> None:
    with pytest.raises(RecordsError, match="unknown scenario"):
        define(demo, scenarios=["sc-nope"])
    with pytest.raises(RecordsError, match="outside the scale"):
        define(demo, levels={ACK: 7})
    with pytest.raises(RecordsError, match="at least 1 attempt"):
        define(demo, attempts=0)
    with pytest.raises(RecordsError, match="not a slug"):
        demo.define_certification(ENABLEMENT, "Bad Id", title="x", scenarios=[GATE], min_level=3, attempts=1)
    assert demo.certifications(ENABLEMENT) == []


def test_the_pure_rules() -> None:
    rules = CertRules(scenarios=[GATE], min_level=3, levels={ACK: 4}, attempts=1)
    assert meets(rules, {ACK: 4, CHECKS: 3}) == []
    assert [(g.criterion, g.level) for g in meets(rules, {CHECKS: 3})] == [(ACK, None)], "a required criterion unscored"
    created = dt.datetime(2026, 12, 1, 9)
    before = AttemptFacts(
        id="a",
        scenario=GATE,
        date=dt.date(2026, 11, 30),
        started_at=created - dt.timedelta(days=1),
        levels={ACK: 4, CHECKS: 4},
    )
    st = evaluate("c", "C", ("r", "R", "t"), [(1, created, rules)], [before], dt.date(2026, 12, 2))
    assert st.status == "not_started", "an attempt from before the certification existed does not count"
