"""Fixtures shared by the prep tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.prep_cases import STAKES_CASES, case_store
from support.records import kb  # noqa: F401  (the fixture)

from copilot.records import Store


@pytest.fixture
def stakes_store(tmp_path: Path) -> Iterator[Store]:
    """The stakes cases loaded into a fresh store."""
    s = case_store(tmp_path, STAKES_CASES)
    yield s
    s.close()
