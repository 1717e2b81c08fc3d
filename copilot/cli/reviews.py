"""`copilot reviews …`: a human has the last word on every AI score (queue, show, approve, name, report, export)."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.app import practice as use
from copilot.cli.options import AS, JSON, current_app
from copilot.cli.output import emit_json
from copilot.records.score_review import OverrideReport, ReviewSubject

KIND = typer.Option(
    "roleplay", "--kind", help="roleplay (an attempt) or observation (a call saved by `copilot review`)."
)


def subject_lines(subject: ReviewSubject) -> list[str]:
    """A scored attempt as a reviewer reads it: per criterion the AI's level, the approved one and the evidence."""
    state = f"approved (version {subject.version})" if subject.approved else "awaiting review (version 0)"
    lines = [f"{subject.kind} {subject.id} · {subject.rep_id} · {subject.what} · {subject.date} · {state}"]
    for c in subject.criteria:
        moved = f" (AI {c.ai_level}; {c.changed_by}: {c.reason})" if c.level != c.ai_level else ""
        lines.append(f"  {c.criterion:<42} {c.level}{moved}")
        if c.evidence:
            lines.append(f"      evidence: {c.evidence}")
    for r in subject.history:
        moved = ", ".join(f"{c.criterion} {c.before}→{c.level} ({c.reason})" for c in r.changes) or "no change"
        lines.append(f"  v{r.version} {r.reviewer_id} {r.reviewed_at:%Y-%m-%d %H:%M} UTC: {moved}")
    return lines


def report_lines(report: OverrideReport) -> list[str]:
    """Share of AI scores changed by humans, per criterion."""
    if not report.subjects:
        return ["no approved scores yet: approve some with `copilot reviews approve`"]
    pct = f"{report.rate:.0%}" if report.rate is not None else "—"
    lines = [
        f"{report.changed} of {report.reviewed} AI levels changed by a human ({pct}) over {report.subjects} scores"
    ]
    for c in report.criteria:
        share = f"{c.rate:.0%}" if c.rate is not None else "—"
        shift = f", mean shift {c.mean_shift:+.2f}" if c.mean_shift is not None else ""
        lines.append(f"  {c.criterion:<42} {c.changed}/{c.reviewed} changed ({share}{shift})")
    return lines


app = typer.Typer()
reviews = typer.Typer(
    help="Human review of AI scores: see the evidence, change levels with a reason, approve.", no_args_is_help=True
)
app.add_typer(reviews, name="reviews")


@reviews.command("queue")
def queue(
    ctx: typer.Context,
    rep: str = typer.Option(None, "--rep", help="Only this rep."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Scored roleplays and reviewed calls you may review, those awaiting approval first."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    items = use.review_queue(application, actor, rep)
    if as_json:
        emit_json([i.model_dump(mode="json") for i in items])
        return
    if not items:
        typer.echo("nothing to review (you review your teams' scores, or those enablement named you for)")
    for i in items:
        state = f"approved v{i.version}" if i.approved else "AWAITING"
        typer.echo(f"{i.kind:<11} {i.id}  {i.date}  {i.rep_id:<20} {i.what:<32} {state}")


@reviews.command("show")
def show(
    ctx: typer.Context,
    subject: str = typer.Argument(..., help="Attempt or observation id."),
    kind: str = KIND,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """One scored attempt with the quoted evidence per criterion and its audit trail."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    found = use.score_for_review(application, actor, kind, subject)
    if as_json:
        emit_json(found.model_dump(mode="json"))
        return
    typer.echo("\n".join(subject_lines(found)))


@reviews.command("approve")
def approve(
    ctx: typer.Context,
    subject: str = typer.Argument(..., help="Attempt or observation id."),
    version: int = typer.Option(
        ..., "--version", help="The version you reviewed (as `reviews show` printed it; 0 before any approval)."
    ),
    sets: list[str] = typer.Option([], "--set", help="criterion=level to change (repeat)."),
    reasons: list[str] = typer.Option([], "--reason", help="Why (one for all changes, or one per --set)."),
    note: str = typer.Option("", "--note", help="A note on the whole approval."),
    kind: str = KIND,
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Approve the levels you reviewed, changing some with a reason; refused if someone approved since."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    done = use.approve(
        application, actor, kind, subject, seen_version=version, changes=use.review_changes(sets, reasons), note=note
    )
    if as_json:
        emit_json(done.model_dump(mode="json"))
        return
    typer.echo("\n".join(subject_lines(done)))


@reviews.command("name")
def name(
    ctx: typer.Context,
    user: str = typer.Argument(..., help="User id of the reviewer."),
    team: str = typer.Option(..., "--team", help="Team whose scores they review."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Name a reviewer for a team besides its manager (enablement or an admin)."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    use.name_reviewer(application, actor, user, team)
    if as_json:
        emit_json({"reviewer": user, "team_id": team})
        return
    typer.echo(f"{user} now reviews AI scores of team {team}")


@reviews.command("report")
def report(
    ctx: typer.Context,
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Share of AI scores changed by humans, per criterion: the scorer's real-world error rate."""
    application = current_app(ctx)
    actor = application.actor(as_user)
    found = use.override_report(application, actor, team)
    if as_json:
        emit_json(found.model_dump(mode="json"))
        return
    typer.echo("\n".join(report_lines(found)))


@reviews.command("export")
def export(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help="YAML file the eval suite reads (evals/labels.py)."),
    team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Write approved levels next to the AI's, with evidence and reasons (no rep ids), for the eval suite."""
    application = current_app(ctx)
    done = use.export_review_labels(application, application.actor(as_user), output, team)
    if as_json:
        emit_json({"path": str(output), "labels": done.labels, "changed": done.changed})
        return
    typer.echo(f"wrote {done.labels} labels ({done.changed} changed by a human) to {output}")
