"""Issue 18, ninth session: a question the scenario holds no fact on gets an honest 'I'd have to check', never a fact
about something else; a question about what the problem costs, with no cost fact, gets 'no exact number yet'; paying
later is an offer the buyer meets."""

from __future__ import annotations

from support.roleplay_session import opened

from copilot.knowledge.schema import KnowledgeBase
from copilot.reader.moves import read_moves
from copilot.roleplay.facts import holds_no_fact, no_cost_number
from copilot.roleplay.offers import offer_sentence, read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import read_turn


def test_a_question_on_something_the_buyer_holds_no_fact_on_is_answered_honestly(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-price-pushback")
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
    session = opened(kb, "sc-cro-discovery-first-call")
    turn = session.rep_says("What's a forecast miss costing you right now?")
    assert turn.move is not None and turn.move.kind == "restate" and turn.move.fact is None
    assert "number" in turn.text or "figure" in turn.text, turn.text


def test_paying_later_is_read_as_an_offer_and_refusing_it_is_not() -> None:
    offered = [
        "You could start in June and we wouldn't invoice you until the new budget year.",
        "What if payment only started once next year's plan is live?",
        "We can spread the payments over four quarters instead of one bill upfront.",
        "We can't go lower, but we can defer the first payment by ninety days.",
        "What if we started in January and you paid from April, when the new budget opens?",  # found in play
        "Start now, pay in April.",
    ]
    assert [read_offer(x) for x in offered] == ["deferred"] * len(offered)
    assert read_offer("When is the first payment due on your side?") == "none"
    assert read_offer("What do you pay in licences today?") == "none"
    assert read_offer("How much did you pay in March?") == "none"
    assert read_offer("We can't defer payment, I'm afraid, but the price includes onboarding.") == "none"
    assert read_offer("I can do 10 percent off, and you pay quarterly.") == "discount"


def test_paying_later_answers_no_budget_as_a_bargain_and_is_no_answer_to_a_security_concern(
    kb: KnowledgeBase,
) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    session.rep_says("I hear you, the plan went to the board in January. How do exceptions get approved?")
    turn = session.rep_says("We could start you now and defer all payment until April.")
    assert turn.move is not None and turn.move.kind == "counter_offer" and "Paying later" in turn.text
    assert [c.kind for c in session.state.concessions] == ["deferred"]
    gate = opened(kb, "sc-security-review-gate")
    turn = gate.rep_says("And you wouldn't pay a thing until the second quarter.")
    assert turn.move is not None and turn.move.kind == "restate" and not gate.state.concessions


def test_the_acknowledgement_in_the_buyers_terms_counts_over_a_stock_phrase_before_it(kb: KnowledgeBase) -> None:
    proof = ProofIndex.build(kb)
    concern = kb.objections["obj-too-expensive"]
    after = read_turn("Fair enough. A price that high for a new vendor deserves a hard look.", concern, proof)
    assert after.acknowledgement == "tailored" and after.acknowledgement_line is not None
    assert "price" in after.acknowledgement_line
    stock = read_turn("I understand. That makes sense.", concern, proof)
    assert stock.acknowledgement == "stock"


def test_an_early_answer_in_the_reps_own_words_is_credited_when_its_concern_comes_up(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-price-pushback")
    session.rep_says(
        "I hear you, the price has to earn its place. And since tools nobody used came up: at a freight company we "
        "work with, nine of ten managers still open it every week a year on, because nobody types anything in."
    )
    adoption = session.state.progress[1]
    assert adoption.objection_id == "obj-adoption-risk" and adoption.proof and adoption.relevant_proof
    price_only = opened(kb, "sc-cfo-price-pushback")
    price_only.rep_says("I hear you, the price has to earn its place. Customers see payback inside two quarters.")
    assert not price_only.state.progress[1].proof  # nothing said about use: nothing credited


def test_paying_later_held_firm_with_a_dated_step_settles_the_budget_and_agrees_the_step(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    session.rep_says(
        "I understand, the plan has gone to the board. When something unplanned comes up, who approves it?"
    )
    session.rep_says("We could start now and defer payment until April when the new budget opens.")
    turn = session.rep_says(
        "The total stays the same and I'll put it in writing. Could your controller and I draft the business case "
        "on Tuesday the 9th at ten?"
    )
    assert turn.move is not None and turn.move.kind == "agree_next_step", (turn.move, turn.text)
    assert "Tuesday the 9th" in turn.text and session.state.outcome == "next_step_agreed"


def test_the_buyers_own_words_said_back_before_a_question_are_heard_not_taken_as_proof(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-manager-adoption-worry")
    turn = session.rep_says(
        "Totally hear you, your week is full and you don't want a robot second-guessing you. "
        "How much time goes into forecast prep now?"
    )
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == "priorities"
    heard = session.turns[-2].signals
    assert heard is not None and heard.acknowledgement == "tailored" and not heard.proof_ids


def test_the_given_away_sentence_is_the_one_with_the_amount_off() -> None:
    said = "I hear you on price. I won't just cut it, but if you commit to two years I can take 8 percent off."
    assert offer_sentence(said, "discount").startswith("I won't just cut it")


def test_saying_the_concern_matters_is_heard_not_a_dismissal() -> None:
    assert read_moves("Data residency matters here. Which regions do you need it kept in?").per_sentence[0] == (
        "acknowledge",
    )
    assert "acknowledge" not in read_moves("Nothing else matters.").per_sentence[0]


def test_a_turn_that_only_asks_gets_its_answer_before_the_buyer_moves_on(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-security-review-gate")
    for line in [
        "That's a fair line to hold for a regulated bank. What exactly does your policy allow a third party to read?",
        "So no message bodies. We read headers and calendar metadata only, never bodies or attachments, and the "
        "security pack has the data-flow diagram. Does that meet the bar your policy sets?",
        "Ours is scoped at the API level, so it cannot request attachments at all, and that's in the pen-test report. "
        "Would your team want to verify that scope themselves?",
    ]:
        session.rep_says(line)
    turn = session.rep_says("Data residency matters here. Which regions do you need client data kept in?")
    assert turn.move is not None and turn.move.kind == "share_information" and "EU" in turn.text, turn.text
