"""Schema migrations: shipped in the package, run on open, and an upgrade never loses data."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text

from copilot.errors import RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.records.access import Actor
from copilot.records.engine import create_engines, current_revision, head_revision, migrate
from copilot.records.models import Base
from copilot.records.store import store_for_url

CORE = {
    "users",
    "teams",
    "reps",
    "observations",
    "observation_scores",
    "coaching_sessions",
    "action_items",
    "assignments",
}
LATER = {
    "team_policies",
    "promotions",
    "saved_briefs",
    "roleplay_attempts",
    "roleplay_sessions",
    "roleplay_assignments",
    "deals",
    "pipeline_targets",
}


def test_upgrade_from_the_first_revision_keeps_the_data(db_url: str, kb: KnowledgeBase) -> None:
    engines = create_engines(db_url)
    migrate(engines.write, "0001")
    assert current_revision(engines.read) == "0001"
    assert set(inspect(engines.read).get_table_names()) >= CORE
    assert not LATER & set(inspect(engines.read).get_table_names())
    with engines.write.begin() as conn:
        now = dt.datetime(2026, 11, 1, 9, 0)
        conn.execute(
            text("INSERT INTO users (id, name, email, role, created_at) VALUES (:id, :n, :e, :r, :c)"),
            [
                {"id": "mgr", "n": "Mia Manager", "e": "mia@example.com", "r": "manager", "c": now},
                {"id": "rep", "n": "Rob Rep", "e": "rob@example.com", "r": "rep", "c": now},
            ],
        )
        conn.execute(text("INSERT INTO teams (id, name, manager_id) VALUES ('t', 'Team', 'mgr')"))
        conn.execute(
            text(
                "INSERT INTO reps (id, user_id, team_id, profile, start_date, notes) "
                "VALUES ('rep', 'rep', 't', 'steady', :d, 'old notes')"
            ),
            {"d": dt.date(2025, 1, 6)},
        )
        conn.execute(
            text(
                "INSERT INTO observations (id, rep_id, date, interaction, observer, created_at) "
                "VALUES ('o1', 'rep', :d, 'discovery-call', 'manager', :c)"
            ),
            {"d": dt.date(2026, 11, 2), "c": now},
        )
        conn.execute(
            text(
                "INSERT INTO observation_scores (observation_id, criterion, score, evidence, position) "
                "VALUES ('o1', 'discovery-call.agenda', 2, 'no agenda', 0)"
            )
        )
    engines.dispose()

    store = store_for_url(db_url, knowledge=kb)  # opening the store upgrades to head
    try:
        assert current_revision(store.engines.read) == head_revision() == "0004_practice"
        assert set(inspect(store.engines.read).get_table_names()) >= CORE | LATER
        admin = Actor.local_admin()
        assert store.rep(admin, "rep").notes == "old notes"
        [obs] = store.observations(admin, "rep")
        assert obs.scores == {"discovery-call.agenda": 2} and obs.evidence == {"discovery-call.agenda": "no agenda"}
        store.promote(admin, "discovery-call.insight-story", "good", rep_id="rep")  # a 0002 table works
    finally:
        store.close()


def test_reopening_is_a_no_op_and_the_schema_matches_the_models(db_url: str, kb: KnowledgeBase) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    first = store_for_url(db_url, knowledge=kb)
    first.close()
    second = store_for_url(db_url, knowledge=kb)
    try:
        assert current_revision(second.engines.read) == head_revision()
        with second.engines.read.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
    finally:
        second.close()


def test_a_database_from_a_newer_version_is_refused(db_url: str) -> None:
    engines = create_engines(db_url)
    migrate(engines.write)
    with engines.write.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(RecordsError, match="0999"):
        migrate(engines.write)
    engines.dispose()


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: object) -> None:
    engines = create_engines(f"sqlite:///{tmp_path}/x.db")
    with engines.write.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engines.dispose()
