"""`copilot review FILE|DIR`: measure a recorded call or coaching conversation, score calls, save the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from copilot.app.review import SESSION_KINDS, due_words, parse_due, shown_evidence
from copilot.cli.options import current_app, maybe_day
from copilot.cli.output import emit_json

__all__ = ["app", "parse_due"]

app = typer.Typer()


def _roles(values: list[str]) -> dict[str, str] | None:
    if not values:
        return None
    roles = {}
    for value in values:
        name, sep, role = value.rpartition("=")
        if not sep or not name or not role:
            raise typer.BadParameter(f"{value!r}: use NAME=ROLE, e.g. 'Dana=manager'", param_hint="--role")
        roles[name] = role
    return roles


def _print(r: dict[str, Any]) -> None:
    m = r["metrics"]
    typer.echo(f"{r['file']}  ({r['kind']}{', ' + r['interaction'] if r.get('interaction') else ''})")
    for name, s in r["speakers"].items():
        typer.echo(f"  {name:<16} {r['roles'].get(name, '?'):<8} talk {s['talk_share']:.0%}  words {s['words']}")
    typer.echo(
        f"  talk ratio {m['talk_ratio']}  open-question rate {m['open_question_rate']}  advice rate {m['advice_rate']}"
    )
    if r.get("coaching_quality"):
        typer.echo(f"  coaching quality {r['coaching_quality']['score']:.2f}")
    for line in r.get("feedback") or []:
        typer.echo(f"  feedback: {line}")
    for s in r.get("scores", []):
        typer.echo(f"  {s['level']} {s['label']:<11} {s['criterion_id']}: {shown_evidence(s)}")
    if r.get("interaction_sure") is False:
        typer.echo(
            f"  interaction: not sure (could be {', '.join(r['interaction_options'])}); scored as {r['interaction']}; "
            "set it with --interaction"
        )
    for item in r["action_items"]:
        when = due_words(item)
        vague = "; says only 'it': write down what" if item.get("vague") else ""
        typer.echo(f"  action: {item['text']}  (owner {item.get('owner') or 'not said'}{when}{vague})")
    for note in r["assumptions"]:
        typer.echo(f"  assumed: {note}")
    for what, saved in (r.get("saved") or {}).items():
        typer.echo(f"  saved {what}: {', '.join(saved) if isinstance(saved, list) else saved}")


@app.command()
def review(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="A transcript file, or a folder of them."),
    kind: str = typer.Option("call", "--kind", help="call (rep and buyer) or coaching (manager and rep)."),
    interaction: str = typer.Option(
        None,
        "--interaction",
        help="call: the assessment map to score (default: the one the call clearly shows, stated as an "
        "assumption; when it shows none clearly, the review says it is not sure and scores it as a discovery "
        "call); coaching: the session kind saved (default one-on-one).",
    ),
    role: list[str] = typer.Option([], "--role", help="Confirm a speaker's role: NAME=ROLE (repeatable)."),
    rep: str = typer.Option(None, "--rep", help="Rep id the review is about (see `copilot team show`)."),
    save: bool = typer.Option(False, "--save", help="Save scores as an observation, or coaching as a session."),
    date: str = typer.Option(
        None,
        "--date",
        help="Date of the conversation (YYYY-MM-DD): deadlines like 'by Tuesday' resolve against it. Default: the "
        "date the transcript states (a 'Date:' line, or a JSON 'date' field), else today, said as an assumption.",
    ),
    as_user: str = typer.Option(None, "--as", help="Act as this user id when saving (default: the local admin)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Talk ratio, acts, coaching quality, action items and, for a call, each criterion scored with a quote."""
    from copilot.app.review import ReviewRun, call_scorer, check_files, review_files, transcript_files
    from copilot.review.scoring import ScoringError

    if kind not in ("call", "coaching"):
        raise typer.BadParameter("use call or coaching", param_hint="--kind")
    if save and not rep:
        raise typer.BadParameter("--save needs --rep ID (the rep the review is about)", param_hint="--rep")
    when = maybe_day(date, "--date")
    if kind == "coaching":
        interaction = interaction or "one-on-one"
    if kind == "coaching" and interaction not in SESSION_KINDS:
        raise typer.BadParameter(f"{interaction!r}: use one of {', '.join(SESSION_KINDS)}", param_hint="--interaction")
    roles, files = _roles(role), transcript_files(path)
    application = current_app(ctx)
    check_files(application, files)
    run = ReviewRun(kind=kind, interaction=interaction, roles=roles, rep=rep, save=save, day=when)
    if save:
        run.actor = application.actor(as_user)
    try:
        call_scorer(application, kind, interaction)
    except ScoringError as err:
        raise typer.BadParameter(str(err), param_hint="--interaction") from None
    results = review_files(application, files, run)
    if as_json:
        emit_json(results[0] if path.is_file() else results)
        return
    for r in results:
        _print(r)
