"""Objection-handling roleplay: a simulated buyer the code directs and the model phrases, scored by rules."""

from copilot.roleplay.models import (
    BuyerMove,
    BuyerState,
    CriterionScore,
    NextStepItem,
    RepSignals,
    RoleplayScore,
    Scenario,
    Turn,
)
from copilot.roleplay.scenarios import UnknownScenario, card, list_scenarios, render_card, scenario_from_kb, weakest
from copilot.roleplay.scoring import score_transcript
from copilot.roleplay.session import RoleplayResult, RoleplaySession, SessionEnded, Snapshot

__all__ = [
    "BuyerMove",
    "BuyerState",
    "CriterionScore",
    "NextStepItem",
    "RepSignals",
    "RoleplayResult",
    "RoleplayScore",
    "RoleplaySession",
    "Scenario",
    "SessionEnded",
    "Snapshot",
    "Turn",
    "UnknownScenario",
    "card",
    "list_scenarios",
    "render_card",
    "scenario_from_kb",
    "score_transcript",
    "weakest",
]
