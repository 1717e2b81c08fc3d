"""Who may review AI scores, define certifications and see practice: the same rules as access.py, one place.

A rep sees only their own, a manager their team, enablement aggregates and programme definitions, admin all.
"""

from __future__ import annotations

from copilot.errors import AccessDenied
from copilot.records.access import Actor, RepScope

_SWITCH = "act as a user allowed to (CLI: --as USER_ID; UI: sign in as them)"


def check_review(actor: Actor, rep: RepScope, *, named: bool, approve: bool) -> None:
    """Reading a scored attempt for review, or approving it: the rep's manager, a named reviewer, an admin.

    A rep may read their own scores but never approve them, even when named reviewer of their own team.
    """
    if actor.user_id == rep.user_id and approve:
        raise AccessDenied(
            f"{actor} may not approve their own score ({rep.rep_id}): a human other than the rep has the last word",
            fix=f"ask their manager ({rep.manager_id}) or a reviewer enablement named for team {rep.team_id}",
        )
    if actor.role == "admin" or (actor.role == "manager" and rep.manager_id == actor.user_id) or named:
        return
    if actor.role == "rep" and actor.user_id == rep.user_id:
        return  # reading their own score and its review history
    raise AccessDenied(
        f"{actor} may not {'approve' if approve else 'read'} scores of rep {rep.rep_id}: only the manager of team "
        f"{rep.team_id} ({rep.manager_id}), a reviewer enablement named for it, or an admin may",
        fix="enablement names reviewers with `copilot reviews name USER --team TEAM`; " + _SWITCH,
    )


def check_programme(actor: Actor, *, action: str, team_id: str | None, manager_id: str | None) -> None:
    """Defining programme items (certifications, reviewers, calibration): enablement and admins for any team or all
    teams; a manager only for a team they lead."""
    if actor.role in ("admin", "enablement"):
        return
    if actor.role == "manager" and team_id is not None and manager_id == actor.user_id:
        return
    if actor.role == "manager":
        where = f"team {team_id}, which {manager_id} leads" if team_id else "every team (only enablement may)"
        raise AccessDenied(f"{actor} may not {action} for {where}", fix="pass --team with a team you lead")
    raise AccessDenied(f"{actor} may not {action}: that is for enablement, managers and admins", fix=_SWITCH)


def check_named_by(actor: Actor) -> None:
    """Naming reviewers is enablement's (or an admin's) call."""
    if actor.role not in ("admin", "enablement"):
        raise AccessDenied(f"{actor} may not name reviewers: enablement and admins do", fix=_SWITCH)
