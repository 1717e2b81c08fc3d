"""Who may read and change which records: a rep their own, a manager their team's, enablement aggregates, admin all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from copilot.errors import AccessDenied

Role = Literal["rep", "manager", "enablement", "admin"]
ROLES: tuple[Role, ...] = ("rep", "manager", "enablement", "admin")
LOCAL_ADMIN_ID = "local-admin"


@dataclass(frozen=True)
class Actor:
    """The user a store call acts for; every read and write takes one."""

    user_id: str
    role: Role

    @classmethod
    def local_admin(cls) -> Actor:
        """The single user of a laptop install (the CLI without --as): may do everything."""
        return cls(LOCAL_ADMIN_ID, "admin")

    def __str__(self) -> str:
        return f"{self.role} {self.user_id}"


@dataclass(frozen=True)
class RepScope:
    """The facts about a rep that decide access: whose user it is and which manager runs its team."""

    rep_id: str
    user_id: str
    team_id: str
    manager_id: str


_SWITCH = "act as a user allowed to (CLI: --as USER_ID; UI: sign in as them)"


def check_rep(actor: Actor, rep: RepScope, *, action: str, rep_may: bool = False) -> None:
    """Allow `action` on a rep's records, or raise AccessDenied saying who may."""
    if actor.role == "admin":
        return
    if actor.role == "manager" and rep.manager_id == actor.user_id:
        return
    if actor.role == "rep" and rep.user_id == actor.user_id and rep_may:
        return
    if actor.role == "rep" and rep.user_id == actor.user_id:
        reason = f"that is for their manager ({rep.manager_id}) to do"
    elif actor.role == "rep":
        reason = f"a rep sees and changes only their own records, not {rep.rep_id}'s"
    elif actor.role == "manager":
        reason = f"{rep.rep_id} is on team {rep.team_id}, managed by {rep.manager_id}, not by {actor.user_id}"
    else:
        reason = "enablement sees aggregates (scorecards), not an individual rep's records"
    raise AccessDenied(f"{actor} may not {action} for rep {rep.rep_id}: {reason}", fix=_SWITCH)


def check_team(actor: Actor, team_id: str, manager_id: str, *, action: str, aggregate: bool = False) -> None:
    """Allow `action` on a whole team: its manager and admins; enablement too when only aggregates are shown."""
    if actor.role == "admin" or (actor.role == "manager" and manager_id == actor.user_id):
        return
    if aggregate and actor.role == "enablement":
        return
    if actor.role == "manager":
        reason = f"team {team_id} is managed by {manager_id}"
    elif actor.role == "rep":
        reason = "a rep sees their own records only"
    else:
        reason = "enablement sees aggregates (scorecards) only"
    raise AccessDenied(f"{actor} may not {action} for team {team_id}: {reason}", fix=_SWITCH)


def check_admin(actor: Actor, *, action: str) -> None:
    """Allow `action` only to admins (user management, wiping a team)."""
    if actor.role != "admin":
        raise AccessDenied(f"{actor} may not {action}: only an admin may", fix=_SWITCH)
