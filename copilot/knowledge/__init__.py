"""The knowledge base: the team's own methodology, messaging and learning content, validated and citable."""

from copilot.knowledge.coverage import CoverageReport, coverage
from copilot.knowledge.loader import DEFAULT_MAX_BYTES, load_file, load_knowledge_base, load_team_file
from copilot.knowledge.results import FileResult, LoadResult
from copilot.knowledge.schema import (
    ROOT_CAUSES,
    SCALE,
    FileInfo,
    KnowledgeBase,
    KnowledgeItem,
    Problem,
    ResolvedCriterion,
    ScaleLevel,
)
from copilot.knowledge.team_file import TeamFile, validate_team_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ROOT_CAUSES",
    "SCALE",
    "CoverageReport",
    "FileInfo",
    "FileResult",
    "KnowledgeBase",
    "KnowledgeItem",
    "LoadResult",
    "Problem",
    "ResolvedCriterion",
    "ScaleLevel",
    "TeamFile",
    "coverage",
    "load_file",
    "load_knowledge_base",
    "load_team_file",
    "validate_team_file",
]
