"""`copilot drill …`: the practice of the day (today, say, progress) and, for managers, practice frequency."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.app import practice as use
from copilot.cli.options import AS, JSON, TODAY, current_app, day
from copilot.cli.output import emit_json
from copilot.errors import RecordsError
from copilot.practice.drill import DrillItem, DrillScore


def item_lines(item: DrillItem) -> list[str]:
    """What to say back, and why this one today."""
    return [
        f"today's drill ({item.kind}, {item.item_id}): {item.title}",
        f"  why: {item.why}",
        f"  {'the buyer says' if item.kind == 'objection' else 'your task'}: {item.prompt}",
    ]


def score_lines(score: DrillScore, item: DrillItem) -> list[str]:
    """Each check with what the answer showed, then the guide's words to compare."""
    lines = [f"score {score.score:.0%} ({score.words} words, {score.fillers} filler word(s))"]
    lines += [f"  {'ok  ' if c.passed else 'MISS'} {c.name}: {c.detail}" for c in score.checks]
    lines.append(f"  the messaging guide: {item.model_answer}")
    return lines


app = typer.Typer()
drill = typer.Typer(help="The daily drill: one objection or one message, said back and scored.", no_args_is_help=True)
app.add_typer(drill, name="drill")


@drill.command("today")
def today_cmd(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Today's drill for the rep: from the manager's assignment or the weakest step, least repeated first."""
    application = current_app(ctx)
    item = use.todays_drill(application, application.actor(as_user), rep, day(today)).item
    if as_json:
        emit_json(item.model_dump(mode="json"))
        return
    typer.echo("\n".join(item_lines(item)))


@drill.command("say")
def say(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    text: str = typer.Option(None, "--text", help="Your answer, as you would say it."),
    file: Path = typer.Option(None, "--file", help="Read the answer from a file."),
    item_id: str = typer.Option(None, "--item", help="Drill this objection or value proposition instead."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Say back today's drill (typed) and see the score; it is kept for the streak."""
    if (text is None) == (file is None):
        raise RecordsError("give the answer with --text or --file (one of them)", fix='e.g. --text "I hear you..."')
    answer = text if text is not None else file.read_text(encoding="utf-8")
    application = current_app(ctx)
    actor = application.actor(as_user)
    chosen = use.drill_item(application, item_id) if item_id else None
    done = use.say_drill(application, actor, rep, chosen, answer, day(today))
    item, score, saved, habit = done.item, done.score, done.attempt, done.progress
    if as_json:
        emit_json(
            {"item": item.model_dump(mode="json"), "score": score.model_dump(mode="json"), "attempt_id": saved.id,
             "progress": habit.model_dump(mode="json")}
        )  # fmt: skip
        return
    typer.echo("\n".join([*score_lines(score, item), f"streak {habit.streak} day(s); {habit.total} drill(s) in all"]))


@drill.command("progress")
def progress_cmd(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Streak, drills done and repetitions per item."""
    application = current_app(ctx)
    habit = use.drill_progress(application, application.actor(as_user), rep, day(today))
    if as_json:
        emit_json(habit.model_dump(mode="json"))
        return
    avg = f"{habit.average:.0%}" if habit.average is not None else "—"
    typer.echo(
        f"{rep}: streak {habit.streak} day(s), {habit.total} drill(s), {habit.today} today, recent average {avg}"
    )
    for item, count in habit.repetitions.items():
        typer.echo(f"  {item:<40} {count}x")


@drill.command("frequency")
def frequency(
    ctx: typer.Context,
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    days: int = typer.Option(28, "--days", help="Window ending today."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Practice frequency per rep (managers), per team (enablement)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    rows = use.drill_frequency(application, actor, day(today), days=days, team=team)
    if as_json:
        emit_json([r.model_dump(mode="json") for r in rows])
        return
    for r in rows:
        typer.echo(f"{r.name:<24} {r.drills} drill(s) on {r.days} day(s), {r.per_week}/week, last {r.last or '—'}")
