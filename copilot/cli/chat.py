"""`copilot chat`: talk to the configured model directly, streaming; proves the model works end to end."""

from __future__ import annotations

import typer

from copilot.cli.options import current_app
from copilot.cli.output import emit_json

app = typer.Typer()


@app.command()
def chat(
    ctx: typer.Context,
    message: str = typer.Argument(..., help="What to say to the model."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of streaming text."),
) -> None:
    """Send one message to the configured model (no knowledge base; see `copilot ask` for grounded answers)."""
    from copilot.app.ask import chat as send
    from copilot.app.ask import chat_stream

    if not message.strip():
        raise typer.BadParameter("the message is empty; pass some text", param_hint="MESSAGE")
    application = current_app(ctx)
    if as_json:
        completion = send(application, message)
        emit_json({"model": completion.model, "text": completion.text, "finish_reason": completion.finish_reason})
        return
    for piece in chat_stream(application, message):
        typer.echo(piece, nl=False)
    typer.echo()
