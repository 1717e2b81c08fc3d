"""How a team document maps onto rows: conflicts, deletes and inserts, all inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from copilot.knowledge.schema import LineMap, Problem
from copilot.knowledge.yaml_text import located
from copilot.records import models as m
from copilot.records.teamfile.export import PromotionRecord, TeamExport


def conflicts(s: Session, doc: TeamExport, path: str, lines: LineMap, *, existing_ok: bool) -> list[Problem]:
    """Records in the file whose ids or emails already belong to another team (or this one, when not replacing)."""
    team_id = doc.team.id
    out: list[Problem] = []
    if not existing_ok and s.get(m.Team, team_id) is not None:
        out.append(
            located(
                path,
                lines,
                ("team", "id"),
                f"team {team_id!r} already exists",
                "pass --replace to overwrite it, or wipe it first",
            )
        )
        return out
    people: list[tuple[tuple[str | int, ...], str, str]] = [
        (("team", "manager"), doc.team.manager.id, doc.team.manager.email)
    ]
    people += [(("team", "reps", i), r.id, r.email) for i, r in enumerate(doc.team.reps)]
    first_seen: dict[str, str] = {}
    for loc, user_id, email in people:
        key = _email_key(email)
        if key in first_seen and first_seen[key] != user_id:
            out.append(
                located(
                    path,
                    lines,
                    (*loc, "email"),
                    f"email {email} is also given to {first_seen[key]} in this file (emails ignore case)",
                    "give each person their own email",
                )
            )
        first_seen.setdefault(key, user_id)
        by_email = s.scalars(select(m.User).where(func.lower(func.trim(m.User.email)) == key)).first()
        if by_email is not None and by_email.id != user_id:
            out.append(
                located(
                    path, lines, (*loc, "email"), f"email {email} belongs to user {by_email.id}", "use another email"
                )
            )
        out += _outside_account(s, doc, path, lines, loc, user_id, key)
        rep = s.get(m.Rep, user_id)
        if rep is not None and rep.team_id != team_id:
            out.append(
                located(
                    path,
                    lines,
                    (*loc, "id"),
                    f"rep {user_id!r} is on team {rep.team_id}",
                    "move the rep or use another id",
                )
            )
    mine = select(m.Rep.id).where(m.Rep.team_id == team_id)
    checks: list[tuple[type[m.Base], str, list[str]]] = [
        (m.Observation, "observations", [o.id for o in doc.observations]),
        (m.CoachingSession, "sessions", [x.id for x in doc.sessions]),
        (m.Assignment, "assignments", [a.id for a in doc.assignments]),
        (m.SavedBrief, "briefs", [b.id for b in doc.briefs]),
        (m.RoleplayAttempt, "roleplay_attempts", [r.id for r in doc.roleplay_attempts]),
    ]
    for model, section, ids in checks:
        taken = set(s.scalars(select(model.id).where(model.id.in_(ids), model.rep_id.not_in(mine))))  # type: ignore[attr-defined]
        out += [
            located(path, lines, (section, i, "id"), f"id {x!r} is used by another team's record", "use another id")
            for i, x in enumerate(ids)
            if x in taken
        ]
    items = [(i, j, a.id) for i, x in enumerate(doc.sessions) for j, a in enumerate(x.action_items)]
    taken = set(
        s.scalars(
            select(m.ActionItem.id).where(
                m.ActionItem.id.in_([a for _, _, a in items]), m.ActionItem.rep_id.not_in(mine)
            )
        )
    )
    out += [
        located(
            path,
            lines,
            ("sessions", i, "action_items", j, "id"),
            f"id {a!r} is used by another team's record",
            "use another id",
        )
        for i, j, a in items
        if a in taken
    ]
    return out


def _email_key(email: str) -> str:
    """How emails are compared: without case or surrounding spaces, so a case variant is the same person."""
    return email.strip().lower()


def outside_role(s: Session, user: m.User, team_id: str) -> str | None:
    """What makes an existing account belong outside this team (admin, enablement, another team's manager), if any."""
    if user.role in ("admin", "enablement"):
        return f"the {user.role} account"
    other = s.scalars(select(m.Team.id).where(m.Team.manager_id == user.id, m.Team.id != team_id)).first()
    return f"the manager of team {other}" if other else None


def _outside_account(
    s: Session, doc: TeamExport, path: str, lines: LineMap, loc: tuple[str | int, ...], user_id: str, email: str
) -> list[Problem]:
    """A team file may name an account outside its team only as its manager, under that account's own email.

    Loading a file once rewrote an admin's sign-in email through a rep entry with the admin's id.
    """
    user = s.get(m.User, user_id)
    what = outside_role(s, user, doc.team.id) if user is not None else None
    if user is None or what is None:
        return []
    if loc != ("team", "manager"):
        return [
            located(
                path,
                lines,
                (*loc, "id"),
                f"{user_id!r} is {what}, outside this team; a team file cannot make it a rep",
                "use another id for this rep (user ids are shared by every team)",
            )
        ]
    if _email_key(user.email) != email:
        return [
            located(
                path,
                lines,
                (*loc, "email"),
                f"{user_id!r} is {what}; a team file cannot change its sign-in email ({user.email})",
                f"write email: {user.email} for {user_id}, or use another manager id",
            )
        ]
    return []


def delete_records(s: Session, doc: TeamExport) -> None:
    """Remove the records a merge is about to rewrite (same ids), keeping everything else."""
    obs = [o.id for o in doc.observations]
    s.execute(delete(m.Score).where(m.Score.observation_id.in_(obs)))
    s.execute(delete(m.Observation).where(m.Observation.id.in_(obs)))
    sessions = [x.id for x in doc.sessions]
    s.execute(delete(m.ActionItem).where(m.ActionItem.session_id.in_(sessions)))
    s.execute(delete(m.CoachingSession).where(m.CoachingSession.id.in_(sessions)))
    s.execute(delete(m.Assignment).where(m.Assignment.id.in_([a.id for a in doc.assignments])))
    s.execute(delete(m.SavedBrief).where(m.SavedBrief.id.in_([b.id for b in doc.briefs])))
    s.execute(delete(m.RoleplayAttempt).where(m.RoleplayAttempt.id.in_([r.id for r in doc.roleplay_attempts])))
    s.execute(
        delete(m.TeamPolicy).where(
            m.TeamPolicy.team_id == doc.team.id, m.TeamPolicy.criterion.in_([o.criterion for o in doc.policy_overrides])
        )
    )
    s.execute(delete(m.Promotion).where(m.Promotion.id.in_([_promotion_id(p, doc.team.id) for p in doc.promotions])))
    s.flush()


def _promotion_id(p: PromotionRecord, team_id: str) -> str:
    return f"{p.criterion}@rep:{p.rep}" if p.rep else f"{p.criterion}@team:{team_id}"


def _upsert_user(s: Session, user_id: str, name: str, email: str, role: str, team_id: str) -> None:
    """Create or update a user; an account outside the team (admin, enablement, another team's manager) is left
    as it is: it may lead this team, but the file does not rewrite it."""
    row = s.get(m.User, user_id)
    if row is None:
        s.add(m.User(id=user_id, name=name, email=email, role=role))
    elif outside_role(s, row, team_id) is None:
        row.name, row.email = name, email
        if row.role in ("rep", "manager"):
            row.role = role


def write_team(s: Session, doc: TeamExport) -> None:
    """Insert (or update) every record of the document."""
    team = doc.team
    _upsert_user(s, team.manager.id, team.manager.name, team.manager.email, "manager", team.id)
    for rep in team.reps:
        _upsert_user(s, rep.id, rep.name, rep.email, "rep", team.id)
    s.flush()
    row = s.get(m.Team, team.id) or m.Team(id=team.id)
    row.name, row.manager_id = team.name, team.manager.id
    s.add(row)
    s.flush()
    for rep in team.reps:
        r = s.get(m.Rep, rep.id) or m.Rep(id=rep.id, user_id=rep.id)
        r.team_id, r.profile, r.start_date, r.notes = team.id, rep.profile, rep.start_date, rep.notes
        s.add(r)
    s.flush()
    for o in doc.observations:
        obs = m.Observation(id=o.id, rep_id=o.rep, date=o.date, interaction=o.interaction, observer=o.observer)
        obs.scores = [
            m.Score(criterion=c, score=v, evidence=o.evidence.get(c), position=i)
            for i, (c, v) in enumerate(o.scores.items())
        ]
        s.add(obs)
    for x in doc.sessions:
        ses = m.CoachingSession(
            id=x.id,
            rep_id=x.rep,
            date=x.date,
            kind=x.kind,
            duration_minutes=x.duration_minutes,
            notes=x.notes,
            agreements=list(x.agreements),
        )
        ses.action_items = [
            m.ActionItem(
                id=a.id,
                rep_id=x.rep,
                text=a.text,
                owner=a.owner,
                due=a.due,
                status=a.status,
                closed_on=a.closed_on,
                position=i,
            )
            for i, a in enumerate(x.action_items)
        ]
        s.add(ses)
    for a in doc.assignments:
        s.add(
            m.Assignment(
                id=a.id,
                rep_id=a.rep,
                activity=a.activity,
                assigned_on=a.assigned_on,
                due=a.due,
                status=a.status,
                completed_on=a.completed_on,
                evidence=a.evidence,
            )
        )
    for ov in doc.policy_overrides:
        s.add(
            m.TeamPolicy(
                team_id=team.id,
                criterion=ov.criterion,
                threshold=ov.threshold,
                breaches=ov.breaches,
                of_last=ov.of_last,
                window_days=ov.window_days,
            )
        )
    for p in doc.promotions:
        s.add(
            m.Promotion(
                id=_promotion_id(p, team.id),
                criterion=p.criterion,
                rep_id=p.rep,
                team_id=None if p.rep else team.id,
                threshold=p.threshold,
                promoted_on=p.promoted_on,
            )
        )
    for b in doc.briefs:
        s.add(m.SavedBrief(id=b.id, rep_id=b.rep, date=b.date, payload=b.payload, created_by=b.created_by))
    for rp in doc.roleplay_attempts:
        s.add(
            m.RoleplayAttempt(
                id=rp.id, rep_id=rp.rep, scenario=rp.scenario, date=rp.date, transcript=rp.transcript, scores=rp.scores
            )
        )
    s.flush()


REP_TABLES = (
    m.Promotion,
    m.SavedBrief,
    m.RoleplayAttempt,
    m.Assignment,
    m.ActionItem,
    m.CoachingSession,
)


def delete_team_rows(s: Session, team: m.Team) -> int:
    """Delete a team's records in dependency order; its manager goes too unless they lead another team."""
    rep_ids = list(s.scalars(select(m.Rep.id).where(m.Rep.team_id == team.id)))
    obs_ids = select(m.Observation.id).where(m.Observation.rep_id.in_(rep_ids))
    s.execute(delete(m.Score).where(m.Score.observation_id.in_(obs_ids)))
    s.execute(delete(m.Observation).where(m.Observation.rep_id.in_(rep_ids)))
    s.execute(delete(m.Deal).where(m.Deal.rep_id.in_(rep_ids)))
    s.execute(delete(m.PipelineTarget).where(m.PipelineTarget.rep_id.in_(rep_ids)))
    for table in REP_TABLES:
        s.execute(delete(table).where(table.rep_id.in_(rep_ids)))
    s.execute(delete(m.Promotion).where(m.Promotion.team_id == team.id))
    s.execute(delete(m.TeamPolicy).where(m.TeamPolicy.team_id == team.id))
    s.execute(delete(m.Rep).where(m.Rep.team_id == team.id))
    s.execute(delete(m.User).where(m.User.id.in_(rep_ids), m.User.role == "rep"))
    manager_id = team.manager_id
    s.delete(team)
    s.flush()
    others = s.scalar(select(func.count()).select_from(m.Team).where(m.Team.manager_id == manager_id))
    manager = s.get(m.User, manager_id)
    if not others and manager is not None and manager.role == "manager":
        s.delete(manager)
    return len(rep_ids)
