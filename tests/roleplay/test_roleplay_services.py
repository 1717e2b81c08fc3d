"""Issue 18, sixteenth session: work given free (onboarding, training days, set-up) is its own concession, not a
discount; and the causes of round 15's misses (alternatives asked about, a scene set by 'if', influence on the final
yes, what a licence would run, a requirement called overkill in a tag question, boilerplate nobody reads, a handover
promised by a date, a way out on notice)."""

from __future__ import annotations

from support.roleplay_session import at_objection as _session

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.evaluate import play
from copilot.roleplay.facts import question_topic
from copilot.roleplay.models import Scenario
from copilot.roleplay.offers import in_kind, offers_in, reaction, read_offer, settles_by_work
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import passes_verdict
from copilot.roleplay.specifics import offer_specifics


def test_free_work_is_a_services_offer_not_a_discount() -> None:
    assert read_offer("We'll run your onboarding free of charge.") == "services"
    assert read_offer("I'll add three training sessions for your managers and we won't invoice them.") == "services"
    assert read_offer("Our engineers handle the migration so yours don't have to.") == "services"
    assert read_offer("We'll throw in the data migration.") == "services"
    assert read_offer("We can take 10 percent off.") == "discount"
    # packaging every buyer gets, and free work refused, are no concession
    assert read_offer("Onboarding comes with every plan at no extra cost.") == "none"
    assert read_offer("We include onboarding at no extra cost.") == "none"
    assert read_offer("There's no free onboarding, sorry.") == "none"
    assert not in_kind("Sorry, we can't do the set-up for free.")
    # money off leads; both are given
    assert read_offer("10% off and we'll do the setup for free.") == "discount"
    assert offers_in("10% off and we'll do the setup for free.") == ["discount", "services"]
    # free use for a while is still a pilot
    assert read_offer("We'll give you the first month free to try it.") == "pilot"


def test_the_work_given_is_named_as_the_rep_named_it() -> None:
    assert offer_specifics("I can throw in two extra training days for your managers", "services") == {
        "offer": "two extra training days at no charge"
    }
    said = offer_specifics("Our onboarding team does the CRM clean-up so your reps don't have to.", "services")
    assert said == {"offer": "the CRM clean-up at no charge"}
    assert offer_specifics("We'll do your SSO setup free.", "services") == {"offer": "our SSO setup at no charge"}


def test_free_work_settles_a_concern_about_effort_and_bargains_elsewhere(kb: KnowledgeBase) -> None:
    effort = kb.objections["obj-implementation-effort"]
    price = kb.objections["obj-too-expensive"]
    assert settles_by_work(effort.title, effort.category)
    assert settles_by_work(kb.objections["obj-adoption-risk"].title, kb.objections["obj-adoption-risk"].category)
    assert not settles_by_work(price.title, price.category)
    assert not settles_by_work(kb.objections["obj-data-residency"].title, "risk")
    easy = scenario_from_kb(kb, "sc-security-residency")
    tough = scenario_from_kb(kb, "sc-cfo-pilot-demand")
    realistic = scenario_from_kb(kb, "sc-cfo-price-pushback")
    assert reaction(easy, "services", effort.id, False, concern=(effort.title, effort.category)) == ("take", True)
    assert reaction(realistic, "services", price.id, False, concern=(price.title, price.category)) == (
        "counter",
        False,
    )
    assert reaction(tough, "services", price.id, False, concern=(price.title, price.category)) == (
        "distrust",
        False,
    )


