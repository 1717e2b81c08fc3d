"""Fixtures shared by the records tests: a store on SQLite and on PostgreSQL, the knowledge base, the demo team.

Not a test module in itself; the records test modules import these fixtures.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from copilot.knowledge.schema import KnowledgeBase, LineMap
from copilot.records.access import Actor
from copilot.records.store import Store, store_for_url
from copilot.records.teamfile.export import TeamExport

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "knowledge" / "demo_team" / "team.yaml"
ANCHOR = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()
MANAGER = Actor("mgr-jordan-reyes", "manager")
PG_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
BACKENDS = ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.enable_socket])]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The repo's knowledge base, loaded once."""
    from copilot.records.reference import load_knowledge
    from copilot.settings import Settings

    return load_knowledge(Settings(knowledge_dir=REPO / "knowledge"))


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A uniquely named PostgreSQL database for this test session, dropped at the end."""
    import psycopg
    import pytest_socket

    name = f"copilot_test_{secrets.token_hex(5)}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    pytest_socket.enable_socket()  # session teardown may run inside a socket-less test's teardown
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test starts from nothing."""
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={dbname}", autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.db'}"
    url: str = request.getfixturevalue("pg_database")
    reset_postgres(url)
    return url


@pytest.fixture
def store(db_url: str, kb: KnowledgeBase) -> Iterator[Store]:
    """A migrated, empty store."""
    opened = store_for_url(db_url, knowledge=kb)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_doc() -> tuple[TeamExport, LineMap]:
    """The demo team file, parsed once."""
    from copilot.records.teamfile.read import read_team_file

    return read_team_file(DEMO)


@pytest.fixture
def demo(store: Store, demo_doc: tuple[TeamExport, LineMap]) -> Store:
    """The store with the demo team loaded, dates as written (anchor 2026-11-20)."""
    store.import_team(ADMIN, demo_doc[0], path=str(DEMO), lines=demo_doc[1])
    return store


def add_other_team(store: Store) -> None:
    """A second team with its own manager and one rep, for access tests."""
    store.create_user(ADMIN, "mgr-other", "Olga Other", "olga@example.com", "manager")
    store.create_team(ADMIN, "team-other", "Other", "mgr-other")
    store.add_rep(ADMIN, "team-other", "rep-other", "Oscar Other", "oscar@example.com", start_date=dt.date(2025, 1, 6))
