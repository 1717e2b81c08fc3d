"""`copilot chat`: talk to the configured model directly, streaming; proves the model works end to end."""

from __future__ import annotations

import typer

from copilot import prompts
from copilot.cli.output import emit_json
from copilot.llm.base import Message
from copilot.runtime import Runtime


def register(app: typer.Typer) -> None:
    """Attach the command."""

    @app.command()
    def chat(
        message: str = typer.Argument(..., help="What to say to the model."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of streaming text."),
    ) -> None:
        """Send one message to the configured model (no knowledge base; see `copilot ask` for grounded answers)."""
        from copilot.cli.main import settings

        if not message.strip():
            raise typer.BadParameter("the message is empty; pass some text", param_hint="MESSAGE")
        runtime = Runtime(settings())
        messages = [Message("system", prompts.render("chat.system.md", company="")), Message("user", message)]
        if as_json:
            completion = runtime.chat_model.complete(messages)
            emit_json({"model": completion.model, "text": completion.text, "finish_reason": completion.finish_reason})
            return
        for piece in runtime.chat_model.stream(messages):
            typer.echo(piece, nl=False)
        typer.echo()
