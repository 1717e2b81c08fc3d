"""Entry point of the `copilot` command; subcommands live in their own modules."""

from __future__ import annotations

import os
import sys

import typer
from typer.exceptions import Abort, Exit, TyperException

from copilot import __version__
from copilot.cli.output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, emit_json, report_error, wants_json
from copilot.errors import CopilotError
from copilot.settings import Settings, load_settings

app = typer.Typer(
    name="copilot",
    help="Sales Coaching Copilot: prep 1-on-1s, practise objections, curate the knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def settings() -> Settings:
    """Settings for this invocation, built once at the entry point."""
    return load_settings()


@app.command()
def version(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the version."""
    if as_json:
        emit_json({"version": __version__})
    else:
        typer.echo(__version__)


@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Check every part for real (model, embedder, vector store, database, tokeniser, data folder)."""
    from copilot.doctor import run_checks

    checks = run_checks(settings())
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
    host: str = typer.Option(None, help="Address to bind (default COPILOT_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default COPILOT_PORT, 7860)."),
    allow_open: bool = typer.Option(
        False,
        "--allow-single-user-on-network",
        help="Serve single-user mode (no login) on a non-loopback address anyway; anyone who reaches it is admin.",
    ),
) -> None:
    """Open the web app on 127.0.0.1 with the demo knowledge base and team."""
    from ui.serve import serve as run_server  # the UI is an outer layer; the core never imports gradio

    s = settings()
    run_server(s, host=host or s.host, port=port or s.port, allow_open=allow_open)


_registered: list[bool] = []


def _register_subcommands() -> None:
    """Attach the command groups that live in their own modules (once per process)."""
    if _registered:
        return
    _registered.append(True)
    from copilot.cli import bench, chat, evaluate, kb, prep, records, review, roleplay

    chat.register(app)
    evaluate.register(app)
    prep.register(app)
    records.register(app)
    kb.register(app)
    review.register(app)
    roleplay.register(app)
    bench.register(app)
    from copilot.cli import practice  # reviews, certify, calibrate, drill

    practice.register(app)
    from ui import accounts  # `copilot user …`: web-app sign-in; no gradio import

    accounts.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning copilot errors into one line and an exit code instead of a traceback."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    _register_subcommands()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="copilot", standalone_mode=False)
    except CopilotError as err:
        return report_error(err, as_json=wants_json(args))
    except Exit as done:
        return int(done.exit_code)
    except Abort:
        typer.echo("aborted", err=True)
        return EXIT_FAILED
    except TyperException as err:  # usage errors: typer prints them with the command's usage line
        show = getattr(err, "show", None)
        if callable(show):
            show()
        return int(getattr(err, "exit_code", EXIT_BAD_INPUT))
    except KeyboardInterrupt:
        return 130
    return result if isinstance(result, int) else EXIT_OK


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
