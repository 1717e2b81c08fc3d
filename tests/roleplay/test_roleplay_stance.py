"""What the fifth session fixed (issue 18): quiet dismissals make the buyer cooler and empathy is heard; a concession
put as a question is an offer; a check after the rep's own answer is not a question for the buyer's facts; a fact is
never recited twice; the better line never recalls a meeting that did not happen."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.evaluate import play
from copilot.roleplay.feedback import _better_line, _first_meeting
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.signals import read_turn


@pytest.mark.parametrize(
    ("objection", "said"),
    [
        ("obj-implementation-effort", "Come on, two weeks of setup is nothing for a team your size."),
        ("obj-data-residency", "Residency worries are a bit overblown these days."),
    ],
)
def test_a_quiet_dismissal_is_read_as_one(kb: KnowledgeBase, objection: str, said: str) -> None:
    signals = read_turn(said, kb.objections[objection], ProofIndex.build(kb))
    assert signals.argues and signals.acknowledgement == "none"


@pytest.mark.parametrize(
    ("objection", "said"),
    [
        ("obj-manager-time", "That must be exhausting on top of your one-on-ones."),
        ("obj-too-expensive", "It's your name on the line with the board if it goes unused."),
        ("obj-no-problem", "I'm not here to argue with a record like yours."),
    ],
)
def test_empathy_stakes_and_respect_are_heard_as_acknowledgement(kb: KnowledgeBase, objection: str, said: str) -> None:
    signals = read_turn(said, kb.objections[objection], ProofIndex.build(kb))
    assert signals.acknowledgement != "none" and not signals.argues


def test_a_question_is_never_settled_as_a_dismissal(kb: KnowledgeBase) -> None:
    signals = read_turn("Come on, what would it take?", kb.objections["obj-too-expensive"], ProofIndex.build(kb))
    assert not signals.argues


@pytest.mark.parametrize(
    ("said", "offer"),
    [
        ("How about a shorter first contract, twelve months?", "term"),
        ("Fair enough. Would you take a one-year term?", "term"),
        ("What about a six-week trial on one team?", "pilot"),
    ],
)
def test_a_concession_put_as_a_question_is_an_offer(said: str, offer: str) -> None:
    assert read_offer(said) == offer


def test_a_question_about_the_term_they_need_is_no_offer() -> None:
    assert read_offer("How long a term does procurement usually sign?") == "none"


def test_a_check_after_the_reps_own_answer_gets_no_fact(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-security-residency",
        [
            "Where does the data need to stay?",
            "Understood. We keep EU customers' data in our Frankfurt region, and the contract says so. "
            "Would that meet your requirement?",
        ],
    )
    reply = result.turns[-1]
    assert reply.move is not None and reply.move.kind != "share_information", reply.text


def test_a_fact_is_never_told_twice(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-cfo-price-pushback",
        ["What are you comparing the price with?", "So what else are you comparing it against?"],
    )
    told = [t.move.fact for t in result.turns if t.speaker == "buyer" and t.move and t.move.fact]
    assert len(told) == len(set(told))
    assert not any(t.text.startswith(("As I said", "Like I told you")) for t in result.turns if t.speaker == "buyer")


def test_the_better_line_never_recalls_an_earlier_meeting(kb: KnowledgeBase) -> None:
    assert _first_meeting("When we last met, you said it slipped; most teams close the gap in a quarter.") == (
        "Most teams close the gap in a quarter."
    )
    assert _first_meeting("Last time we spoke you mentioned the board.") is None
    for objection in kb.objections.values():
        for step in ("acknowledge", "clarify", "proof", "check", "trade"):
            line = _better_line(objection, step) or ""
            assert not line.lower().startswith(("last time we", "when we last")), (objection.id, line)


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("Agreed, the board will want a number you can defend.", True),
        ("True, budgets are tight everywhere this year.", True),
        ("Right, but your team will get used to it.", False),
        ("Thanks for making the time.", False),
    ],
)
def test_agreeing_without_a_but_is_heard_and_thanks_for_the_meeting_is_not(
    kb: KnowledgeBase, said: str, heard: bool
) -> None:
    signals = read_turn(said, kb.objections["obj-no-budget"], ProofIndex.build(kb))
    assert (signals.acknowledgement != "none") is heard


def test_a_bare_number_while_bargaining_over_a_discount_is_the_new_amount(kb: KnowledgeBase) -> None:
    result = play(
        kb,
        "sc-revops-negotiation",
        ["If you can commit to two years, I can do 8 percent.", "ok 10 then, that's my floor"],
    )
    reply = result.turns[-1]
    assert reply.move is not None and reply.move.kind == "take_offer", reply.text
    assert "10 percent" in reply.text
