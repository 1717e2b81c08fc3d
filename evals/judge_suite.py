"""Which judge grades which suite: prep questions (evals.judge) or roleplay feedback (evals.judge_feedback).

A module of its own so the dispatcher imports both graders and neither grader imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evals.framework import SuiteResult
from evals.judge import Judge, judge_prep
from evals.judge_feedback import judge_roleplay

if TYPE_CHECKING:
    from copilot.knowledge.schema import KnowledgeBase


def judge_suite(result: SuiteResult, judge: Judge, kb: KnowledgeBase | None = None) -> SuiteResult:
    """The judge's suite for a suite it grades: prep questions, or roleplay feedback (which needs the rubric's kb)."""
    if result.name == "prep":
        return judge_prep(result, judge)
    if result.name == "roleplay" and kb is not None:
        return judge_roleplay(result, judge, kb)
    raise ValueError(f"the judge does not grade the {result.name} suite")
