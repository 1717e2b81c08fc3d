"""Entry point of the `copilot` command; subcommands live in their own modules."""

from __future__ import annotations

import os
import sys

import typer
from typer.exceptions import Abort, Exit, TyperException

from copilot.app import App
from copilot.cli.output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, report_error, wants_json
from copilot.errors import CopilotError

app = typer.Typer(
    name="copilot",
    help="Sales Coaching Copilot: prep 1-on-1s, practise objections, curate the knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(ctx: typer.Context) -> None:
    """Sales Coaching Copilot: prep 1-on-1s, practise objections, curate the knowledge base."""
    application = App()  # settings, models and the store are read on first use, so `copilot version` stays instant
    ctx.obj = application
    ctx.call_on_close(application.close)


_attached: list[bool] = []


def _attach() -> None:
    """Attach every command group (once per process); groups are module-level Typer apps in their own modules."""
    if _attached:
        return
    _attached.append(True)
    from copilot.cli import bench, chat, evaluate, kb, practice, prep, records, review, roleplay, system, users

    for module in (system, chat, evaluate, prep, records, kb, review, roleplay, bench, practice, users):
        app.add_typer(module.app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning copilot errors into one line and an exit code instead of a traceback."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    _attach()
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
