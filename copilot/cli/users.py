"""`copilot user …`: who may sign in to the web app in team mode (passwords are hashed by the records store)."""

from __future__ import annotations

import sys

import typer

from copilot.cli.options import JSON, current_app
from copilot.cli.output import emit_json
from copilot.records.access import Actor

STDIN = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin.")


def _password(from_stdin: bool) -> str:
    """The new password: from stdin for scripts, else typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    return value


app = typer.Typer()
user_app = typer.Typer(help="Web-app sign-in for team mode: list users, add one, set a password.")
app.add_typer(user_app, name="user", no_args_is_help=True)


@user_app.command("list")
def list_users(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every user with their role and whether they can sign in (have a password)."""
    users = current_app(ctx).store.users(Actor.local_admin())
    if as_json:
        emit_json([u.model_dump() for u in users])
        return
    for u in users:
        typer.echo(f"{u.id:<24} {u.role:<11} {u.email:<40} {'password set' if u.has_password else 'no password'}")


@user_app.command("add")
def add_user(
    ctx: typer.Context,
    user_id: str = typer.Argument(..., help="New user id, e.g. enb-ana-lopez."),
    name: str = typer.Option(..., "--name", help="Full name."),
    email: str = typer.Option(..., "--email", help="Sign-in email."),
    role: str = typer.Option(..., "--role", help="rep, manager, enablement or admin."),
    password_stdin: bool = STDIN,
    no_password: bool = typer.Option(False, "--no-password", help="Create without a password (cannot sign in)."),
    as_json: bool = JSON,
) -> None:
    """Add a user (reps and managers usually come with their team file; use this for enablement and admins)."""
    password = None if no_password else _password(password_stdin)
    user = current_app(ctx).store.create_user(Actor.local_admin(), user_id, name, email, role, password or None)
    if as_json:
        emit_json(user.model_dump())
    else:
        typer.echo(f"added {user.role} {user.id} <{user.email}>{'' if user.has_password else ' (no password)'}")


@user_app.command("password")
def set_password(
    ctx: typer.Context,
    who: str = typer.Argument(..., help="The user's email or id."),
    password_stdin: bool = STDIN,
    as_json: bool = JSON,
) -> None:
    """Set (or reset) a user's password; at least 8 characters."""
    from copilot.app.users import set_password as set_user_password

    user = set_user_password(current_app(ctx), who, lambda: _password(password_stdin))
    if as_json:
        emit_json({"user": user.id, "password_set": True})
    else:
        typer.echo(f"password set for {user.id} <{user.email}>; they can sign in when COPILOT_AUTH=team")
