"""Fixtures shared by the prep tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.prep_cases import STAKES_CASES, case_store
from support.records import kb  # noqa: F401  (the fixture)

from copilot.prep import rootcause
from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings

DEMO_TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"


@pytest.fixture
def stakes_store(tmp_path: Path) -> Iterator[Store]:
    """The stakes cases loaded into a fresh store."""
    s = case_store(tmp_path, STAKES_CASES)
    yield s
    s.close()


@pytest.fixture
def store() -> Iterator[Store]:
    """The demo team, dates as written (not moved to today), in this test's own data folder."""
    s = open_store(load_settings())
    s.load_team_file(Actor.local_admin(), DEMO_TEAM, shift=False)
    yield s
    s.close()


@pytest.fixture
def no_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """diagnose() with the cue lists alone, as on a machine without the bundled embedder: the same everywhere."""
    monkeypatch.setattr(rootcause, "_cause_reader", lambda: None)
    rootcause.read_probs.cache_clear()
    yield
    rootcause.read_probs.cache_clear()
