"""Coaching-records commands: observe, promote, team policy, the scorecard, export and import of a team.

The CLI acts as the local admin (single-user mode); `--as USER_ID` acts as a stored user instead, so access
rules can be tried from the command line. `team`, `deals` (cli/team.py) and `note`, `actions`, `assign`
(cli/notes.py) join this group, so the records commands attach as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from copilot.cli import notes, team
from copilot.cli.options import AS, JSON, TODAY, current_app, day, maybe_day
from copilot.cli.output import emit_json
from copilot.records.inputs import parse_evidence, parse_scores

if TYPE_CHECKING:
    pass

app = typer.Typer()
app.add_typer(team.app)
app.add_typer(notes.app)


@app.command()
def observe(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    interaction: str = typer.Option(..., "--interaction", help="Interaction id, e.g. discovery-call."),
    scores: str = typer.Option(..., "--scores", help="crit=level,... with level 1-4 or not_present..excellent."),
    evidence: list[str] = typer.Option([], "--evidence", help='crit="what you saw" (repeatable).'),
    date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    observer: str = typer.Option("manager", "--observer", help="manager, self, peer or automatic."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Record one observed interaction of a rep, scored per criterion with evidence."""
    from copilot.app.team import observe as record

    levels, quotes, when = parse_scores(scores), parse_evidence(evidence), maybe_day(date, "--date")
    application = current_app(ctx)
    obs, flagged = record(
        application, application.actor(as_user), rep, interaction, levels, evidence=quotes, day=when, observer=observer
    )
    if as_json:
        emit_json(obs.model_dump(mode="json"))
        return
    typer.echo(f"saved {obs.id}: {rep} {interaction} on {obs.date}, {len(obs.scores)} criteria scored")
    for skill in flagged:
        typer.echo(f"  STEP IN  {skill.criterion}: {skill.reason}")


@app.command()
def promote(
    ctx: typer.Context,
    criterion: str = typer.Option(..., "--criterion", help="An advanced criterion the rep or team has adopted."),
    threshold: str = typer.Option("good", "--threshold", help="Its threshold as a basic skill (1-4 or a level name)."),
    rep: str = typer.Option(None, "--rep", help="Promote for this rep."),
    team: str = typer.Option(None, "--team", help="Promote for the whole team."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Move an adopted advanced skill to basic with a threshold, so coaching moves on to the next one."""
    application = current_app(ctx)
    promo = application.store.promote(application.actor(as_user), criterion, threshold, rep_id=rep, team_id=team)
    if as_json:
        emit_json(promo.model_dump(mode="json"))
        return
    typer.echo(f"{criterion} is now basic for {rep or team} with threshold {promo.threshold}")


@app.command()
def policy(
    ctx: typer.Context,
    team: str = typer.Option(..., "--team", help="Team id."),
    criterion: str = typer.Option(None, "--criterion", help="Criterion to override; omit to list overrides."),
    threshold: str = typer.Option(None, "--threshold", help="Lowest acceptable level."),
    breaches: int = typer.Option(None, "--breaches", help="Misses that call the manager."),
    of_last: int = typer.Option(None, "--of-last", help="Recent observations counted."),
    window_days: int = typer.Option(None, "--window-days", help="Self-correction window in days."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Override the methodology's trust-but-verify numbers for one criterion on one team, or list overrides."""
    application = current_app(ctx)
    store, actor = application.store, application.actor(as_user)
    if criterion:
        result = store.set_team_policy(
            actor, team, criterion, threshold=threshold, breaches=breaches, of_last=of_last, window_days=window_days
        )
        if as_json:
            emit_json(result.model_dump(mode="json"))
            return
        typer.echo(
            f"{team} {criterion}: threshold {result.threshold}, {result.breaches} of the last {result.of_last} "
            f"after {result.window_days} days"
        )
        return
    overrides = store.team_policies(actor, team)
    if as_json:
        emit_json([o.model_dump(mode="json") for o in overrides])
        return
    for o in overrides:
        typer.echo(
            f"{o.criterion}: "
            + ", ".join(
                f"{k}={v}" for k, v in o.model_dump().items() if v is not None and k not in ("team_id", "criterion")
            )
        )


@app.command()
def scorecard(
    ctx: typer.Context,
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    since: str = typer.Option(None, "--since", help="YYYY-MM-DD (default: first day of the month five months ago)."),
    until: str = typer.Option(None, "--until", help="YYYY-MM-DD (default: today)."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Coaching in the scorecard: sessions and hours, action items, assignments, practice, trends, thresholds."""
    from copilot.app.team import practice
    from copilot.app.team import scorecard as coaching
    from copilot.records import render
    from copilot.records.practice_card import practice_lines

    application = current_app(ctx)
    actor = application.actor(as_user)
    card = coaching(
        application,
        actor,
        team_id=team,
        since=maybe_day(since, "--since"),
        until=maybe_day(until, "--until"),
        today=day(today),
    )
    programme = practice(application, actor, today=day(today), team_id=team)
    if as_json:
        emit_json(card.model_dump(mode="json") | {"practice": programme.model_dump(mode="json")})
        return
    typer.echo("\n".join([*render.scorecard_lines(card), *practice_lines(programme)]))


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    team: str = typer.Option(..., "--team", help="Team id."),
    output: Path = typer.Option(None, "-o", "--output", help="File to write (.yaml, .json or .csv); default: stdout."),
    fmt: str = typer.Option(None, "--format", help="yaml, json or csv (default: from the file name, else yaml)."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = typer.Option(False, "--json", help="JSON: the export itself on stdout, or a receipt with -o."),
) -> None:
    """Write a team's records to one file (CSV holds the roster and observations only)."""
    from copilot.records.teamfile.write import dump_team, format_for

    application = current_app(ctx)
    doc = application.store.export_team(application.actor(as_user), team, today=maybe_day(today))
    kind = fmt or (format_for(output) if output else "json" if as_json else "yaml")
    if kind not in ("yaml", "json", "csv"):
        raise typer.BadParameter(f"{kind!r} is not yaml, json or csv", param_hint="--format")
    text = dump_team(doc, kind)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    if as_json:
        emit_json({"team_id": team, "path": str(output), "format": kind, "bytes": len(text.encode())})
    else:
        typer.echo(f"wrote {output}", err=True)


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A team export (YAML, JSON or CSV)."),
    replace: bool = typer.Option(False, "--replace", help="Replace the team if it exists."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Restore a team from one file in one transaction: every broken row is reported and nothing is imported."""
    from copilot.records.teamfile.read import read_team_file

    doc, lines = read_team_file(file)
    application = current_app(ctx)
    summary = application.store.import_team(
        application.actor(as_user), doc, replace=replace, path=str(file), lines=lines
    )
    if as_json:
        emit_json(summary.model_dump())
        return
    verb = "replaced" if summary.replaced else "imported"
    typer.echo(
        f"{verb} team {summary.team_id}: {summary.reps} reps, {summary.observations} observations, {summary.sessions} sessions"
    )
