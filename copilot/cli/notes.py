"""`copilot note …`, `copilot actions` and `copilot assign`: what a coaching conversation leaves to follow up."""

from __future__ import annotations

import typer

from copilot.cli.options import AS, JSON, TODAY, current_app, day, maybe_day
from copilot.cli.output import emit_json

app = typer.Typer()
note_app = typer.Typer(
    help="Coaching notes: what was discussed, agreed and who does what by when.", no_args_is_help=True
)
app.add_typer(note_app, name="note")


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    text: str = typer.Option("", "--text", help="What was discussed."),
    action: list[str] = typer.Option(
        [],
        "--action",
        help='"text[;due=DATE or a day like Friday][;owner=rep|manager]", e.g. "Book six meetings by Friday" (repeatable).',
    ),
    agreement: list[str] = typer.Option([], "--agreement", help="An agreement with a count and a date (repeatable)."),
    kind: str = typer.Option(
        "one-on-one", "--kind", help="one-on-one, deal-review, pipeline-review, forecast-review, joint-call."
    ),
    minutes: int = typer.Option(30, "--minutes", help="Length of the meeting."),
    date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Save a coaching conversation: notes, agreements and action items (due in a week unless given)."""
    from copilot.app.team import save_session

    when = day(date, "--date")
    application = current_app(ctx)
    ses = save_session(
        application,
        application.actor(as_user),
        rep,
        notes=text,
        day=when,
        kind=kind,
        minutes=minutes,
        agreements=agreement,
        actions=action,
    )
    if as_json:
        emit_json(ses.model_dump(mode="json"))
        return
    typer.echo(
        f"saved {ses.id} for {rep} on {ses.date}: {len(ses.agreements)} agreement(s), {len(ses.action_items)} action item(s)"
    )
    for item in ses.action_items:
        typer.echo(f"  {item.id} ({item.owner}, due {item.due}): {item.text}")


@note_app.command("list")
def note_list(
    ctx: typer.Context, rep: str = typer.Option(..., "--rep", help="Rep id."), as_user: str = AS, as_json: bool = JSON
) -> None:
    """A rep's coaching sessions, oldest first."""
    application = current_app(ctx)
    sessions = application.store.sessions(application.actor(as_user), rep)
    if as_json:
        emit_json([x.model_dump(mode="json") for x in sessions])
        return
    for x in sessions:
        typer.echo(f"{x.date} {x.kind} ({x.duration_minutes} min) {x.id}: {x.notes}")
        for a in x.agreements:
            typer.echo(f"    agreed: {a}")


@app.command()
def actions(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    close: str = typer.Option(None, "--close", help="Mark this action item done."),
    drop: str = typer.Option(None, "--drop", help="Mark this action item dropped."),
    status: str = typer.Option(None, "--status", help="Only open, done or dropped items."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """List a rep's action items to reconcile, or close one (--close ID / --drop ID)."""
    from copilot.app.team import close_action_item
    from copilot.records import render

    application = current_app(ctx)
    actor = application.actor(as_user)
    when = day(today)
    if close or drop:
        item = close_action_item(application, actor, close or drop, "done" if close else "dropped", day=when)
        if item.rep_id != rep:
            typer.echo(f"note: {item.id} belongs to {item.rep_id}, not {rep}", err=True)
        if as_json:
            emit_json(item.model_dump(mode="json"))
        else:
            typer.echo(f"{item.id} is {item.status} on {item.closed_on}")
        return
    items = application.store.action_items(actor, rep, status=status)
    if as_json:
        emit_json([render.action_json(i, when) for i in items])
    else:
        typer.echo("\n".join(render.action_line(i, when) for i in items) or f"no action items for {rep}")


@app.command()
def assign(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    activity: str = typer.Option(None, "--activity", help="Activity id from the learning catalogue; omit to list."),
    due: str = typer.Option(None, "--due", help="YYYY-MM-DD (default: in a week)."),
    done: str = typer.Option(None, "--done", help="Mark this assignment done."),
    evidence: str = typer.Option(None, "--evidence", help="What shows it was done (with --done)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Assign a learning activity, mark one done (--done ID --evidence ...), or list a rep's assignments."""
    from copilot.app import team
    from copilot.records import render

    due_day = maybe_day(due, "--due")
    application = current_app(ctx)
    actor = application.actor(as_user)
    if done:
        result = [team.complete_assignment(application, actor, done, evidence)]
    elif activity:
        result = [team.assign(application, actor, rep, activity, due=due_day)]
    else:
        result = application.store.assignments(actor, rep)
    if as_json:
        emit_json(
            [a.model_dump(mode="json") for a in result] if not (done or activity) else result[0].model_dump(mode="json")
        )
        return
    typer.echo("\n".join(render.assignment_line(a) for a in result) or f"no assignments for {rep}")
