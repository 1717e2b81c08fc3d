"""`copilot calibrate …`: managers score one recorded interaction blind; see agreement, keep the agreed levels."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.app import practice as use
from copilot.cli.options import AS, JSON, current_app
from copilot.cli.output import emit_json
from copilot.records.calibration import CalibrationView


def view_lines(v: CalibrationView) -> list[str]:
    """A session: the interaction (while blind), or where raters agree and differ."""
    lines = [f"{v.id}  {v.title}  ({v.subject_kind} {v.subject_id}, {v.what}; {v.status})"]
    lines.append(f"  raters: {', '.join(v.participants)}; submitted: {', '.join(v.submitted) or 'nobody yet'}")
    if v.results is None:
        for t in v.transcript:
            lines.append(f"  {t['speaker']}> {t['text']}")
        for crit, note in v.evidence.items():
            lines.append(f"  {crit}: {note}")
        lines.append("  score every criterion: " + ", ".join(v.criteria))
        return lines
    r = v.results
    alpha = f"{r.alpha:.2f}" if r.alpha is not None else "undefined (fewer than two raters or no variation)"
    lines.append(f"  agreement (Krippendorff's alpha, ordinal): {alpha} over {r.raters} raters")
    for c in r.criteria:
        given = ", ".join(f"{u} {lv}" for u, lv in c.levels.items())
        agreed = f"; agreed {c.agreed}" if c.agreed else ""
        lines.append(
            f"  {c.criterion:<40} consensus {c.consensus} spread {c.spread} AI {c.ai_level or '—'}{agreed}  ({given})"
        )
    for cmp in r.comparisons:
        ai = f"{cmp.vs_ai:.2f}" if cmp.vs_ai is not None else "—"
        lines.append(
            f"  {cmp.user_id:<24} at consensus {cmp.exact_with_consensus:.0%}, off by {cmp.vs_consensus:.2f} "
            f"on average; off the AI by {ai}"
        )
    return lines


app = typer.Typer()
cal = typer.Typer(
    help="Calibration: managers score one recorded interaction blind, then compare.", no_args_is_help=True
)
app.add_typer(cal, name="calibrate")


@cal.command("start")
def start(
    ctx: typer.Context,
    subject: str = typer.Argument(..., help="Roleplay attempt id (or observation id with --kind observation)."),
    title: str = typer.Option("", "--title"),
    kind: str = typer.Option("roleplay", "--kind", help="roleplay or observation."),
    raters: list[str] = typer.Option([], "--rater", help="Manager id (repeat; default: every manager)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Start a session on a recorded roleplay or reviewed call (enablement or an admin)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    v = use.start_calibration(application, actor, kind, subject, title=title, raters=raters)
    if as_json:
        emit_json(v.model_dump(mode="json"))
        return
    typer.echo("\n".join(view_lines(v)))


@cal.command("list")
def list_cmd(ctx: typer.Context, as_user: str = AS, as_json: bool = JSON) -> None:
    """Sessions you run or rate."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    found = use.calibrations(application, actor)
    if as_json:
        emit_json([v.model_dump(mode="json") for v in found])
        return
    for v in found:
        mine = "submitted" if v.mine else "to score" if actor.user_id in v.participants else ""
        typer.echo(f"{v.id}  {v.status:<6} {v.title}  {len(v.submitted)}/{len(v.participants)} submitted  {mine}")


@cal.command("show")
def show(ctx: typer.Context, session: str = typer.Argument(...), as_user: str = AS, as_json: bool = JSON) -> None:
    """The interaction to score, or (once you submitted) the agreement per criterion and per rater."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    v = use.calibration(application, actor, session)
    if as_json:
        emit_json(v.model_dump(mode="json"))
        return
    typer.echo("\n".join(view_lines(v)))


@cal.command("score")
def score(
    ctx: typer.Context,
    session: str = typer.Argument(...),
    levels: str = typer.Option(..., "--levels", help="criterion=level for every criterion, comma-separated."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Submit your levels (once); the others' appear after."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    v = use.submit_calibration(application, actor, session, use.criterion_levels(levels, "--levels"))
    if as_json:
        emit_json(v.model_dump(mode="json"))
        return
    typer.echo("\n".join(view_lines(v)))


@cal.command("close")
def close(
    ctx: typer.Context,
    session: str = typer.Argument(...),
    agreed: str = typer.Option("", "--agreed", help="criterion=level where the agreed level is not the consensus."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Settle the agreed levels and close the session (enablement or an admin)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    v = use.close_calibration(application, actor, session, use.criterion_levels(agreed, "--agreed"))
    if as_json:
        emit_json(v.model_dump(mode="json"))
        return
    typer.echo("\n".join(view_lines(v)))


@cal.command("agreement")
def agreement(ctx: typer.Context, as_user: str = AS, as_json: bool = JSON) -> None:
    """The agreement figure per session, oldest first."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    points = use.agreement_over_time(application, actor)
    if as_json:
        emit_json([p.model_dump(mode="json") for p in points])
        return
    for p in points:
        alpha = f"{p.alpha:.2f}" if p.alpha is not None else "—"
        typer.echo(f"{p.date}  alpha {alpha}  {p.raters} raters  {p.title} ({p.session_id})")


@cal.command("export")
def export(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help="YAML file the eval suite reads (evals/labels.py)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Write the agreed levels of closed sessions as labelled cases for the eval suite."""
    application = current_app(ctx)
    done = use.export_calibration_labels(application, application.actor(as_user), output)
    if as_json:
        emit_json({"path": str(output), "labels": done.labels})
        return
    typer.echo(f"wrote {done.labels} agreed levels to {output}")
