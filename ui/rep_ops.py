"""The rep's handlers as plain functions: their own status, assessments, assignments and action items."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from copilot.app import team
from copilot.records.access import Actor
from ui import views
from ui.auth import require
from ui.context import UIContext


@dataclass
class RepPageData:
    """Everything the rep's page shows."""

    status: str
    history: pd.DataFrame
    observations: pd.DataFrame
    assignments: pd.DataFrame
    open_assignments: list[tuple[str, str]]
    action_items: pd.DataFrame
    open_items: list[tuple[str, str]]
    notes: str


def rep_choices(ctx: UIContext, actor: Actor) -> tuple[list[tuple[str, str]], str | None]:
    """Whose page: a rep sees only their own; an admin picks any rep."""
    if actor.role == "rep":
        return [(actor.user_id, actor.user_id)], actor.user_id
    reps = ctx.store.reps(actor)
    return [(f"{r.name} · {r.team_name}", r.id) for r in reps], None


def rep_page(ctx: UIContext, actor: Actor, rep_id: str | None) -> RepPageData:
    """A rep's own records; the store refuses any rep but the signed-in one (or everyone, for an admin)."""
    require(actor, "rep")
    today, kb = ctx.today(), ctx.kb
    if not rep_id:
        return RepPageData(
            "_Pick a rep._", views.history_frame([]), views.observations_frame([], kb),
            views.assignments_frame([], kb, today), [], views.action_items_frame([], today), [], "",
        )  # fmt: skip
    found = team.rep_records(ctx.app, actor, rep_id, today)
    profile, status, observations, assignments, items = (
        found.profile, found.status, found.observations, found.assignments, found.action_items,
    )  # fmt: skip
    titles = {a.id: a.title for a in kb.activities.values()}
    focus = [*views.flagged_criteria([status]), *(s.criterion for s in status.ready_to_coach)]
    return RepPageData(
        status=views.rep_status_md(profile, status),
        history=views.history_frame(observations, focus),
        observations=views.observations_frame(observations, kb),
        assignments=views.assignments_frame(assignments, kb, today),
        open_assignments=[
            (f"{titles.get(a.activity, a.activity)} (due {a.due:%d %b})", a.id)
            for a in assignments
            if a.status != "done"
        ],
        action_items=views.action_items_frame(items, today),
        open_items=[  # a rep marks done only their own items; the manager's are the manager's to close
            (f"{i.text} (due {i.due:%d %b})", i.id)
            for i in items
            if i.status == "open" and (actor.role != "rep" or i.owner == "rep")
        ],
        notes=views.sessions_md(found.sessions),
    )


def complete_assignment(ctx: UIContext, actor: Actor, assignment_id: str | None, evidence: str) -> str:
    """Mark an assignment done, with what shows it."""
    if not assignment_id:
        return "_Pick an assignment._"
    done = team.complete_assignment(ctx.app, actor, assignment_id, evidence, day=ctx.today())
    title = team.activity_title(ctx.app, done.activity)
    return f"Done: **{title}** on {done.completed_on:%d %b}."
