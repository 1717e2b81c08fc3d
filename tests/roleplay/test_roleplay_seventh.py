"""Issue 18, seventh session: a trial is met as an answer to the concern it tests and as no answer to one it does not;
a proverb in place of an answer cools the buyer; another company's result is evidence from elsewhere, not a bare
claim; a question about a concern with no fact of its own gets the concern, not another concern's fact."""

from __future__ import annotations

from support.roleplay_session import at_objection as _session

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.moves import answered_by_trial


def test_only_concerns_whose_handling_path_proposes_a_trial_are_tested_by_one(kb: KnowledgeBase) -> None:
    assert answered_by_trial(kb.objections["obj-adoption-risk"]) and answered_by_trial(kb.objections["obj-ai-accuracy"])
    assert not answered_by_trial(kb.objections["obj-too-expensive"])
    assert not answered_by_trial(kb.objections["obj-security-email-access"])
    assert not answered_by_trial(kb.objections["obj-bad-timing"])  # when: a dated plan answers it


def test_a_trial_against_the_price_is_no_answer_to_it_and_no_refused_step(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    turn = session.rep_says("How about a six-week pilot with one of your teams before you commit to anything?")
    assert turn.move is not None and turn.move.kind == "restate", turn.move
    assert "pilot" in turn.text.lower() and "Not yet" not in turn.text
    assert session.state.pressure == 0 and not session.state.concessions and session.state.current == 0


def test_a_trial_that_tests_the_concern_is_scoped_first_then_taken_when_the_rep_holds(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-committee", objection=2)
    first = session.rep_says("What if we piloted it with one region for six weeks and measured weekly usage?")
    assert first.move is not None and first.move.kind == "counter_offer", first.move
    assert "pilot" in first.text.lower()
    second = session.rep_says("That's the offer: one region, six weeks, usage measured every week.")
    assert second.move is not None and second.move.kind == "take_offer", second.move
    assert session.state.progress[2].handled


def test_you_get_what_you_pay_for_waves_the_price_off_and_cools_the_buyer(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-competitor-bakeoff")
    turn = session.rep_says("There's a reason theirs is cheaper. You get what you pay for.")
    assert turn.move is not None and turn.move.kind == "press_harder"
    assert session.state.pressure > 0


def test_another_companys_result_is_questioned_as_evidence_from_elsewhere_not_called_a_claim(
    kb: KnowledgeBase,
) -> None:
    session = _session(kb, "sc-cro-committee", objection=1)
    turn = session.rep_says(
        "Halvorsen Consulting took us to their exec team last year and it passed in one meeting, with a payback of "
        "five months."
    )
    assert turn.move is not None and turn.move.kind == "ask_for_proof"
    assert "claim" not in turn.text.lower() and "what evidence do you have" not in turn.text.lower()


def test_a_question_about_a_concern_with_no_fact_gets_the_concern_not_another_fact(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback", objection=2)
    turn = session.rep_says("What is it about a three-year term that worries you?")
    assert turn.move is not None and turn.move.kind == "restate"
    assert "multi-year" in turn.text.lower()
    facts = [f.says for f in kb.scenarios["sc-cfo-price-pushback"].facts]
    assert not any(f in turn.text for f in facts) and not session.state.facts_used


def test_a_rep_who_just_agrees_to_send_material_ends_the_call_without_a_next_step(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-discovery-first-call")
    turn = session.rep_says("No problem at all, I'll pop the slides over after this.")
    assert turn.move is not None and turn.move.kind == "stall"
    assert session.state.ended and session.state.outcome == "stalled"
    assert "send me some information" not in turn.text.lower()


def test_agreeing_to_wait_ends_it_but_a_dated_planning_step_does_not(kb: KnowledgeBase) -> None:
    waits = _session(kb, "sc-cfo-no-budget", objection=1).rep_says(
        "Okay, understood. I'll give you a call next year then."
    )
    assert waits.move is not None and waits.move.kind == "stall"
    session = _session(kb, "sc-cfo-no-budget", objection=1)
    plan = session.rep_says("Could we book thirty minutes on the 3rd of March to build the business case for planning?")
    assert plan.move is not None and plan.move.kind != "stall" and not session.state.ended


def test_a_number_word_discount_is_an_offer(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-revops-negotiation")
    turn = session.rep_says("Fine, we'll do the twelve percent, just get it signed this week.")
    assert turn.move is not None and turn.move.kind in ("take_offer", "counter_offer")
    assert [c.kind for c in session.state.concessions] == ["discount"]
