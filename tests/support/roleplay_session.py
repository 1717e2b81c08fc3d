"""A roleplay session opened on a scenario, for tests that talk to the buyer turn by turn."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.session import RoleplaySession


def opened(kb: KnowledgeBase, scenario: str) -> RoleplaySession:
    """The scenario's session after the buyer's opening line, with no rep and no model."""
    session = RoleplaySession(kb, scenario_from_kb(kb, scenario), None)
    session.open()
    return session


def at_objection(kb: KnowledgeBase, scenario: str, objection: int = 0) -> RoleplaySession:
    """The opened session moved on to its `objection`-th concern, every earlier one marked handled."""
    session = opened(kb, scenario)
    state = session.state.model_copy(deep=True)
    for p in state.progress[:objection]:
        p.handled = True
    state.current = objection
    session.state = state
    return session
