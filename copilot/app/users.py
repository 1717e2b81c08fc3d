"""Managing who may sign in: the use cases behind `copilot user` and the admin's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from copilot.errors import RecordsError
from copilot.records.access import Actor

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.records.views import UserView as User


def find_user(app: App, who: str) -> User:
    """A user by email or id (any case); an unknown one names the known emails, or how to load a team first."""
    users = app.store.users(Actor.local_admin())
    match = [u for u in users if who.strip().lower() in (u.id.lower(), u.email.lower())]
    if not match:
        known = ", ".join(u.email for u in users[:8]) or "none yet (load the team first: copilot team load)"
        raise RecordsError(f"no user with email or id {who!r}", fix=f"use one of: {known}")
    return match[0]


def set_password(app: App, who: str, password: Callable[[], str]) -> User:
    """Set a user's password (asked for only once the user is known); their earlier sign-ins end."""
    user = find_user(app, who)
    app.store.set_password(Actor.local_admin(), user.id, password())
    return user
