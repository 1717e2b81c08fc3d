"""`copilot team …` and `copilot deals …`: load, show and delete teams; a rep's deals and pipeline targets."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.cli.options import AS, JSON, TODAY, current_app, day, maybe_day
from copilot.cli.output import emit_json

app = typer.Typer()
team_app = typer.Typer(help="Load, show and delete teams.", no_args_is_help=True)
deals_app = typer.Typer(help="Deals and pipeline targets from a CRM export (CSV).", no_args_is_help=True)
app.add_typer(team_app, name="team")


@team_app.command("load")
def team_load(
    ctx: typer.Context,
    file: Path = typer.Argument(None, help="Team file (YAML, JSON or CSV); default: the demo team."),
    no_shift: bool = typer.Option(
        False, "--no-shift", help="Keep the file's dates (default: anchor_date becomes today)."
    ),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Load a team (upserting every record by id); dates move so the file's anchor_date is today."""
    from copilot.app.team import load_team

    application = current_app(ctx)
    summary = load_team(application, application.actor(as_user), file, shift=not no_shift, today=maybe_day(today))
    if as_json:
        emit_json(summary.model_dump(mode="json"))
        return
    moved = f"; dates moved so {summary.shifted_to} is today" if summary.shifted_to else ""
    typer.echo(
        f"loaded team {summary.team_id}: {summary.reps} reps, {summary.observations} observations, "
        f"{summary.sessions} sessions, {summary.action_items} action items, {summary.assignments} assignments{moved}"
    )


@team_app.command("show")
def team_show(
    ctx: typer.Context,
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    rep: str = typer.Option(None, "--rep", help="Show one rep in detail."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Teams and reps with their trust-but-verify status: who needs the manager now, and why."""
    from copilot.app.team import rep_records, rep_stakes, team_stakes, teams_status
    from copilot.records import render

    application = current_app(ctx)
    actor = application.actor(as_user)
    when = day(today)
    if rep:
        records = rep_records(application, actor, rep, when)
        status, profile, items, assigned = records.status, records.profile, records.open_items, records.assignments
        if as_json:
            emit_json(
                {
                    "today": when,
                    "rep": profile.model_dump(mode="json"),
                    "status": status.model_dump(mode="json"),
                    "at_stake": [p.model_dump(mode="json") for p in rep_stakes(application, actor, rep, when)],
                    "open_action_items": [render.action_json(i, when) for i in items],
                    "assignments": [a.model_dump(mode="json") for a in assigned],
                }
            )
            return
        typer.echo(f"{profile.name} ({profile.id}), {profile.profile}, team {profile.team_id}, as of {when}")
        typer.echo(
            "\n".join([*render.stake_lines(rep_stakes(application, actor, rep, when)), *render.status_lines(status)])
        )
        for line in [render.action_line(i, when) for i in items] + [render.assignment_line(a) for a in assigned]:
            typer.echo(f"    {line}")
        return
    report = teams_status(application, actor, team, when)
    stakes = team_stakes(application, actor, report, when)
    if as_json:
        emit_json(render.teams_json(report, when, stakes))
    else:
        typer.echo("\n".join(render.teams_lines(report, when, stakes)))


app.add_typer(deals_app, name="deals")


@deals_app.command("import")
def deals_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="CSV: deals (id,rep,name,stage,amount,…) or targets (rep,period,target)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Upsert deals or pipeline targets by id; every bad row is named with its line, and nothing is saved then."""
    application = current_app(ctx)
    result = application.store.import_deals_csv(application.actor(as_user), file)
    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    typer.echo(f"imported {result.deals} deal(s) and {result.targets} target(s) from {file}")


@deals_app.command("show")
def deals_show(
    ctx: typer.Context, rep: str = typer.Option(..., "--rep", help="Rep id."), as_user: str = AS, as_json: bool = JSON
) -> None:
    """A rep's deals, largest first, and their pipeline targets."""
    application = current_app(ctx)
    store, actor = application.store, application.actor(as_user)
    deals, targets = store.deals(actor, rep), store.targets(actor, rep)
    if as_json:
        emit_json({"deals": [d.model_dump(mode="json") for d in deals], "targets": [t.model_dump() for t in targets]})
        return
    for t in targets:
        typer.echo(f"target {t.period}: {t.amount} (coverage goal {t.coverage_goal:g}x)")
    for d in deals:
        typer.echo(
            f"{d.id}  {d.name}  stage {d.stage}  {d.amount}  {d.category}  closes {d.close_date}  "
            f"last activity {d.last_activity or 'none'}  next: {d.next_step or '-'}"
        )


@team_app.command("delete")
def team_delete(
    ctx: typer.Context,
    team: str = typer.Argument(..., help="Team id."),
    yes: bool = typer.Option(False, "--yes", help="Really delete every record of the team."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Delete a team and all its records (export it first if you may want it back)."""
    if not yes:
        raise typer.BadParameter("this deletes every record of the team; pass --yes to confirm", param_hint="--yes")
    application = current_app(ctx)
    reps = application.store.delete_team(application.actor(as_user), team)
    if as_json:
        emit_json({"deleted": team, "reps": reps})
    else:
        typer.echo(f"deleted team {team} and its {reps} reps")
