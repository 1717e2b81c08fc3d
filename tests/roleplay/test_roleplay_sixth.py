"""What the sixth session fixed (issue 18): a sum or a concern called small for a company the buyer's size, or the
buyer talked down to, is a dismissal; a benefit claimed without evidence gets a request for proof; a trial put as
an imperative or as a side-by-side with what they have is a pilot offer; the question word says which fact is asked
for when the question also names another topic; promising a one-pager is not an acknowledgement of a concern that
asked for none."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.evaluate import play
from copilot.roleplay.facts import question_topic
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.signals import read_turn


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("sc-cfo-price-pushback", "For a business your size that's a rounding error."),
        ("sc-cfo-price-pushback", "It's small money for a company like yours."),
        ("sc-manager-adoption-worry", "You can surely spare half an hour a week."),
        ("sc-manager-adoption-worry", "Everyone's busy, you'll manage."),
    ],
)
def test_a_concern_called_small_or_a_buyer_talked_down_to_makes_the_buyer_cooler(
    kb: KnowledgeBase, scenario: str, said: str
) -> None:
    reply = play(kb, scenario, [said]).turns[-1]
    assert reply.move is not None and reply.move.kind in ("press_harder", "push_back"), (said, reply.move)


def test_nothing_like_is_a_comparison_not_a_dismissal(kb: KnowledgeBase) -> None:
    reply = play(kb, "sc-cfo-price-pushback", ["It's nothing like the last tool you had."]).turns[-1]
    assert reply.move is not None and reply.move.kind not in ("press_harder", "push_back")


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("sc-manager-adoption-worry", "honestly it cuts forecast prep in half"),
        ("sc-manager-adoption-worry", "you get your fridays back"),
        ("sc-cfo-price-pushback", "You'll make the money back within the first quarter."),
    ],
)
def test_a_benefit_claimed_without_evidence_gets_a_request_for_proof(
    kb: KnowledgeBase, scenario: str, said: str
) -> None:
    reply = play(kb, scenario, [said]).turns[-1]
    assert reply.move is not None and reply.move.kind == "ask_for_proof", (said, reply.move)


@pytest.mark.parametrize(
    "said",
    [
        "Try it free for three weeks with your top team.",
        "Put us head to head with the add-on on your own pipeline for a month.",
        "Why don't we do a bake-off: both tools, same teams, four weeks?",
    ],
)
def test_a_trial_put_as_an_imperative_or_a_bake_off_is_a_pilot_offer(said: str) -> None:
    assert read_offer(said) == "pilot"


@pytest.mark.parametrize(
    "said", ["Take a look at the dashboard.", "Use the numbers from last quarter as the baseline."]
)
def test_an_imperative_without_a_trial_is_no_offer(said: str) -> None:
    assert read_offer(said) == "none"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How soon does the EU hosting need to be in place?", "timing"),
        ("What's the deadline for the data location sign-off?", "timing"),
        ("When you say it's too expensive, what are you comparing us with?", "compare"),
        ("Who pays for this?", "budget"),
    ],
)
def test_the_question_word_says_which_fact_is_asked_for(question: str, topic: str) -> None:
    assert question_topic(question) == topic


def test_promising_a_one_pager_is_not_hearing_the_concern(kb: KnowledgeBase) -> None:
    said = "Happy to send a one-pager, I'll do it today."
    proof = ProofIndex.build(kb)
    assert read_turn(said, kb.objections["obj-bad-timing"], proof).acknowledgement == "none"
    assert read_turn(said, kb.objections["obj-send-info"], proof).acknowledgement != "none"  # they asked for one


def test_a_price_called_small_for_a_company_their_size_is_a_dismissal(kb: KnowledgeBase) -> None:
    reply = play(kb, "sc-cfo-price-pushback", ["Honestly the price is pretty small for a company your size."]).turns[-1]
    assert reply.move is not None and reply.move.kind == "press_harder", reply.move


def test_money_pencilled_in_is_a_question_about_budget(kb: KnowledgeBase) -> None:
    reply = play(kb, "sc-cfo-price-pushback", ["Is anything pencilled in for forecasting tools this year?"]).turns[-1]
    assert reply.move is not None and reply.move.topic == "budget" and "60 thousand" in reply.text


def test_a_liability_cap_in_months_of_fees_is_no_term_offer() -> None:
    assert read_offer("We can cap liability at twelve months of fees.") == "none"
    assert read_offer("We can do twelve months instead of three years.") == "term"


def test_a_second_concession_in_the_same_turn_is_remembered_when_its_concern_comes_up(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-revops-negotiation",
        [
            "If you can commit to a two-year term, I can take 10 percent off the annual price.",
            "Understood. Then let's make it twelve months, and I'll keep the 10 percent if you sign by the 20th.",
        ],
    )
    reply = result.turns[-1]
    assert reply.move is not None and reply.move.objection_id == "obj-legal-terms", reply.text
    assert {c.kind for c in result.concessions} >= {"discount", "term"}


def test_evidence_given_before_its_concern_is_raised_counts_when_it_comes_up(kb: KnowledgeBase) -> None:
    lines = [
        "That's fair, it's a real number and you have to defend it to the board. What are you comparing it with?",
        "And so you know, Lanternline captures meetings and emails automatically, so reps log about three hours less "
        "admin a week and don't have to do anything new.",
        "A second analyst is a fair comparison. At Northwind, a similar media business, the CFO caught two slipping "
        "deals in the first month; we can back-test it on your last two quarters so you see it on your own numbers. "
        "Would that tell you what you need?",
        "I get it, you've been burned by shelfware before. Does what I said about reps doing nothing new cover that?",
    ]
    result = play(kb, "sc-cfo-price-pushback", lines)
    raised = [t.move.objection_id for t in result.turns if t.move and t.move.kind == "raise_objection"]
    assert raised == ["obj-adoption-risk", "obj-contract-length"], raised


def test_a_question_about_what_the_case_must_show_is_not_a_step(kb: KnowledgeBase) -> None:
    lines = ["Understood. What would the business case have to show by the time planning starts?"]
    reply = play(kb, "sc-cfo-no-budget", lines).turns[-1]
    assert reply.move is not None and reply.move.kind == "share_information", reply.move


def test_a_free_month_is_a_pilot_offer() -> None:
    assert read_offer("We could give your team a free month, how about that?") == "pilot"
    assert read_offer("We offer free weekly training.") == "none"


def test_a_side_by_side_back_test_on_past_quarters_is_evidence_not_a_pilot() -> None:
    said = "Would a side-by-side back-test on your last four quarters settle the accuracy question for you?"
    assert read_offer(said) == "none"


@pytest.mark.parametrize(
    "said", ["Anyway, let me tell you about our company history.", "I want to tell you a bit about who we are."]
)
def test_announcing_a_pitch_is_neither_proof_nor_a_question(kb: KnowledgeBase, said: str) -> None:
    reply = play(kb, "sc-cro-discovery-first-call", [said]).turns[-1]
    assert reply.move is not None and reply.move.kind == "restate", reply.move


def test_the_pilot_already_agreed_named_again_is_not_a_new_offer(kb: KnowledgeBase) -> None:
    lines = [
        "Let's do an eight-week pilot through your quarter close, with your controller's accuracy target as the bar.",
        "Fair question on accuracy. We back-test on your last four quarters before the pilot starts, so you see the "
        "misses it would have caught. Would that give your controller confidence?",
    ]
    result = play(kb, "sc-cfo-pilot-demand", lines)
    reply = result.turns[-1]
    assert reply.move is not None and reply.move.kind not in ("refuse_next_step", "take_offer"), reply.move
    assert [c.kind for c in result.concessions] == ["pilot"]
