"""The manager's handlers as plain functions of (context, actor, inputs): each one calls the core and shapes the result."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from copilot.app import prep, team
from copilot.errors import CopilotError
from copilot.records.access import Actor
from copilot.records.inputs import parse_date, parse_minutes
from ui import views
from ui.auth import require
from ui.context import UIContext
from ui.tempfiles import private_dir, sweep, temp_root, write_private

if TYPE_CHECKING:
    from copilot.prep.models import Brief

DRAFTING = (
    "> _The model is writing diagnostic questions. Each appears here as a draft; when it is done every draft is "
    "checked (open, specific to the evidence, cited, not advice) and curated questions replace the ones that fail, "
    "or all of them if the model fails._"
)
RETRYING = "> _The model's answer was rejected ({problem}); it is writing them again…_"


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


def team_overview(ctx: UIContext, actor: Actor, team_id: str | None) -> Overview:
    """Who needs intervention now and why, who is self-correcting, what is overdue, and the criterion trends."""
    require(actor, "manager")
    if not team_id:
        return Overview("_Pick a team._", views.team_table([], ctx.today()), {}, [], [])
    today = ctx.today()
    found = team.team_rows(ctx.app, actor, team_id, today)
    rows, trends = found.rows, found.trends
    flagged = [c for c in views.flagged_criteria(st for _, st, _ in rows) if c in trends]
    return Overview(
        markdown=views.team_overview_md(rows, today, found.team.name, found.stakes),
        table=views.team_table(rows, today),
        trends=trends,
        criteria=[(views.criterion_label(ctx.kb, c), c) for c in trends],
        flagged=flagged or list(trends)[:4],
    )


def _export(ctx: UIContext, markdown: str, rep_id: str, today: dt.date) -> str:
    """Write the brief to a private Markdown file (0600, in the data folder's tmp/) the page offers as a download.

    Briefs once went to world-readable /tmp/copilot-brief-* folders and stayed there; stale ones are removed now.
    """
    briefs = temp_root(ctx.settings) / "briefs"
    sweep(briefs)
    folder = private_dir(briefs) / secrets.token_hex(8)  # one folder per download keeps the file's plain name
    return str(write_private(folder, f"prep-{rep_id}-{today.isoformat()}.md", markdown))


def prep_brief(
    ctx: UIContext, actor: Actor, rep_id: str | None, meeting: str
) -> Iterator[tuple[str, str | None, dict[str, Any] | None]]:
    """Yield the brief as it is built: the records-decided sections at once, each model question as it is written
    (marked as a draft), then the checked brief.

    A model that fails, mid-answer or before, leaves the curated brief on the page with a note, never an empty page.
    The download and the saved state are always a complete brief: the records-decided one until the checked one.
    """
    from copilot.app.prep import stream
    from copilot.prep import render_markdown
    from copilot.prep.stream import AttemptRejected, Decided, Finished

    require(actor, "manager")
    if not rep_id:
        yield "_Pick a rep first._", None, None
        return
    today = ctx.today()
    yield "_Reading the records: open items, thresholds, evidence…_", None, None
    drafts: list[str] = []
    drafting = DRAFTING
    decided: Brief | None = None
    download: str | None = None
    for event in stream(ctx.app, actor, rep_id, meeting=meeting, today=today):
        if isinstance(event, Finished):
            text = render_markdown(event.brief)
            shown = text if event.error is None else text + _failure_note(event.error)
            yield shown, _export(ctx, text, rep_id, today), event.brief.model_dump(mode="json")
            return
        if isinstance(event, Decided):
            decided = event.brief
            download = _export(ctx, render_markdown(decided), rep_id, today)
            if not event.asking_model:
                continue  # nothing for the model to write: the final brief follows at once
        elif isinstance(event, AttemptRejected):
            drafts, drafting = [], RETRYING.format(problem=event.problem)
        else:
            drafts.append(event.text)
        assert decided is not None  # Decided always comes first
        yield render_markdown(decided, drafts=drafts, drafting=drafting), download, decided.model_dump(mode="json")


def _failure_note(err: CopilotError) -> str:
    fix = f" Fix: {err.fix}" if err.fix else ""
    return f"\n\n> ⚠ The model failed ({err.message}); the questions above are curated.{fix}"


def save_brief(ctx: UIContext, actor: Actor, rep_id: str | None, payload: dict[str, Any] | None) -> str:
    """Keep the brief with the rep's records so the next prep can cite it."""
    require(actor, "manager")
    if not rep_id or not payload:
        return "_Prepare a brief first._"
    saved = prep.save_brief(ctx.app, actor, rep_id, payload, today=ctx.today())
    return f"Saved as `{saved}` with {rep_id}'s records."


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
    """Store the conversation with its agreements and action items (one per line: `text; due=…; owner=…`), and
    say how each item was read (owner and due date), so a misread deadline is seen at once."""
    require(actor, "manager")
    if not rep_id:
        return "_Pick a rep first._"
    day = parse_date(date_text, "meeting date") if date_text and date_text.strip() else ctx.today()
    session = team.save_session(
        ctx.app,
        actor,
        rep_id,
        notes=notes or "",
        day=day,
        kind=kind,
        minutes=parse_minutes(minutes, "minutes"),
        agreements=[line.strip() for line in agreements_text.splitlines() if line.strip()],
        actions=[line for line in actions_text.splitlines() if line.strip()],
    )
    items = "".join(f"\n- {item.text}: {item.owner}, due {item.due:%a %d %b}" for item in session.action_items)
    return (
        f"Saved the {session.kind} of {session.date:%d %b} (`{session.id}`): {len(session.agreements)} agreement(s), "
        f"{len(session.action_items)} action item(s). The next prep reconciles them.{items}"
    )


def assign(ctx: UIContext, actor: Actor, rep_id: str | None, activity: str | None, due_text: str) -> str:
    """Assign a catalogue activity (drills and roleplays included), due in a week unless a date is given."""
    require(actor, "manager")
    if not rep_id or not activity:
        return "_Pick a rep and an activity._"
    due = parse_date(due_text, "due date") if due_text and due_text.strip() else None
    made = team.assign(ctx.app, actor, rep_id, activity, due=due, day=ctx.today())
    title = team.activity_title(ctx.app, made.activity)
    return f"Assigned **{title}** (`{made.id}`), due {made.due:%d %b %Y}."


def activity_choices(ctx: UIContext) -> list[tuple[str, str]]:
    """The learning catalogue as dropdown choices, grouped by kind."""
    acts = sorted(ctx.kb.activities.values(), key=lambda a: (a.kind, a.title))
    return [(f"{a.kind.replace('_', ' ')} · {a.title} ({a.duration_minutes} min)", a.id) for a in acts]


def close_item(ctx: UIContext, actor: Actor, item_id: str | None, status: str) -> str:
    """Reconcile an action item: done or dropped."""
    if not item_id:
        return "_Pick an action item._"
    item = team.close_action_item(ctx.app, actor, item_id, status, day=ctx.today())
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
    today = ctx.today()
    if not rep_id:
        empty = views.history_frame([])
        return RepRecords(
            "_Pick a rep._", views.action_items_frame([], today), [], views.assignments_frame([], ctx.kb, today),
            views.observations_frame([], ctx.kb), empty,
        )  # fmt: skip
    found = team.rep_records(ctx.app, actor, rep_id, today)
    items = found.open_items
    flagged = views.flagged_criteria([found.status])
    return RepRecords(
        notes=views.sessions_md(found.sessions),
        open_items=views.action_items_frame(items, today),
        item_choices=[(f"{i.text} (due {i.due:%d %b})", i.id) for i in items],
        assignments=views.assignments_frame(found.assignments, ctx.kb, today),
        observations=views.observations_frame(found.observations, ctx.kb),
        history=views.history_frame(found.observations, flagged),
    )
