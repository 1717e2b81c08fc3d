"""`copilot certify …`: define a certification, list them, and see who passed (define, list, show, status, summary)."""

from __future__ import annotations

import typer

from copilot.app import practice as use
from copilot.cli.options import AS, JSON, TODAY, current_app, day, maybe_day
from copilot.cli.output import emit_json
from copilot.records.certification import CertStatus, CertView, level_text


def cert_lines(cert: CertView) -> list[str]:
    """What a certification requires, as a rep reads it."""
    r = cert.rules
    scope = f"team {cert.team_id}" if cert.team_id else "every team"
    lines = [f"{cert.id}  {cert.title}  ({scope}; rules v{cert.version})"]
    lines.append(f"  pass each of: {', '.join(r.scenarios)}")
    lines.append(f"  every scored step at {level_text(r.min_level)} or better")
    lines += [f"  {crit} at {level_text(level)} or better" for crit, level in sorted(r.levels.items())]
    lines.append(f"  {r.attempts} attempt(s) per scenario" + (f"; due {r.due}" if r.due else ""))
    return lines


def status_lines(st: CertStatus) -> list[str]:
    """One rep's standing on one certification."""
    lines = [f"{st.certification_id}  {st.rep_id:<20} {st.status.upper().replace('_', ' '):<12} {st.reason}"]
    for p in st.scenarios:
        state = f"passed by {p.passed_by}" if p.passed_by else f"{p.attempts_used}/{p.attempts_allowed} attempts"
        gaps = "; ".join(f"{g.criterion} {level_text(g.level)} < {g.required}" for g in p.gaps)
        lines.append(f"    {p.scenario:<32} {state}" + (f"  below the bar: {gaps}" if gaps else ""))
    return lines


app = typer.Typer()
certify = typer.Typer(
    help="Certifications: scenarios to pass at set levels, attempts allowed, due date.", no_args_is_help=True
)
app.add_typer(certify, name="certify")


@certify.command("define")
def define(
    ctx: typer.Context,
    cert_id: str = typer.Argument(..., help="Id (lowercase, digits, -); defining it again adds a rules version."),
    title: str = typer.Option(..., "--title", help="What reps see."),
    scenarios: list[str] = typer.Option(..., "--scenario", help="Roleplay scenario to pass (repeat)."),
    level: str = typer.Option("good", "--level", help="Level every scored step must reach (1-4 or name)."),
    require: str = typer.Option("", "--require", help="Per-criterion levels, e.g. objection-handling.checks=4"),
    attempts: int = typer.Option(3, "--attempts", help="Attempts allowed per scenario."),
    due: str = typer.Option(None, "--due", help="YYYY-MM-DD."),
    team: str = typer.Option(None, "--team", help="Only this team (a manager must give their own)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Define a certification or change its rules (reps who already started keep the rules they started under)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    cert = use.define_certification(
        application,
        actor,
        cert_id,
        title=title,
        scenarios=scenarios,
        level=level,
        levels=use.criterion_levels(require, "--require"),
        attempts=attempts,
        due=maybe_day(due, "--due"),
        team=team,
    )
    if as_json:
        emit_json(cert.model_dump(mode="json"))
        return
    typer.echo("\n".join(cert_lines(cert)))


@certify.command("list")
def list_cmd(ctx: typer.Context, as_user: str = AS, as_json: bool = JSON) -> None:
    """Certifications you may see, with what they require."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    certs = use.certifications(application, actor)
    if as_json:
        emit_json([c.model_dump(mode="json") for c in certs])
        return
    if not certs:
        typer.echo("no certifications yet: enablement defines one with `copilot certify define`")
    for c in certs:
        typer.echo("\n".join(cert_lines(c)))


@certify.command("show")
def show(ctx: typer.Context, cert_id: str = typer.Argument(...), as_user: str = AS, as_json: bool = JSON) -> None:
    """Every version of a certification's rules (which reps are held to which is in `status`)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    versions = use.certification_versions(application, actor, cert_id)
    if as_json:
        emit_json([{"version": v, "created_at": at, "rules": r.model_dump(mode="json")} for v, at, r in versions])
        return
    for v, at, r in versions:
        levels = ", ".join(f"{c}={lv}" for c, lv in sorted(r.levels.items()))
        typer.echo(
            f"v{v} {at:%Y-%m-%d %H:%M} UTC: {', '.join(r.scenarios)}; level {r.min_level}"
            + (f" ({levels})" if levels else "")
            + f"; {r.attempts} attempt(s)"
            + (f"; due {r.due}" if r.due else "")
        )


@certify.command("status")
def status(
    ctx: typer.Context,
    cert_id: str = typer.Argument(None, help="Certification id (default: all you may see)."),
    rep: str = typer.Option(None, "--rep", help="Only this rep."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Per rep: not started, in progress, passed, failed or overdue, and what is below the bar."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    found = use.certification_status(application, actor, day(today), cert_id=cert_id, rep=rep)
    if as_json:
        emit_json([s.model_dump(mode="json") for s in found])
        return
    if not found:
        typer.echo("no certification applies to the reps you may see")
    for st in found:
        typer.echo("\n".join(status_lines(st)))


@certify.command("summary")
def summary(
    ctx: typer.Context,
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    today: str = TODAY,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """How many reps per team are in each state (what enablement sees)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    found = use.certification_summary(application, actor, day(today), team)
    if as_json:
        emit_json([s.model_dump(mode="json") for s in found])
        return
    for s in found:
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in s.counts.items())
        typer.echo(f"{s.certification_id}  {s.team_id}: {counts}")
