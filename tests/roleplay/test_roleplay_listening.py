"""What the fourth session fixed (issue 18): a pilot agreed to by name and then offered, or offered as a part of the
organisation for a short while, is one pilot; the vendor's age is not proof and not a monologue; spelling out what is
at stake for the buyer is heard as an acknowledgement, not a dismissal; a question typed without its question mark
gets its fact; a question naming a month asks about timing."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.evaluate import play
from copilot.roleplay.lines import _lower
from copilot.roleplay.offers import offer_sentence, read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.signals import read_turn
from copilot.roleplay.specifics import offer_specifics


@pytest.mark.parametrize(
    ("said", "named"),
    [
        ("A pilot makes sense. We could run it on two of your teams for four weeks.", "two of our teams"),
        ("Then let's take the risk out. Start small: one team, six weeks.", "one team for six weeks"),
    ],
)
def test_a_pilot_agreed_to_or_described_without_the_word_is_read_as_one_offer(said: str, named: str) -> None:
    assert read_offer(said) == "pilot"
    assert named in offer_specifics(offer_sentence(said, "pilot"), "pilot")["offer"]


@pytest.mark.parametrize(
    "said",
    [
        "That's a standard requirement, and it makes sense to settle it before the pilot.",
        "Two of your teams have used it for six weeks already.",
    ],
)
def test_a_pilot_or_a_team_named_without_offering_one_is_no_offer(said: str) -> None:
    assert read_offer(said) == "none"


def test_the_pilot_the_buyer_asked_for_is_taken_when_the_rep_agrees_then_offers_it(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-cfo-pilot-demand",
        [
            "I understand, you want to see it on your own numbers first. A pilot is reasonable. We'd run it on two teams."
        ],
    )
    reply = result.turns[-1]
    assert reply.move is not None and reply.move.kind in ("take_offer", "counter_offer"), reply.text


def test_the_vendors_history_is_neither_proof_nor_a_monologue(kb: KnowledgeBase) -> None:
    said = "We've been around since 2011 and we're the market leader in our space."
    signals = read_turn(said, kb.objections["obj-send-info"], ProofIndex.build(kb))
    assert not signals.feature_dump and not signals.evidence and not signals.proof_ids
    reply = play(kb, "sc-cro-discovery-first-call", [said]).turns[-1]
    assert reply.move is not None and reply.move.kind == "restate", reply.text


def test_a_question_typed_without_its_question_mark_gets_its_fact(kb: KnowledgeBase) -> None:
    reply = play(kb, "sc-security-residency", ["so where do your other tools host their data"]).turns[-1]
    assert reply.move is not None and reply.move.kind == "share_information"
    assert reply.move.topic == "compare" and "Frankfurt" in reply.text


def test_a_question_about_what_changes_by_a_month_is_about_timing_not_a_fact_told_again(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-cfo-no-budget",
        [
            "That's fair. When something comes up mid-year, how do exceptions get approved?",
            "I understand. What will be different by April, and who decides what makes the list?",
        ],
    )
    told = [t.move.fact for t in result.turns if t.speaker == "buyer" and t.move and t.move.fact]
    assert len(told) == 2 and len(set(told)) == 2, told
    assert not result.turns[-1].text.startswith(("As I said", "Like I told you"))


def test_a_fact_opening_with_next_year_is_lowered_after_a_lead_in_but_a_named_day_is_not() -> None:
    assert _lower("Next year's planning starts in eight weeks.") == "next year's planning starts in eight weeks."
    # mid-sentence it is "All right, next Tuesday, …": the day keeps its capital, "next" does not
    assert _lower("Next Tuesday works.") == "next Tuesday works."
    assert _lower("Tuesday at 10 works.") == "Tuesday at 10 works." and _lower("CRM access") == "CRM access"
