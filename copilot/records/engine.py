"""Database engines: SQLite tuned so concurrent writers wait instead of failing, PostgreSQL as is; both migrated on open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from copilot.errors import ConfigError, RecordsError

BUSY_TIMEOUT_SECONDS = 30
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 7_261_120  # any constant: serialises two processes migrating the same database


@dataclass
class Engines:
    """One engine for reads and one for writes (on SQLite, writes take the write lock when they begin)."""

    url: str
    read: Engine
    write: Engine

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.write.dialect.name

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.write.dispose()
        if self.read is not self.write:
            self.read.dispose()


def _tune_sqlite(engine: Engine, *, immediate: bool) -> None:
    """WAL so readers never block the writer, a busy timeout so writers queue, and BEGIN IMMEDIATE for writes.

    BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes can hit
    "database is locked" at once when another writer got in between, and no busy timeout helps there.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engines(url: str) -> Engines:
    """Engines for a SQLAlchemy URL; a SQLite file's folder is created if missing."""
    try:
        parsed = make_url(url)
    except SQLAlchemyError as exc:
        raise ConfigError(
            "COPILOT_DATABASE_URL", f"not a database URL: {exc}", fix="use e.g. sqlite:///path/copilot.db"
        ) from None
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, pool_pre_ping=True)
        return Engines(url, engine, engine)
    database = parsed.database
    if database in (None, "", ":memory:"):
        engine = create_engine(parsed, poolclass=StaticPool, connect_args={"check_same_thread": False})
        _tune_sqlite(engine, immediate=True)
        return Engines(url, engine, engine)
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    args = {"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
    write = create_engine(parsed, connect_args=args)
    read = create_engine(parsed, connect_args=args)
    _tune_sqlite(write, immediate=True)
    _tune_sqlite(read, immediate=False)
    return Engines(url, read, write)


def alembic_config() -> Config:
    """Alembic settings pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migration scripts shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it was never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known(script: ScriptDirectory, revision: str) -> bool:
    """Whether a revision found in a database is one of ours."""
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema (to head by default) in one transaction; a database already there is left untouched."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = [rev for rev in current if not _known(script, rev)]
        if unknown:
            raise RecordsError(
                f"the records database is at schema revision {unknown[0]}, which this version does not know",
                fix="upgrade sales-coaching-copilot to the version that wrote the database",
            )
        target = script.get_current_head() if revision == "head" else revision
        if tuple(current) == (target,):
            return
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
