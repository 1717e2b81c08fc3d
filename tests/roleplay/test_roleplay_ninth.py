"""Issue 18, ninth session: a question the scenario holds no fact on gets an honest 'I'd have to check', never a fact
about something else; a question about what the problem costs, with no cost fact, gets 'no exact number yet'."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.facts import holds_no_fact, no_cost_number
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.session import RoleplaySession


def _opened(kb: KnowledgeBase, scenario: str) -> RoleplaySession:
    session = RoleplaySession(kb, scenario_from_kb(kb, scenario), None)
    session.open()
    return session


def test_a_question_on_something_the_buyer_holds_no_fact_on_is_answered_honestly(kb: KnowledgeBase) -> None:
    session = _opened(kb, "sc-cfo-price-pushback")
    turn = session.rep_says("Which ERP does finance run on at the moment?")
    assert turn.move is not None and turn.move.kind == "restate" and turn.move.fact is None
    assert any(w in turn.text for w in ("check", "find out", "in front of me")), turn.text
    facts = [f.says for f in session.scenario.facts]
    assert not any(f in turn.text for f in facts)


def test_a_specific_question_a_fact_answers_still_gets_the_fact(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-security-residency")
    assert not holds_no_fact(scenario, kb, "Is it only the EU you need, or are there other countries too?", set())
    assert not holds_no_fact(scenario, kb, "What are your other SaaS tools doing on hosting?", set())
    assert holds_no_fact(scenario, kb, "Which mail client do your engineers prefer?", set())
    assert not holds_no_fact(scenario, kb, "What's going on with the rollout?", set())  # open, not one thing


def test_a_cost_question_with_no_cost_fact_gets_no_number_yet(kb: KnowledgeBase) -> None:
    assert no_cost_number(scenario_from_kb(kb, "sc-cro-discovery-first-call"), kb, "What's a miss costing you?")
    assert not no_cost_number(scenario_from_kb(kb, "sc-cfo-no-budget"), kb, "What's a miss costing you?")
    session = _opened(kb, "sc-cro-discovery-first-call")
    turn = session.rep_says("What's a forecast miss costing you right now?")
    assert turn.move is not None and turn.move.kind == "restate" and turn.move.fact is None
    assert "number" in turn.text or "figure" in turn.text, turn.text
