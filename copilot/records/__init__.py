"""Coaching records: who was observed, what was agreed and assigned, and when the manager should step in.

Names load lazily, so a command that only parses input does not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copilot.records.access import Actor, Role
    from copilot.records.policy import CriterionPolicy, RepStatus, ScorePoint, SkillStatus, evaluate_rep
    from copilot.records.reference import default_knowledge_dir, demo_team_file, load_knowledge
    from copilot.records.scorecard import Scorecard, build_scorecard
    from copilot.records.store import Store, open_store, store_for_url
    from copilot.records.teamfile.export import TeamExport
    from copilot.records.teamfile.read import ImportRejected, read_team_file
    from copilot.records.teamfile.write import dump_team

_WHERE = {
    "Actor": "access",
    "Role": "access",
    "CriterionPolicy": "policy",
    "RepStatus": "policy",
    "ScorePoint": "policy",
    "SkillStatus": "policy",
    "evaluate_rep": "policy",
    "default_knowledge_dir": "reference",
    "demo_team_file": "reference",
    "load_knowledge": "reference",
    "Scorecard": "scorecard",
    "build_scorecard": "scorecard",
    "Store": "store",
    "open_store": "store",
    "store_for_url": "store",
    "TeamExport": "teamfile.export",
    "ImportRejected": "teamfile.read",
    "dump_team": "teamfile.write",
    "read_team_file": "teamfile.read",
}
__all__ = [
    "Actor",
    "CriterionPolicy",
    "ImportRejected",
    "RepStatus",
    "Role",
    "ScorePoint",
    "Scorecard",
    "SkillStatus",
    "Store",
    "TeamExport",
    "build_scorecard",
    "default_knowledge_dir",
    "demo_team_file",
    "dump_team",
    "evaluate_rep",
    "load_knowledge",
    "open_store",
    "read_team_file",
    "store_for_url",
]


def __getattr__(name: str) -> Any:
    """Import the submodule that defines `name` on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module 'copilot.records' has no attribute {name!r}")
    return getattr(importlib.import_module(f"copilot.records.{_WHERE[name]}"), name)
