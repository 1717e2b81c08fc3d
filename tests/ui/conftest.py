"""Fixtures for this folder's tests, from the helpers shared across folders in tests/support/."""

from __future__ import annotations

from support.ui import single_user, team  # noqa: F401  (fixtures)
