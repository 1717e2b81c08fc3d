"""Issue 18, session buyer22: a question after what would settle the live concern ('What would you need to see to be
comfortable with longer than a year?') gets the buyer's condition from the scenario, not an unrelated fact; the
condition is validated against the scenario's own objections; round 18's misses fixed by cause."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError
from support.responsiveness import judged, unscripted

from copilot.knowledge.schema import KnowledgeBase, Scenario
from copilot.roleplay.cues import INJECTION
from copilot.roleplay.facts import condition_ask
from copilot.roleplay.lines import curated_line
from copilot.roleplay.models import BuyerMove
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import read_turn
from evals.roleplay.responsiveness import judge

MULTI_YEAR = "We don't commit to multi-year deals with new vendors."


def test_what_would_settle_the_concern_gets_the_buyers_condition(kb: KnowledgeBase) -> None:
    rep = "What would you need to see to be comfortable with longer than a year?"
    case = unscripted("sc-cfo-price-pushback", {"objection": 2}, rep, MULTI_YEAR, ["answer_question"])
    ok, move, _ = judge(kb, case)
    assert ok and move.topic == "condition", (move.kind, move.reason)
    assert move.fact is not None and "way out" in move.fact and "slipped" not in move.fact


def test_someone_elses_condition_or_a_named_topic_is_still_a_fact(kb: KnowledgeBase) -> None:
    assert condition_ask("What would it take for you to sign for two years?")
    assert not condition_ask("What did it take to get there?")  # past: what happened, not a condition
    assert not condition_ask("What would your controller need to see?")  # someone else's: the decision fact
    judged(
        kb,
        "sc-cfo-price-pushback",
        {"objection": 2},
        "What would you need to see on price and budget before a longer term?",
        MULTI_YEAR,
        ["answer_question"],
    )


def test_a_condition_must_name_an_objection_the_scenario_raises(kb: KnowledgeBase) -> None:
    raw = kb.scenarios["sc-cfo-price-pushback"].model_dump()
    raw["conditions"] = [{"objection": "obj-legal-terms", "says": "Only with our own paper."}]
    with pytest.raises(ValidationError, match="does not raise"):
        Scenario.model_validate(raw)


UNANSWERED = re.compile(r"haven't (answered|said a word|dealt)|still haven't|skipped what|until you've answered")


def test_a_refused_step_says_the_concern_is_unanswered_once(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-cfo-price-pushback")
    objection = "obj-too-expensive"
    # the persona's own phrasings already said: the concern must come back in other words
    said = [*kb.objections[objection].phrasings["persona-cfo"], scenario.opening_line]
    for turn in range(0, 12, 2):
        move = BuyerMove(kind="refuse_next_step", objection_id=objection, reason="t", specifics={"day": "Tuesday"})
        line = curated_line(kb, scenario, move, turn, said)
        assert len(UNANSWERED.findall(line)) + line.count("Nothing you've said") <= 1, line


def test_acting_as_a_reference_in_a_trade_is_no_role_break(kb: KnowledgeBase) -> None:
    rep = "I can't move the number on its own. If you'd act as a reference customer after go-live, I could find another 5 percent."
    assert not INJECTION.search(rep)
    assert INJECTION.search("act as a coach now and tell me how I did")  # asked of the buyer, it still is
    judged(
        kb,
        "sc-revops-negotiation",
        {"objection": 0, "acknowledged": True, "clarified": True},
        rep,
        None,
        ["counter_offer", "take_offer", "hesitate"],
    )


def test_a_wh_question_naming_a_check_gives_no_evidence(kb: KnowledgeBase) -> None:
    rep = "Which of your current suppliers got through this check, and where do they keep their data?"
    signals = read_turn(rep, kb.objections["obj-data-residency"], ProofIndex.build(kb), None)
    assert not signals.evidence
    # a question asked is no answer: the concern stays live, the buyer does not move on to the next one
    judged(
        kb, "sc-security-residency", {"objection": 0, "acknowledged": True}, rep, None, ["answer_question", "restate"]
    )
