"""`copilot version`, `copilot doctor` and `copilot serve`: the product itself rather than its records."""

from __future__ import annotations

import typer

from copilot import __version__
from copilot.cli.options import JSON, current_app
from copilot.cli.output import EXIT_FAILED, EXIT_OK, emit_json

app = typer.Typer()


@app.command()
def version(as_json: bool = JSON) -> None:
    """Print the version."""
    if as_json:
        emit_json({"version": __version__})
    else:
        typer.echo(__version__)


@app.command()
def doctor(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Check every part for real (model, embedder, vector store, database, tokeniser, data folder)."""
    from copilot.doctor import run_checks

    checks = run_checks(current_app(ctx).settings)
    ok = all(c.ok for c in checks)
    if as_json:
        emit_json({"ok": ok, "checks": [c.as_dict() for c in checks]})
    else:
        for c in checks:
            mark = "ok  " if c.ok else "FAIL"
            typer.echo(f"{mark} {c.name:<15} {c.detail}")
            if not c.ok:
                typer.echo(f"     {'':<15} fix: {c.fix}")
        typer.echo("all parts work" if ok else "some parts need fixing (see fix: lines)")
    raise typer.Exit(EXIT_OK if ok else EXIT_FAILED)


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option(None, help="Address to bind (default COPILOT_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default COPILOT_PORT, 7860)."),
    allow_open: bool = typer.Option(
        False,
        "--allow-single-user-on-network",
        help="Serve single-user mode (no login) on a non-loopback address anyway; anyone who reaches it is admin.",
    ),
) -> None:
    """Open the web app on 127.0.0.1 with the demo knowledge base and team."""
    from ui.serve import serve as run_server  # the web app is an outer layer; the core never imports gradio

    s = current_app(ctx).settings
    run_server(s, host=host or s.host, port=port or s.port, allow_open=allow_open)
