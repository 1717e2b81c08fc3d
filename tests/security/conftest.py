"""Fixtures for this folder's tests, from the helpers shared across folders in tests/support/."""

from __future__ import annotations

from support.records import db_url, demo, demo_doc, kb, pg_database, store  # noqa: F401  (fixtures)
from support.ui import single_user, team  # noqa: F401  (fixtures)
from support.web import team_app  # noqa: F401  (fixtures)