def test_the_buyer_takes_free_set_up_and_the_record_calls_it_free_work(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-security-residency", objection=1)
    turn = session.rep_says("We'll set up single sign-on ourselves at no cost, so your engineers stay on their work.")
    assert turn.move is not None and turn.move.kind == "take_offer", turn.move
    assert "discount" not in turn.text.lower() and "at no charge" in turn.text
    [given] = session.state.concessions
    assert given.kind == "services" and given.reaction == "take"


def test_unasked_free_work_is_a_concession_named_as_free_work_not_a_discount(kb: KnowledgeBase) -> None:
    opener = "That's a fair thing to push on, price deserves scrutiny. What are you comparing the price with?"
    result = play(kb, "sc-cfo-price-pushback", [opener, "We'll do the data migration for free."])
    fb = result.feedback
    assert fb is not None
    [given] = fb.given_away
    assert given.startswith("Turn 2: you gave free work (unasked") and "discount" not in given, given
    [concession] = result.concessions
    assert concession.kind == "services" and not concession.asked
    proof = next(c for c in result.score.scores if c.criterion_id.endswith("answers-with-proof"))
    assert "free work nobody asked for" in proof.why and "discount" not in proof.why
    # a discount is still called one
    money = play(kb, "sc-cfo-price-pushback", [opener, "I can take 30 percent off the price."])
    assert money.feedback is not None and "gave a discount" in money.feedback.given_away[0]


def test_no_buyer_line_about_free_work_calls_it_a_discount(kb: KnowledgeBase) -> None:
    for scenario, objection in (("sc-cfo-price-pushback", 0), ("sc-cfo-pilot-demand", 1), ("sc-revops-negotiation", 0)):
        session = _session(kb, scenario, objection)
        turn = session.rep_says("I can throw in two extra training days for your managers, no charge.")
        assert turn.move is not None and turn.move.kind in ("take_offer", "counter_offer", "distrust_offer")
        assert "discount" not in turn.text.lower(), turn.text


def test_asking_what_else_they_look_at_asks_for_the_alternative() -> None:
    assert question_topic("What else are you looking at right now?") == "compare"
    assert question_topic("Who else are you evaluating for this?") == "compare"
    assert question_topic("Are you talking to any other vendors?") == "compare"
    assert question_topic("Who else has to sign off on it?") == "decision"  # who else decides is not the alternative


def test_a_scene_set_by_if_and_the_weight_on_the_final_yes() -> None:
    assert question_topic("If money did have to move mid-year, who'd have to agree to that besides you?") == "decision"
    assert (
        question_topic("When it comes to the final yes, how much weight does your VP put on your view?") == "decision"
    )
    assert question_topic("How much influence do you managers have on the decision?") == "decision"
    assert question_topic("Do you know what the license would run, or is that not on your desk?") == "budget"
    assert question_topic("Which CRM does the company run on?") != "budget"


def test_calling_the_requirement_overkill_or_boilerplate_is_a_verdict() -> None:
    assert passes_verdict("A data-flow diagram for a read-only connector is a bit overkill, no?")
    assert passes_verdict("Those clauses are standard boilerplate, nobody ever actually reads them.")
    assert not passes_verdict("We keep a data-flow diagram ready for every review.")  # ours
    assert not passes_verdict("Is the diagram the part that takes longest?")  # a question


def test_a_handover_promised_by_a_date_is_a_dated_step_and_a_way_out_on_notice_is_a_term(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-committee", objection=3)
    turn = session.rep_says("I'll get you a payback summary by the 16th so it makes the agenda for the 18th.")
    assert turn.move is not None and turn.move.kind in ("agree_next_step", "amend_next_step")
    assert read_offer("Three years, but you can cancel with sixty days' notice after the first one.") == "term"
    assert read_offer("I'll send notice of the change by Friday.") == "none"


def test_scenario_reactions_may_list_free_work(kb: KnowledgeBase) -> None:
    base = scenario_from_kb(kb, "sc-cfo-price-pushback")
    data = base.model_dump()
    data["reactions"] = [{"offer": "services", "objection": None, "reaction": "take"}]
    listed = Scenario.model_validate(data)
    assert reaction(listed, "services", "obj-too-expensive", False) == ("take", True)


def test_every_concession_kind_has_a_name_in_the_feedback() -> None:
    from typing import get_args

    from copilot.knowledge.schema import OfferKind
    from copilot.roleplay.feedback import CONCEDED

    assert set(CONCEDED) == set(get_args(OfferKind))
    assert CONCEDED["services"] == "free work"
