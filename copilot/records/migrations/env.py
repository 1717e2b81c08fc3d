"""Alembic environment: migrates the connection the store hands over, so there is one source of the URL."""

from __future__ import annotations

from alembic import context

from copilot.records.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through copilot.records.engine.migrate(), which passes the connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
