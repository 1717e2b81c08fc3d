"""Fixtures shared by the call-review tests: the repo's knowledge base and a call scorer over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.knowledge import KnowledgeBase, load_knowledge_base
from copilot.review.scoring import CallScorer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(REPO / "knowledge").kb


@pytest.fixture(scope="module")
def scorer(kb: KnowledgeBase) -> CallScorer:
    return CallScorer(kb)
