"""The manager's handlers as plain functions of (context, actor, inputs): each one calls the core and shapes the result."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from copilot.errors import ConfigError, ModelError
from copilot.records.access import Actor
from copilot.records.inputs import parse_action_spec, parse_date
from copilot.records.policy import RepStatus
from copilot.records.views import ActionItemView, RepView
from ui import views
from ui.auth import require
from ui.context import UIContext

MODEL_NOTE = "\n\n> ⏳ _Writing diagnostic questions with the model; the curated questions above stand if it fails…_"


@dataclass
class Overview:
    """Everything the team overview shows."""

    markdown: str
    table: pd.DataFrame
    trends: dict[str, dict[str, float]]
    criteria: list[tuple[str, str]]
    flagged: list[str]


def team_choices(ctx: UIContext, actor: Actor) -> list[tuple[str, str]]:
    """Teams the actor may see, as dropdown choices."""
    return [(f"{t.name} (manager {t.manager.name})", t.id) for t in ctx.store.teams(actor)]


def rep_choices(ctx: UIContext, actor: Actor) -> list[tuple[str, str]]:
    """Reps the actor may read individually, as dropdown choices."""
    return [(f"{r.name} · {r.team_name}", r.id) for r in ctx.store.reps(actor)]


def _rows(ctx: UIContext, actor: Actor, reps: list[RepView]) -> list[tuple[RepView, RepStatus, list[ActionItemView]]]:
    today = ctx.today()
    store = ctx.store
    return [(r, store.rep_status(actor, r.id, today), store.action_items(actor, r.id, status="open")) for r in reps]


def team_overview(ctx: UIContext, actor: Actor, team_id: str | None) -> Overview:
    """Who needs intervention now and why, who is self-correcting, what is overdue, and the criterion trends."""
    require(actor, "manager")
    if not team_id:
        return Overview("_Pick a team._", views.team_table([], ctx.today()), {}, [], [])
    team = ctx.store.team(actor, team_id)
    rows = _rows(ctx, actor, team.reps)
    card = ctx.store.scorecard(actor, team_id=team_id, today=ctx.today())
    trends = card.teams[0].metrics.criterion_trends if card.teams else {}
    flagged = [c for c in views.flagged_criteria(st for _, st, _ in rows) if c in trends]
    return Overview(
        markdown=views.team_overview_md(rows, ctx.today(), team.name),
        table=views.team_table(rows, ctx.today()),
        trends=trends,
        criteria=[(views.criterion_label(ctx.kb, c), c) for c in trends],
        flagged=flagged or list(trends)[:4],
    )


def _export(markdown: str, rep_id: str, today: dt.date) -> str:
    """Write the brief to a temporary Markdown file the page offers as a download."""
    folder = Path(tempfile.mkdtemp(prefix="copilot-brief-"))
    path = folder / f"prep-{rep_id}-{today.isoformat()}.md"
    path.write_text(markdown, encoding="utf-8")
    return str(path)


def prep_brief(
    ctx: UIContext, actor: Actor, rep_id: str | None, meeting: str
) -> Iterator[tuple[str, str | None, dict[str, Any] | None]]:
    """Yield the brief as it is built: the records-decided brief first, then the one with model-written questions.

    A model that fails or is stopped leaves the curated brief on the page with a note, never an empty page.
    """
    from copilot.prep import prepare_brief, render_markdown

    require(actor, "manager")
    if not rep_id:
        yield "_Pick a rep first._", None, None
        return
    today = ctx.today()
    yield "_Reading the records: open items, thresholds, evidence…_", None, None
    draft = prepare_brief(ctx.store, actor, rep_id, ctx.kb, None, meeting=meeting, today=today)
    text = render_markdown(draft)
    yield text + MODEL_NOTE, _export(text, rep_id, today), draft.model_dump(mode="json")
    try:
        model = ctx.runtime.chat_model
        brief = prepare_brief(ctx.store, actor, rep_id, ctx.kb, model, meeting=meeting, today=today)
    except (ModelError, ConfigError) as err:
        note = f"\n\n> ⚠ The model is unavailable ({err.message}); the questions above are curated. Fix: {err.fix}"
        yield text + note, _export(text, rep_id, today), draft.model_dump(mode="json")
        return
    text = render_markdown(brief)
    yield text, _export(text, rep_id, today), brief.model_dump(mode="json")


def save_brief(ctx: UIContext, actor: Actor, rep_id: str | None, payload: dict[str, Any] | None) -> str:
    """Keep the brief with the rep's records so the next prep can cite it."""
    require(actor, "manager")
    if not rep_id or not payload:
        return "_Prepare a brief first._"
    saved = ctx.store.save_brief(actor, rep_id, payload, date=ctx.today())
    return f"Saved as `{saved.id}` with {rep_id}'s records."


