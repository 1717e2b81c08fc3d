"""Issue 18, tenth session: a buyer knows their own company (the card's counts), a count question needs a fact with a
number, 'what's their deadline?' asks when (not a step), a business-case template put together is material offered,
an open question about the buyer's situation is no dismissal, and 'a day, not a month' is no term offer."""

from __future__ import annotations

from support.roleplay_session import opened

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.facts import asks_company_size, company_line, holds_no_fact, question_topic
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import SENDS, read_turn
from copilot.roleplay.specifics import offer_specifics, step_specifics


def test_the_buyer_tells_their_own_company_size_from_the_card(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cfo-no-budget")
    turn = session.rep_says("Before anything else, how big is the company, and how many subscribers are you at?")
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == "company"
    assert "250 employees" in turn.text and "subscribers" in turn.text, turn.text


def test_a_company_line_keeps_thousands_and_drops_words_without_a_count(kb: KnowledgeBase) -> None:
    assert company_line(scenario_from_kb(kb, "sc-revops-incumbent-tool")) == "We're 1,200 employees."
    assert company_line(scenario_from_kb(kb, "sc-security-review-gate")) == "We're 4,000 employees."


def test_a_size_question_about_something_the_card_does_not_count_is_not_about_the_company(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-cro-competitor-bakeoff")
    assert asks_company_size(scenario, "How many people work there today?")
    assert asks_company_size(scenario, "What's the headcount over there?")
    assert not asks_company_size(scenario, "How many of your reps actually open the CRM every day?")
    assert not asks_company_size(scenario, "How many subscribers did you lose last quarter?")


def test_a_count_question_is_answered_only_by_a_fact_that_holds_a_number(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-cro-discovery-first-call")
    assert holds_no_fact(scenario, kb, "How many of your managers run a weekly pipeline review?", set())


def test_their_deadline_asks_when(kb: KnowledgeBase) -> None:
    assert question_topic("What's their deadline for the residency sign-off?") == "timing"
    assert question_topic("What's legal's deadline on their side?") == "timing"
    assert question_topic("What would your controller need to see?") == "decision"


def test_a_business_case_template_put_together_is_material() -> None:
    assert SENDS.search("I'll put a business-case template together for you.")
    assert SENDS.search("I can put together a short business-case template for you.")
    assert SENDS.search("I'll build you a one-page business case for your CFO.")


def test_a_template_promised_for_a_send_me_something_concern_ends_the_call(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-cro-discovery-first-call")
    turn = session.rep_says("Sure, I'll put a business-case template together for you.")
    assert turn.move is not None and turn.move.kind == "stall", turn.move


def test_an_open_question_about_their_situation_is_no_dismissal(kb: KnowledgeBase) -> None:
    s = read_turn(
        "When procurement says the number is too high, what are they comparing it with?",
        kb.objections["obj-discount-demand"],
        ProofIndex.build(kb),
        None,
    )
    assert not s.argues


def test_a_day_not_a_month_is_no_term_offer_and_eighteen_months_is() -> None:
    assert read_offer("We'll do the setup with your team, so it costs you a day, not a month.") != "term"
    assert read_offer("Three years is off the table then. Would eighteen months work for you?") == "term"
    assert offer_specifics("Would twenty-four months work?", "term") == {"offer": "twenty-four months"}


def test_a_step_on_a_date_keeps_its_time() -> None:
    assert step_specifics("Let's do a dry run of your deck on the 15th at 4.")["day"] == "the 15th at 4"


def test_a_trial_put_in_the_past_tense_is_still_a_trial_and_a_named_meeting_is_no_date() -> None:
    assert read_offer("What if your team ran it next to your Friday review for one quarter?") == "pilot"
    assert "day" not in step_specifics("What if your team ran it next to your Friday review for one quarter?")
    assert step_specifics("Let's meet on Friday at 3.")["day"] == "Friday at 3"


def test_a_new_price_named_is_a_discount_and_a_time_or_a_result_is_not() -> None:
    assert read_offer("If you sign by the 20th, we can bring the first year in at 60 thousand.") == "discount"
    assert read_offer("We can get it down to 50k.") == "discount"
    assert read_offer("We can get your prep down to 30 minutes.") == "none"
    assert read_offer("We can bring it in at 10 am.") == "none"


def test_a_question_about_their_situation_while_a_counter_stands_is_answered_first(kb: KnowledgeBase) -> None:
    session = opened(kb, "sc-revops-negotiation")
    session.rep_says("I can find another 5 percent if you sign by the 30th and agree to a case study.")
    turn = session.rep_says("What's legal's deadline on their side?")
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == "timing", turn.move


def test_asking_whether_their_side_would_approve_is_a_question_not_a_step(kb: KnowledgeBase) -> None:
    # Found in play: the buyer refused "a next step" when the rep asked whether the controller could sign off.
    session = opened(kb, "sc-cfo-no-budget")
    session.rep_says("I get that locked budgets are locked. How do exceptions usually get approved?")
    turn = session.rep_says("So if the return shows up before the April cycle, your controller can sign off on it?")
    assert turn.move is not None and turn.move.kind != "refuse_next_step", turn.move
    proof = ProofIndex.build(kb)
    objection = kb.objections["obj-no-budget"]
    asked = read_turn("Would they approve it if the payback came inside the year?", objection, proof)
    assert asked.next_step == "none" and asked.clarify_closed == 1
    for step in (
        "Can your CFO join a call Thursday to approve the plan?",
        "Would your team agree to a two-week pilot?",
    ):
        assert read_turn(step, objection, proof).next_step != "none", step


def test_a_buyer_who_just_said_yes_brings_the_concern_back_without_scolding(kb: KnowledgeBase) -> None:
    # Found in play: "A pilot for 30 days, then. I can work with that. You still haven't dealt with it: …"
    from copilot.roleplay.lines import RESTATED, RESTATED_AFTER_YES, concern_line

    scenario = scenario_from_kb(kb, "sc-cro-competitor-bakeoff")
    objection = kb.objections["obj-competitor-cheaper"]
    said = [" ".join(objection.phrasings.get(scenario.persona) or [objection.title + "."])]
    for variant in range(len(RESTATED)):
        agreeing = concern_line(kb, scenario, objection.id, variant, said, agreeing=True)
        scolding = concern_line(kb, scenario, objection.id, variant, said)
        assert any(agreeing.startswith(r.split("{")[0]) for r in RESTATED_AFTER_YES), agreeing
        assert any(scolding.startswith(r.split("{")[0]) for r in RESTATED), scolding


def test_a_step_that_names_no_activity_no_one_and_no_purpose_is_vague(kb: KnowledgeBase) -> None:
    proof = ProofIndex.build(kb)
    objection = kb.objections["obj-ai-accuracy"]
    # asking for a slot is not a step linked to the concern: the rubric's Good wants "a reference call or a review"
    for slot in ("Can we get something in the diary?", "Could we find a time next week?"):
        signals = read_turn(slot, objection, proof)
        assert signals.next_step in ("vague", "dated"), (slot, signals.next_step)
    assert read_turn("Can we get something in the diary?", objection, proof).next_step == "vague"
    # naming who, what or what for makes it concrete
    for named in (
        "Can we set something up with your controller to test the model on last quarter?",
        "Could we book a reference call with another CFO who uses it?",
    ):
        assert read_turn(named, objection, proof).next_step in ("concrete", "dated"), named
