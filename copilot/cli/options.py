"""What every command group shares: the App from the root callback, and the --as, --json and --today options."""

from __future__ import annotations

import datetime as dt

import typer

from copilot.app import App

AS = typer.Option(None, "--as", help="Act as this stored user (default: the local admin).")
JSON = typer.Option(False, "--json", help="Print JSON.")
TODAY = typer.Option(None, "--today", help="Evaluate as of this date, YYYY-MM-DD (default: today).")


def current_app(ctx: typer.Context) -> App:
    """The App the root callback built into the context for this invocation; commands take `ctx: typer.Context`."""
    root = ctx.find_root()
    if not isinstance(root.obj, App):  # a command group invoked on its own, as some tests do
        root.obj = App()
        root.call_on_close(root.obj.close)
    return root.obj


def day(value: str | None, what: str = "--today") -> dt.date:
    """A YYYY-MM-DD option as a date, today when not given; a bad date names the option and the format."""
    from copilot.records.inputs import parse_date

    return parse_date(value, what) if value else dt.date.today()


def maybe_day(value: str | None, what: str = "--today") -> dt.date | None:
    """A YYYY-MM-DD option as a date, or None when not given."""
    from copilot.records.inputs import parse_date

    return parse_date(value, what) if value else None
