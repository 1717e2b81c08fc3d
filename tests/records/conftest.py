"""Fixtures for this folder's tests, from the helpers shared across folders in tests/support/."""

from __future__ import annotations

from support.records import db_url, demo, demo_doc, kb, pg_database, store  # noqa: F401  (fixtures)
