"""The store's plumbing: sessions that commit or roll back as one, and the access checks every call starts with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, joinedload, sessionmaker

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.records import models as m
from copilot.records.access import NOT_YOURS, Actor, RepScope, check_rep, check_team
from copilot.records.engine import BUSY_TIMEOUT_SECONDS, Engines
from copilot.records.reference import Reference, suggest

KnowledgeSource = KnowledgeBase | Callable[[], KnowledgeBase]


class StoreBase:
    """Holds the engines and the knowledge base; the record mixins build on its sessions and checks."""

    def __init__(self, engines: Engines, knowledge: KnowledgeSource) -> None:
        self.engines = engines
        self._knowledge = knowledge
        self._reference: Reference | None = None
        self._reads = sessionmaker(engines.read, expire_on_commit=False)
        self._writes = sessionmaker(engines.write, expire_on_commit=False)

    @property
    def reference(self) -> Reference:
        """Id checks against the knowledge base, loaded on first use."""
        if self._reference is None:
            kb = self._knowledge() if callable(self._knowledge) else self._knowledge
            self._reference = Reference(kb)
        return self._reference

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the records are checked against."""
        return self.reference.kb

    def close(self) -> None:
        """Release the database connections."""
        self.engines.dispose()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """A read-only session."""
        with self._reads() as session:
            yield session
            session.rollback()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all."""
        try:
            with self._writes.begin() as session:
                yield session
        except IntegrityError as exc:
            detail = str(exc.orig).splitlines()[0][:200] if exc.orig else str(exc)[:200]
            raise RecordsError(
                f"the change conflicts with existing records ({detail}); nothing was saved",
                fix="check for a duplicate id or email, or a record that no longer exists",
            ) from None
        except OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise RecordsError(
                    f"the records database stayed busy for {BUSY_TIMEOUT_SECONDS} s; nothing was saved",
                    fix="retry; if it keeps happening, another program holds the database open",
                ) from None
            raise

    # ---- lookups that check access ------------------------------------------------------------

    def _visible_rep_ids(self, s: Session, actor: Actor) -> list[str]:
        """Rep ids the actor may read individually (for listings and 'did you mean')."""
        query = select(m.Rep.id).order_by(m.Rep.id)
        if actor.role == "manager":
            query = query.join(m.Team).where(m.Team.manager_id == actor.user_id)
        elif actor.role == "rep":
            query = query.where(m.Rep.user_id == actor.user_id)
        elif actor.role != "admin":
            return []
        return list(s.scalars(query))

    def _rep_row(self, s: Session, actor: Actor, rep_id: str) -> m.Rep:
        """The rep, or RecordsError listing reps the actor may see."""
        row = s.get(m.Rep, rep_id, options=[joinedload(m.Rep.team), joinedload(m.Rep.user)])
        if row is None:
            raise RecordsError(f"unknown rep {rep_id!r}", fix=suggest(rep_id, self._visible_rep_ids(s, actor), "reps"))
        return row

    def _rep(self, s: Session, actor: Actor, rep_id: str, *, action: str, rep_may: bool = False) -> m.Rep:
        """The rep, if the actor may do `action` on their records (anyone but an admin gets one refusal for an
        unknown rep and for somebody else's, suggesting only reps they may see)."""
        row: m.Rep | None = (
            self._rep_row(s, actor, rep_id)
            if actor.role == "admin"
            else s.get(m.Rep, rep_id, options=[joinedload(m.Rep.team), joinedload(m.Rep.user)])
        )
        scope = (
            RepScope(rep_id=row.id, user_id=row.user_id, team_id=row.team_id, manager_id=row.team.manager_id)
            if row is not None
            else None
        )
        try:
            check_rep(actor, scope, action=action, rep_id=rep_id, rep_may=rep_may)
        except AccessDenied as err:
            if actor.role in ("manager", "rep") and NOT_YOURS in err.message:
                hint = suggest(rep_id, self._visible_rep_ids(s, actor), "reps")
                raise AccessDenied(err.message, fix=f"{err.fix}; {hint}") from None
            raise
        assert row is not None  # check_rep refuses an unknown rep to everyone else
        return row

    def _team(self, s: Session, actor: Actor, team_id: str, *, action: str, aggregate: bool = False) -> m.Team:
        """The team, if the actor may do `action` on it."""
        row = s.get(m.Team, team_id)
        if row is None and actor.role in ("admin", "enablement"):  # they may list every team anyway
            teams = list(s.scalars(select(m.Team.id)))
            raise RecordsError(f"unknown team {team_id!r}", fix=suggest(team_id, teams, "teams"))
        try:
            check_team(actor, team_id, row.manager_id if row else None, action=action, aggregate=aggregate)
        except AccessDenied as err:
            if actor.role == "manager":
                own = list(s.scalars(select(m.Team.id).where(m.Team.manager_id == actor.user_id)))
                raise AccessDenied(err.message, fix=f"{err.fix}; {suggest(team_id, own, 'teams')}") from None
            raise
        assert row is not None
        return row

    def _scoped_teams(self, s: Session, actor: Actor, team_id: str | None, *, action: str) -> list[m.Team]:
        """One team (checked) or every team the actor may see aggregates of."""
        if team_id is not None:
            return [self._team(s, actor, team_id, action=action, aggregate=True)]
        query = select(m.Team).order_by(m.Team.id)
        if actor.role == "manager":
            query = query.where(m.Team.manager_id == actor.user_id)
        elif actor.role == "rep":
            query = query.join(m.Rep, m.Rep.team_id == m.Team.id).where(m.Rep.user_id == actor.user_id)
        return list(s.scalars(query))
