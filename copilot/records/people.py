"""Users, teams and reps: who exists, who manages whom, and who may sign in."""

from __future__ import annotations

import datetime as dt
from typing import get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.team_file import Profile
from copilot.records import models as m
from copilot.records.access import ROLES, Actor, check_admin
from copilot.records.base import StoreBase
from copilot.records.passwords import burn_like_a_check, check_password, hash_password, stamp
from copilot.records.reference import suggest
from copilot.records.teamfile.rows import delete_team_rows
from copilot.records.views import RepView, TeamView, UserView, rep_view, user_view

PROFILES: tuple[str, ...] = get_args(Profile)


class PeopleMixin(StoreBase):
    """Users, teams and reps."""

    def actor(self, user_id: str) -> Actor:
        """The Actor for a stored user (the CLI's --as and the UI's session use this)."""
        with self._read() as s:
            row = s.get(m.User, user_id)
            if row is None:
                users = list(s.scalars(select(m.User.id)))
                raise RecordsError(f"unknown user {user_id!r}", fix=suggest(user_id, users, "users"))
            return Actor(row.id, row.role)  # type: ignore[arg-type]

    def authenticate(self, email: str, password: str) -> Actor | None:
        """The Actor whose email (any case) and password match, else None (the UI's login).

        An unknown email or a user without a password costs the same hashing as a wrong password, so the
        time a sign-in takes does not tell which emails exist.
        """
        with self._read() as s:
            row = self._user_by_email(s, email)
            if row is None or not row.password_hash:
                burn_like_a_check(password)
                return None
            if not check_password(password, row.password_hash):
                return None
            return Actor(row.id, row.role)  # type: ignore[arg-type]

    def sign_in_stamp(self, email: str) -> str | None:
        """A fingerprint of the user's password hash (None: no such user or no password); a change ends sessions."""
        with self._read() as s:
            row = self._user_by_email(s, email)
            return stamp(row.password_hash) if row is not None and row.password_hash else None

    @staticmethod
    def _user_by_email(s: Session, email: str) -> m.User | None:
        """The user with this email, compared without case (emails are stored lower-case; older rows may not be)."""
        return s.scalars(select(m.User).where(func.lower(m.User.email) == email.strip().lower())).first()

    def create_user(
        self, actor: Actor, user_id: str, name: str, email: str, role: str, password: str | None = None
    ) -> UserView:
        """Add a user (admin only)."""
        check_admin(actor, action="create users")
        if role not in ROLES:
            raise RecordsError(f"unknown role {role!r}", fix=f"use one of {', '.join(ROLES)}")
        email = email.strip().lower()
        with self._write() as s:
            if s.get(m.User, user_id) is not None:
                raise RecordsError(f"user {user_id!r} already exists", fix="pick another id")
            if self._user_by_email(s, email) is not None:
                raise RecordsError(f"another user already signs in with {email}", fix="use a different email")
            row = m.User(id=user_id, name=name, email=email, role=role)
            row.password_hash = hash_password(password) if password else None
            s.add(row)
            s.flush()
            return user_view(row)

    def set_password(self, actor: Actor, user_id: str, password: str) -> None:
        """Set a user's password: the user themselves or an admin."""
        if actor.user_id != user_id:
            check_admin(actor, action=f"set the password of {user_id}")
        if len(password) < 8:
            raise RecordsError("the password is shorter than 8 characters", fix="choose a longer password")
        with self._write() as s:
            row = s.get(m.User, user_id)
            if row is None:
                raise RecordsError(f"unknown user {user_id!r}", fix="create the user first")
            row.password_hash = hash_password(password)

    def users(self, actor: Actor) -> list[UserView]:
        """Every user (admin only)."""
        check_admin(actor, action="list users")
        with self._read() as s:
            return [user_view(u) for u in s.scalars(select(m.User).order_by(m.User.id))]

    def create_team(self, actor: Actor, team_id: str, name: str, manager_id: str) -> TeamView:
        """Add a team led by an existing manager (admin only)."""
        check_admin(actor, action="create teams")
        with self._write() as s:
            manager = s.get(m.User, manager_id)
            if manager is None or manager.role not in ("manager", "admin"):
                raise RecordsError(f"{manager_id!r} is not a manager", fix="create the user with role manager first")
            if s.get(m.Team, team_id) is not None:
                raise RecordsError(f"team {team_id!r} already exists", fix="pick another id")
            s.add(m.Team(id=team_id, name=name, manager_id=manager_id))
            return TeamView(id=team_id, name=name, manager=user_view(manager))

    def add_rep(
        self,
        actor: Actor,
        team_id: str,
        rep_id: str,
        name: str,
        email: str,
        *,
        profile: str = "steady",
        start_date: dt.date,
        notes: str = "",
    ) -> RepView:
        """Add a rep (and their user) to a team: the team's manager or an admin."""
        if profile not in PROFILES:
            raise RecordsError(f"unknown profile {profile!r}", fix=f"use one of {', '.join(PROFILES)}")
        with self._write() as s:
            self._team(s, actor, team_id, action="add reps")
            if s.get(m.User, rep_id) is not None or s.get(m.Rep, rep_id) is not None:
                raise RecordsError(f"user or rep {rep_id!r} already exists", fix="pick another id")
            s.add(m.User(id=rep_id, name=name, email=email.strip().lower(), role="rep"))
            s.add(
                m.Rep(id=rep_id, user_id=rep_id, team_id=team_id, profile=profile, start_date=start_date, notes=notes)
            )
            s.flush()
            return rep_view(self._rep_row(s, actor, rep_id))

    def rep(self, actor: Actor, rep_id: str) -> RepView:
        """One rep's profile."""
        with self._read() as s:
            return rep_view(self._rep(s, actor, rep_id, action="read the profile", rep_may=True))

    def reps(self, actor: Actor, team_id: str | None = None) -> list[RepView]:
        """The reps the actor may read, optionally of one team."""
        with self._read() as s:
            if actor.role == "enablement":
                raise AccessDenied(
                    f"{actor} may not list reps: enablement sees aggregates (scorecards) only",
                    fix="use `copilot scorecard`, or act as a manager or admin",
                )
            if team_id is not None and actor.role != "rep":
                self._team(s, actor, team_id, action="list reps")
            ids = self._visible_rep_ids(s, actor)
            rows = s.scalars(
                select(m.Rep).where(m.Rep.id.in_(ids)).options(selectinload(m.Rep.user), selectinload(m.Rep.team))
            )
            return sorted((rep_view(r) for r in rows if team_id in (None, r.team_id)), key=lambda r: r.id)

    def teams(self, actor: Actor) -> list[TeamView]:
        """Teams the actor may see, each with the reps the actor may read (none for enablement)."""
        with self._read() as s:
            visible = set(self._visible_rep_ids(s, actor))
            out = []
            for team in self._scoped_teams(s, actor, None, action="list teams"):
                reps = [rep_view(r) for r in team.reps if r.id in visible]
                out.append(TeamView(id=team.id, name=team.name, manager=user_view(team.manager), reps=reps))
            return out

    def team(self, actor: Actor, team_id: str) -> TeamView:
        """One team with the reps the actor may read."""
        with self._read() as s:
            team = self._team(s, actor, team_id, action="read the team", aggregate=True)
            visible = set(self._visible_rep_ids(s, actor))
            reps = [rep_view(r) for r in team.reps if r.id in visible]
            return TeamView(id=team.id, name=team.name, manager=user_view(team.manager), reps=reps)

    def delete_team(self, actor: Actor, team_id: str) -> int:
        """Remove a team and every record of its reps (admin only); returns how many reps went."""
        check_admin(actor, action="delete a team")
        with self._write() as s:
            team = self._team(s, actor, team_id, action="delete the team")
            return delete_team_rows(s, team)
