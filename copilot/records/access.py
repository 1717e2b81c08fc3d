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


NOT_YOURS = "not found, or not yours"
"""The one reason given whether a record does not exist or belongs to someone else: a refusal names no other
team, manager, rep or owner, and does not tell an unknown id from somebody else's."""


SCOPE = {
    "rep": "a rep sees and changes only their own records",
    "manager": "a manager sees the reps of the teams they manage",
}


def not_yours(actor: Actor, action: str, what: str, *, fix: str = _SWITCH) -> AccessDenied:
    """The refusal for a record the actor may not touch or that does not exist."""
    scope = f" ({SCOPE[actor.role]})" if actor.role in SCOPE else ""
    return AccessDenied(f"{actor} may not {action} for {what}: {NOT_YOURS}{scope}", fix=fix)


def check_rep(actor: Actor, rep: RepScope | None, *, action: str, rep_id: str = "", rep_may: bool = False) -> None:
    """Allow `action` on a rep's records (None: no such rep), or raise AccessDenied that reveals nothing else."""
    if actor.role == "admin" and rep is not None:
        return
    if rep is not None and actor.role == "manager" and rep.manager_id == actor.user_id:
        return
    own = rep is not None and actor.role == "rep" and rep.user_id == actor.user_id
    if own and rep_may:
        return
    name = rep.rep_id if rep is not None else rep_id
    if own:
        raise AccessDenied(f"{actor} may not {action} for rep {name}: that is for the rep's manager", fix=_SWITCH)
    if actor.role == "enablement":
        raise AccessDenied(
            f"{actor} may not {action}: enablement sees aggregates (scorecards), not an individual rep's records",
            fix=_SWITCH,
        )
    raise not_yours(actor, action, f"rep {name}")


def check_team(actor: Actor, team_id: str, manager_id: str | None, *, action: str, aggregate: bool = False) -> None:
    """Allow `action` on a whole team (manager_id None: no such team): its manager and admins; enablement too
    when only aggregates are shown."""
    if manager_id is not None and (actor.role == "admin" or (actor.role == "manager" and manager_id == actor.user_id)):
        return
    if manager_id is not None and aggregate and actor.role == "enablement":
        return
    if actor.role == "enablement" and manager_id is not None:
        raise AccessDenied(
            f"{actor} may not {action} for team {team_id}: enablement sees aggregates (scorecards) only", fix=_SWITCH
        )
    raise not_yours(actor, action, f"team {team_id}")


def check_close_item(actor: Actor, owner: str, status: str, *, item_id: str) -> None:
    """After check_rep: a rep marks done only items they own; dropping one, or closing the manager's, is the manager's."""
    if actor.role != "rep":
        return
    if status != "done" or owner != "rep":
        raise not_yours(actor, f"mark {status}", f"action item {item_id}", fix="ask your manager to close or drop it")


def check_admin(actor: Actor, *, action: str) -> None:
    """Allow `action` only to admins (user management, wiping a team)."""
    if actor.role != "admin":
        raise AccessDenied(f"{actor} may not {action}: only an admin may", fix=_SWITCH)
