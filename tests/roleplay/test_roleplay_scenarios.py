"""Scenarios come from the knowledge base, and the card tells the rep who the buyer is and what is scored."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.scenarios import INTERACTION, UnknownScenario, card, list_scenarios, render_card, scenario_from_kb


def test_every_scenario_in_the_knowledge_base_is_playable(kb: KnowledgeBase) -> None:
    scenarios = list_scenarios(kb)
    assert [s.id for s in scenarios] == list(kb.scenarios)
    for s in scenarios:
        assert s.objections and all(o in kb.objections for o in s.objections)
        assert s.persona_title == kb.personas[s.persona].title
        assert s.difficulty in ("easy", "realistic", "tough")


def test_the_card_names_the_buyer_the_deal_the_objections_and_the_rubric(kb: KnowledgeBase) -> None:
    scenario = scenario_from_kb(kb, "sc-security-review-gate")
    data = card(kb, scenario)
    assert data["buyer"].startswith("IT and Security lead, Financial services")
    assert [o["id"] for o in data["objections"]] == kb.scenarios["sc-security-review-gate"].objections
    assert [c["id"] for c in data["scored_on"]] == [c.id for c in kb.criteria_of(INTERACTION)]
    text = render_card(kb, scenario)
    assert "tough" in text and kb.scenarios["sc-security-review-gate"].deal_context in text


def test_an_unknown_scenario_names_the_closest_and_lists_valid_ids(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownScenario) as err:
        scenario_from_kb(kb, "sc-cfo-pilot")
    assert "did you mean sc-cfo-pilot-demand" in str(err.value) and "copilot scenarios" in str(err.value)
