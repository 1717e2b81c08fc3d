"""`copilot prep --rep ID`: the 1-on-1 prep brief, as Markdown or JSON, optionally saved with the rep's records."""

from __future__ import annotations

import datetime as dt

import typer

from copilot.cli.output import emit_json


def register(app: typer.Typer) -> None:
    """Attach the command."""

    @app.command()
    def prep(
        rep: str = typer.Option(..., "--rep", help="Rep id (see `copilot team show`)."),
        meeting: str = typer.Option(
            "one-on-one", "--meeting", help="one-on-one, deal-review, pipeline-review or forecast-review."
        ),
        today: str = typer.Option(None, "--today", help="Prepare as of this date (YYYY-MM-DD); default today."),
        save: bool = typer.Option(False, "--save", help="Store the brief with the rep's records."),
        no_model: bool = typer.Option(False, "--no-model", help="Curated questions only (no language model)."),
        as_user: str = typer.Option(None, "--as", help="Act as this user id (default: the local admin)."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Reconcile, focus, root cause, questions, assignments and commitments for the next meeting."""
        from copilot.cli.main import settings
        from copilot.model_use import plan
        from copilot.prep import prepare_brief, render_markdown
        from copilot.records import Actor, open_store
        from copilot.records.inputs import parse_date
        from copilot.runtime import Runtime

        day = parse_date(today, "--today") if today else dt.date.today()
        s = settings()
        store = open_store(s)
        actor = store.actor(as_user) if as_user else Actor.local_admin()
        runtime = Runtime(s)
        use = plan(s)["prep_questions"]
        model = runtime.chat_model if use.on and not no_model else None
        brief = prepare_brief(store, actor, rep, store.kb, model, meeting=meeting, today=day)
        if model is None and not no_model:
            brief.notes.append(f"model not asked for questions ({use.reason}); set COPILOT_MODEL_FEATURES to change")
        saved = store.save_brief(actor, rep, brief.model_dump(mode="json"), date=day).id if save else None
        if as_json:
            emit_json({**brief.model_dump(mode="json"), "saved_as": saved})
            return
        typer.echo(render_markdown(brief))
        if saved:
            typer.echo(f"saved as {saved}")
