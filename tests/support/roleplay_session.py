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
