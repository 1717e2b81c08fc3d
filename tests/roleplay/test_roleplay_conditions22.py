"""A buyer who told the rep what would settle a concern: a question about a committee member by title or pronoun gets
that condition, and a step that builds it answers the concern (played as a rep in sc-cro-committee)."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.facts import party_condition
from copilot.roleplay.moves import builds_condition, initial_state
from copilot.roleplay.scenarios import scenario_from_kb

CONDITION = "I need a one-page case each of them can read in two minutes, with the payback the CFO will ask for."


def test_a_committee_member_named_by_title_or_pronoun_gets_the_condition_that_names_their_chair() -> None:
    asked = "If the VP of finance is the hardest to convince, what would she need to see?"
    assert party_condition(asked, CONDITION)  # 'VP of finance' sits in the CFO's chair; 'she' is that person
    assert party_condition("What would your finance director want?", CONDITION)
    assert not party_condition("If the COO is the hardest to convince, what would she need to see?", CONDITION)
    assert not party_condition("What would she need to see?", CONDITION)  # nobody named: nobody's condition


def test_a_step_that_builds_the_buyers_stated_condition_answers_the_concern(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-cro-committee")
    state = initial_state(scenario)
    step = "Would it help if I put together a one-page summary for the committee with the numbers from a customer your size?"
    assert not builds_condition(step, scenario, state, "obj-committee", kb)  # the buyer has not said it yet
    state.facts_used.append(next(c.says for c in scenario.conditions if c.objection == "obj-committee"))
    assert builds_condition(step, scenario, state, "obj-committee", kb)
    other = "Can I send you our security pack so your team can review it?"
    assert not builds_condition(other, scenario, state, "obj-committee", kb)
