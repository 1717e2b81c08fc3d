"""Issue 18, session buyer23: every scenario's buyer has a condition for each concern it raises, asked for in the
concern's own words or for someone on the buyer's side; a term proposed as a question is an offer; the time a
meeting has is no dated step and no deal fact; a jab put as a question and a verdict on the buyer's own way argue;
a concern said back with 'whatever we do' in it, or announced as what the rep understood, is heard, not a step or a
claim."""

from __future__ import annotations

from support.responsiveness import judged, unscripted

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.cues import MEETING_TIME
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.signals import passes_verdict, read_turn
from evals.roleplay.responsiveness import judge


def test_every_concern_of_every_scenario_has_a_condition(kb: KnowledgeBase) -> None:
    for scenario in kb.scenarios.values():
        held = {c.objection for c in scenario.conditions}
        assert held == set(scenario.objections), (scenario.id, set(scenario.objections) - held)


def _condition(kb: KnowledgeBase, scenario: str, state: dict, rep: str, buyer: str | None = None) -> str:
    ok, move, _ = judge(kb, unscripted(scenario, state, rep, buyer, ["answer_question"]))
    assert ok and move.topic == "condition", (rep, move.kind, move.topic, move.reason)
    return move.fact or ""


def test_the_concern_named_after_the_frame_gets_the_condition_not_the_fact_its_words_cue(kb: KnowledgeBase) -> None:
    # 'price' cues the budget fact and 'spreadsheet' the comparison; named after the frame, they are the concern
    said = _condition(
        kb, "sc-cfo-price-pushback", {"objection": 0}, "What would it take for you to be ok with the price?"
    )
    assert "60 thousand" not in said
    _condition(
        kb,
        "sc-manager-status-quo",
        {"objection": 2},
        "What would it take for you to feel good about dropping the spreadsheet?",
    )
    _condition(kb, "sc-cfo-no-budget", {"objection": 0}, "What would you need to see to find budget for this mid-year?")
    # a second question after the frame still asks for a fact
    _ok, move, _ = judge(
        kb,
        unscripted(
            "sc-cfo-price-pushback",
            {"objection": 0},
            "What would it take on price, and when do budgets lock?",
            None,
            ["answer_question"],
        ),
    )
    assert move.topic == "timing", (move.kind, move.topic)


def test_someone_on_the_buyers_side_named_in_the_condition_gets_it(kb: KnowledgeBase) -> None:
    said = _condition(
        kb,
        "sc-revops-negotiation",
        {"objection": 1},
        "What would your procurement team want to see before they'd sign for two years?",
        "Procurement only signs twelve-month terms.",
    )
    assert "savings target" not in said
    # someone the condition does not name: who decides, as before
    _ok, move, _ = judge(
        kb,
        unscripted(
            "sc-cfo-price-pushback",
            {"objection": 2},
            "What would your controller need to see?",
            None,
            ["answer_question"],
        ),
    )
    assert move.topic == "decision", (move.kind, move.topic)


def test_a_term_proposed_as_a_question_is_an_offer() -> None:
    assert read_offer("Would a single year at list price sit better with you?") == "term"
    assert read_offer("Could we do a straight year instead, at the same price?") == "term"
    assert read_offer("We saw it pay back within a single year.") == "none"


def test_the_time_a_meeting_has_is_no_step_and_no_deal_fact(kb: KnowledgeBase) -> None:
    for rep in ("How long can you give me today?", "how much time have we got today before your next call?"):
        assert MEETING_TIME.search(rep)
        signals = read_turn(rep, kb.objections["obj-competitor-cheaper"], ProofIndex.build(kb), None)
        assert signals.next_step == "none", rep
        ok, move, _ = judge(kb, unscripted("sc-cro-competitor-bakeoff", {"objection": 0}, rep, None, ["restate"]))
        assert ok and "meeting has" in move.reason, (rep, move.kind, move.reason)
    assert not MEETING_TIME.search("How long have you had the spreadsheet now?")
    assert not MEETING_TIME.search("How long would a back-test take?")


def test_a_jab_put_as_a_question_argues() -> None:
    assert passes_verdict("does anyone actually check where the support logs end up, though?")
    assert not passes_verdict("Does anyone on your side check where the support logs end up?")


def test_a_jab_or_a_verdict_on_their_own_way_makes_the_buyer_cooler(kb: KnowledgeBase) -> None:
    judged(
        kb,
        "sc-security-residency",
        {"objection": 0},
        "does anyone really read those residency clauses though?",
        "Customer data can't leave the EU.",
        ["cooler"],
    )
    judged(
        kb,
        "sc-manager-status-quo",
        {"objection": 2},
        "Honestly, gut feel breaks down the moment your team doubles.",
        "I know my deals; I don't need a tool to tell me.",
        ["cooler"],
    )
    # said of ours, the same verb is a claim
    ok, move, _ = judge(
        kb,
        unscripted(
            "sc-revops-incumbent-tool",
            {"objection": 0},
            "Our forecasts never break when someone sorts a column.",
            None,
            ["ask_for_proof"],
        ),
    )
    assert ok, (move.kind, move.reason)


def test_a_concern_said_back_with_whatever_we_do_is_heard_not_a_step(kb: KnowledgeBase) -> None:
    rep = "So this quarter your engineers are fully booked, and whatever we do can't depend on them - is that the heart of it?"
    signals = read_turn(
        rep,
        kb.objections["obj-implementation-effort"],
        ProofIndex.build(kb),
        "We have no engineering capacity this quarter.",
    )
    assert signals.next_step == "none"
    judged(
        kb,
        "sc-security-residency",
        {"objection": 1},
        rep,
        "We have no engineering capacity this quarter.",
        ["answer_question", "restate"],
    )


def test_a_first_turn_summary_of_what_the_rep_understood_is_heard_not_a_claim(kb: KnowledgeBase) -> None:
    judged(
        kb,
        "sc-cfo-pilot-demand",
        {"objection": 0},
        "If I've understood you, the question is whether this is worth what we charge before you've seen it work. "
        "Is that where you are?",
        None,
        ["answer_question", "restate"],
    )


def test_a_test_proposed_on_their_own_data_is_no_result_from_elsewhere(kb: KnowledgeBase) -> None:
    # played in sc-cro-competitor-bakeoff: the buyer answered 'Good for them.' to a back-test on its own pipeline
    rep = "Fair. If we ran a back-test on last year's pipeline and hit within five percent, would that settle it?"
    _ok, move, _ = judge(
        kb,
        unscripted("sc-cro-competitor-bakeoff", {"objection": 0, "acknowledged": True}, rep, None, ["ask_for_proof"]),
    )
    assert "elsewhere" not in move.reason, move.reason
    rep = "A customer like you got within five percent by their second quarter. Would that settle it?"
    _ok, move, _ = judge(
        kb,
        unscripted("sc-cro-competitor-bakeoff", {"objection": 0, "acknowledged": True}, rep, None, ["ask_for_proof"]),
    )
    assert "elsewhere" in move.reason, move.reason