def save_session(
    ctx: UIContext,
    actor: Actor,
    rep_id: str | None,
    date_text: str,
    kind: str,
    minutes: float | None,
    notes: str,
    agreements_text: str,
    actions_text: str,
) -> str:
    """Store the conversation with its agreements and action items (one per line: `text; due=…; owner=…`)."""
    require(actor, "manager")
    if not rep_id:
        return "_Pick a rep first._"
    day = parse_date(date_text, "meeting date") if date_text and date_text.strip() else ctx.today()
    default_due = day + dt.timedelta(days=7)
    actions = [parse_action_spec(line, default_due) for line in actions_text.splitlines() if line.strip()]
    agreements = [line.strip() for line in agreements_text.splitlines() if line.strip()]
    session = ctx.store.add_session(
        actor,
        rep_id,
        notes=notes or "",
        date=day,
        kind=kind,
        duration_minutes=int(minutes or 30),
        agreements=agreements,
        actions=actions,
    )
    return (
        f"Saved the {session.kind} of {session.date:%d %b} (`{session.id}`): {len(session.agreements)} agreement(s), "
        f"{len(session.action_items)} action item(s). The next prep reconciles them."
    )


def assign(ctx: UIContext, actor: Actor, rep_id: str | None, activity: str | None, due_text: str) -> str:
    """Assign a catalogue activity (drills and roleplays included), due in a week unless a date is given."""
    require(actor, "manager")
    if not rep_id or not activity:
        return "_Pick a rep and an activity._"
    due = parse_date(due_text, "due date") if due_text and due_text.strip() else None
    made = ctx.store.assign(actor, rep_id, activity, due=due, assigned_on=ctx.today())
    title = ctx.kb.activities[made.activity].title if made.activity in ctx.kb.activities else made.activity
    return f"Assigned **{title}** (`{made.id}`), due {made.due:%d %b %Y}."


def activity_choices(ctx: UIContext) -> list[tuple[str, str]]:
    """The learning catalogue as dropdown choices, grouped by kind."""
    acts = sorted(ctx.kb.activities.values(), key=lambda a: (a.kind, a.title))
    return [(f"{a.kind.replace('_', ' ')} · {a.title} ({a.duration_minutes} min)", a.id) for a in acts]


def close_item(ctx: UIContext, actor: Actor, item_id: str | None, status: str) -> str:
    """Reconcile an action item: done or dropped."""
    if not item_id:
        return "_Pick an action item._"
    item = ctx.store.close_action_item(actor, item_id, status=status, on=ctx.today())
    return f"Marked {status}: {item.text}"


@dataclass
class RepRecords:
    """A rep's records as the manager's 1-on-1 page shows them."""

    notes: str
    open_items: pd.DataFrame
    item_choices: list[tuple[str, str]]
    assignments: pd.DataFrame
    observations: pd.DataFrame
    history: pd.DataFrame


def rep_records(ctx: UIContext, actor: Actor, rep_id: str | None) -> RepRecords:
    """Notes, open action items, assignments and assessments of one rep (the store refuses other teams' reps)."""
    require(actor, "manager")
    today, store = ctx.today(), ctx.store
    if not rep_id:
        empty = views.history_frame([])
        return RepRecords(
            "_Pick a rep._", views.action_items_frame([], today), [], views.assignments_frame([], ctx.kb, today),
            views.observations_frame([], ctx.kb), empty,
        )  # fmt: skip
    items = store.action_items(actor, rep_id, status="open")
    observations = store.observations(actor, rep_id)
    status = store.rep_status(actor, rep_id, today)
    flagged = views.flagged_criteria([status])
    return RepRecords(
        notes=views.sessions_md(store.sessions(actor, rep_id)),
        open_items=views.action_items_frame(items, today),
        item_choices=[(f"{i.text} (due {i.due:%d %b})", i.id) for i in items],
        assignments=views.assignments_frame(store.assignments(actor, rep_id), ctx.kb, today),
        observations=views.observations_frame(observations, ctx.kb),
        history=views.history_frame(observations, flagged),
    )
