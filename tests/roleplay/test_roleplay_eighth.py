"""Issue 18, eighth session: a dated step that builds what the buyer said it needs meets the buyer's own condition;
a question about what the problem costs gets the fact that names a cost; a question about what a decision-maker
wants gets the decision fact."""

from __future__ import annotations

from support.roleplay_session import opened

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.moves import meets_stated_need


def test_a_dated_step_building_the_case_the_buyer_asked_for_is_not_refused(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    told = session.rep_says(
        "I hear you on the locked budget. How do requests like this get onto next year's plan, and when does that start?"
    )
    assert told.move is not None and told.move.kind == "share_information" and "business case" in told.text
    turn = session.rep_says("Could your controller and I draft that business case together on Tuesday at ten?")
    assert turn.move is not None and turn.move.kind != "refuse_next_step", turn.move
    assert "Not yet" not in turn.text and session.state.progress[0].handled


def test_a_dated_step_on_something_else_is_still_refused(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    session.rep_says(
        "I hear you on the locked budget. How do requests like this get onto next year's plan, and when does that start?"
    )
    turn = session.rep_says("Could we get a product demo in front of your sales leaders on Thursday at 2pm?")
    assert turn.move is not None and turn.move.kind == "refuse_next_step"
    assert not meets_stated_need("a product demo on Thursday at 2pm", session.state.facts_used, None)


def test_a_question_about_what_the_problem_costs_gets_the_cost_the_buyer_knows(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    turn = session.rep_says("I hear you. Roughly what is a bad forecast costing your team each quarter?")
    assert turn.move is not None and turn.move.kind == "share_information"
    assert "cost" in turn.text.lower() and "haircut" not in turn.text


def test_a_question_about_what_the_boss_wants_gets_who_decides(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cro-committee")
    turn = session.rep_says("That makes sense. What would she want to see before backing you on this?")
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == "decision"


def test_a_question_about_who_decides_after_an_answer_is_no_check_that_it_landed(kb: KnowledgeBase) -> None:
    from copilot.roleplay.proof import ProofIndex
    from copilot.roleplay.signals import read_turn

    answer = (
        "Teams like yours see adoption climb because reps get their own deal insights first, and the rollout data "
        "shows weekly usage above 80 percent by week six. "
    )
    proof, objection = ProofIndex.build(kb), kb.objections["obj-adoption-risk"]
    asked = read_turn(answer + "Who else on the committee would need to sign off?", objection, proof, None)
    assert asked.check == "none" and asked.question_line is not None
    checked = read_turn(answer + "Does that speak to the worry about rollout?", objection, proof, None)
    assert checked.check == "specific"
