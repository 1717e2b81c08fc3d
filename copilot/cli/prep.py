"""`copilot prep --rep ID`: the 1-on-1 prep brief, as Markdown or JSON, optionally saved with the rep's records."""

from __future__ import annotations

import typer

from copilot.cli.options import JSON, current_app, day
from copilot.cli.output import emit_json

app = typer.Typer()


@app.command()
def prep(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id (see `copilot team show`)."),
    meeting: str = typer.Option(
        "one-on-one", "--meeting", help="one-on-one, deal-review, pipeline-review or forecast-review."
    ),
    today: str = typer.Option(None, "--today", help="Prepare as of this date (YYYY-MM-DD); default today."),
    save: bool = typer.Option(False, "--save", help="Store the brief with the rep's records."),
    no_model: bool = typer.Option(False, "--no-model", help="Curated questions only (no language model)."),
    as_user: str = typer.Option(None, "--as", help="Act as this user id (default: the local admin)."),
    as_json: bool = JSON,
) -> None:
    """Reconcile, focus, root cause, questions, assignments and commitments for the next meeting."""
    from copilot.app.prep import prepare
    from copilot.prep import render_markdown

    when = day(today)
    application = current_app(ctx)
    done = prepare(
        application, application.actor(as_user), rep, meeting=meeting, today=when, no_model=no_model, save=save
    )
    if as_json:
        emit_json({**done.brief.model_dump(mode="json"), "saved_as": done.saved_as})
        return
    typer.echo(render_markdown(done.brief))
    if done.saved_as:
        typer.echo(f"saved as {done.saved_as}")
