"""The buyer's moves are decided by code from what the rep said: questions earn information, dumps earn pushback."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.moves import PRESSURE_LIMIT, max_rep_turns
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.session import RoleplaySession

ASK = "I understand, price deserves scrutiny. What are you comparing the price with?"
PROVE = (
    "Customers reach forecast accuracy within 5 percent of actuals by their second quarter, and finance saves "
    "about a day a week on reconciliation. Does that change how the investment looks to you?"
)
DUMP = "Our platform has AI scoring, dashboards, alerts, a mobile app, integrations and reports."


def _session(kb: KnowledgeBase, scenario: str, difficulty: str | None = None) -> RoleplaySession:
    sc = scenario_from_kb(kb, scenario)
    if difficulty:
        sc = sc.model_copy(update={"difficulty": difficulty})
    session = RoleplaySession(kb, sc, None)
    session.open()
    return session


def _kind(session: RoleplaySession, text: str) -> str:
    turn = session.rep_says(text)
    assert turn.move is not None
    return turn.move.kind


def test_the_buyer_opens_with_the_scenario_line_and_the_first_objection(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    first = session.turns[0]
    scenario = kb.scenarios["sc-cfo-price-pushback"]
    assert first.text.startswith(scenario.opening_line)
    assert first.objection_id == scenario.objections[0] and first.curated


def test_an_open_question_earns_the_scenario_fact_on_its_topic(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    turn = session.rep_says(ASK)
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.fact
    assert turn.move.topic == "compare" and turn.move.fact in turn.text
    facts = {f.says for f in kb.scenarios["sc-cfo-price-pushback"].facts}
    assert turn.move.fact in facts
    assert kb.scenarios["sc-cfo-price-pushback"].deal_context not in turn.text


def test_a_feature_dump_earns_pushback_and_pressure(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    assert _kind(session, DUMP) == "push_back"
    assert session.state.pressure == 1 and session.state.current == 0


def test_an_instant_discount_on_tough_earns_more_pressure_than_on_realistic(kb: KnowledgeBase) -> None:
    tough = _session(kb, "sc-cro-competitor-bakeoff")
    realistic = _session(kb, "sc-cro-competitor-bakeoff", "realistic")
    assert _kind(tough, "I can take 30 percent off today.") == "distrust_offer"
    assert _kind(realistic, "I can take 30 percent off today.") == "distrust_offer"
    assert tough.state.pressure > realistic.state.pressure > 0
    assert [c.asked for c in tough.state.concessions] == [False]


def test_a_conditional_trade_is_not_an_instant_discount(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-revops-negotiation")
    kind = _kind(session, "If you can sign a two-year term by the 28th, there is room on price. Which would work?")
    assert kind not in ("push_back", "press_harder") and session.state.pressure == 0


def test_acknowledge_prove_and_check_moves_the_buyer_to_the_next_objection(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    session.rep_says(ASK)
    turn = session.rep_says(PROVE)
    assert turn.move is not None and turn.move.kind == "raise_objection"
    assert turn.objection_id == kb.scenarios["sc-cfo-price-pushback"].objections[1]
    assert session.state.progress[0].handled


def test_a_tough_buyer_never_moves_on_after_one_turn(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback", "tough")
    everything = f"{ASK} {PROVE}"
    assert _kind(session, everything) != "raise_objection"
    assert _kind(session, PROVE) == "raise_objection"


def test_proof_without_a_check_is_not_enough_on_realistic(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    session.rep_says(ASK)
    kind = _kind(session, "Customers reach forecast accuracy within 5 percent of actuals by their second quarter.")
    assert kind == "hesitate" and session.state.current == 0


def test_a_dated_next_step_after_the_last_objection_agrees_the_next_step(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-security-residency")  # easy: proof with an acknowledgement moves on
    session.rep_says(
        "That's a fair requirement, and a common one. We host in the EU or the US and your data stays in the region you choose."
    )
    session.rep_says(
        "I hear you, capacity is tight. The standard CRM connection is live in under two weeks and our team runs the setup."
    )
    assert _kind(session, "Could we book a review of the data-processing agreement with you on Wednesday at 10?") == (
        "agree_next_step"
    )
    assert session.ended and session.outcome == "next_step_agreed"


def test_too_much_pressure_loses_the_deal(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-competitor-bakeoff")
    kinds = []
    while not session.ended:
        kinds.append(_kind(session, "Honestly, you're wrong, that's not a real concern."))
    assert kinds[-1] == "end_lost" and session.outcome == "lost"
    assert len(kinds) <= PRESSURE_LIMIT["tough"]


def test_running_out_of_turns_ends_the_conversation(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    count = 0
    while not session.ended:
        session.rep_says("Okay.")
        count += 1
    assert count == max_rep_turns(session.scenario) and session.outcome in ("stalled", "lost")
