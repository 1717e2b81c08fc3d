"""`copilot user …`: who may sign in to the web app in team mode (passwords are hashed by the records store)."""

from __future__ import annotations

import sys

import typer

JSON = typer.Option(False, "--json", help="Print JSON.")
STDIN = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin.")


def _password(from_stdin: bool) -> str:
    """The new password: from stdin for scripts, else typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    return value


def register(app: typer.Typer) -> None:
    """Attach `copilot user list|add|password`."""
    from copilot.cli.output import emit_json

    user_app = typer.Typer(help="Web-app sign-in for team mode: list users, add one, set a password.")
    app.add_typer(user_app, name="user", no_args_is_help=True)

    def _store():  # type: ignore[no-untyped-def]
        from copilot.cli.main import settings
        from copilot.records.store import open_store

        return open_store(settings())

    @user_app.command("list")
    def list_users(as_json: bool = JSON) -> None:
        """Every user with their role and whether they can sign in (have a password)."""
        from copilot.records.access import Actor

        users = _store().users(Actor.local_admin())
        if as_json:
            emit_json([u.model_dump() for u in users])
            return
        for u in users:
            typer.echo(f"{u.id:<24} {u.role:<11} {u.email:<40} {'password set' if u.has_password else 'no password'}")

    @user_app.command("add")
    def add_user(
        user_id: str = typer.Argument(..., help="New user id, e.g. enb-ana-lopez."),
        name: str = typer.Option(..., "--name", help="Full name."),
        email: str = typer.Option(..., "--email", help="Sign-in email."),
        role: str = typer.Option(..., "--role", help="rep, manager, enablement or admin."),
        password_stdin: bool = STDIN,
        no_password: bool = typer.Option(False, "--no-password", help="Create without a password (cannot sign in)."),
        as_json: bool = JSON,
    ) -> None:
        """Add a user (reps and managers usually come with their team file; use this for enablement and admins)."""
        from copilot.records.access import Actor

        password = None if no_password else _password(password_stdin)
        user = _store().create_user(Actor.local_admin(), user_id, name, email, role, password or None)
        if as_json:
            emit_json(user.model_dump())
        else:
            typer.echo(f"added {user.role} {user.id} <{user.email}>{'' if user.has_password else ' (no password)'}")

    @user_app.command("password")
    def set_password(
        who: str = typer.Argument(..., help="The user's email or id."),
        password_stdin: bool = STDIN,
        as_json: bool = JSON,
    ) -> None:
        """Set (or reset) a user's password; at least 8 characters."""
        from copilot.errors import RecordsError
        from copilot.records.access import Actor

        store = _store()
        admin = Actor.local_admin()
        users = store.users(admin)
        match = [u for u in users if who.strip().lower() in (u.id.lower(), u.email.lower())]
        if not match:
            known = ", ".join(u.email for u in users[:8]) or "none yet (load the team first: copilot team load)"
            raise RecordsError(f"no user with email or id {who!r}", fix=f"use one of: {known}")
        store.set_password(admin, match[0].id, _password(password_stdin))
        if as_json:
            emit_json({"user": match[0].id, "password_set": True})
        else:
            typer.echo(f"password set for {match[0].id} <{match[0].email}>; they can sign in when COPILOT_AUTH=team")
