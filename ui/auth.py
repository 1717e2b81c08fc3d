"""Which pages each role sees, and the one check the store cannot make (the knowledge index has no owner)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

from copilot.errors import AccessDenied
from copilot.records.access import Actor
from ui.context import SignInLocked, UIContext

Page = Literal["manager", "rep", "enablement", "scorecard", "ask"]
PAGES: tuple[Page, ...] = ("manager", "rep", "enablement", "scorecard", "ask")

VISIBLE: dict[str, frozenset[Page]] = {
    "admin": frozenset(PAGES),
    "manager": frozenset({"manager", "scorecard", "ask"}),
    "rep": frozenset({"rep", "ask"}),
    "enablement": frozenset({"enablement", "scorecard", "ask"}),
}
"""Pages shown per role. Hiding a page is for clarity only: every handler still acts as the user, so the
store refuses what the role may not read (a rep asking for another rep's notes gets AccessDenied)."""

WHO_MAY: dict[Page, str] = {
    "manager": "managers (for their own teams) and admins",
    "rep": "reps (their own page) and admins",
    "enablement": "enablement and admins",
    "scorecard": "managers, enablement and admins",
    "ask": "everyone",
}


def pages_for(actor: Actor) -> frozenset[Page]:
    """The pages this user sees."""
    return VISIBLE.get(actor.role, frozenset({"ask"}))


def require(actor: Actor, page: Page) -> None:
    """Refuse a page's action to a role that does not see it (used where no store check applies)."""
    if page not in pages_for(actor):
        raise AccessDenied(
            f"{actor} may not use the {page} page: it is for {WHO_MAY[page]}",
            fix="sign in as a user with that role",
        )


def auth_callback(ctx: UIContext) -> Callable[[str, str], Awaitable[bool]] | None:
    """Gradio's `auth=` argument: None in single-user mode, else a throttled check of the store's hashed passwords.

    Async so the hashing runs in a worker thread, not on the event loop; the client address comes from
    ui.web_guard, which sees the request (after the proxy's X-Forwarded-For).
    """
    if not ctx.team_mode:
        return None

    async def check(email: str, password: str) -> bool:
        import anyio
        from fastapi import HTTPException

        from ui.web_guard import CLIENT

        client = CLIENT.get()
        try:
            return await anyio.to_thread.run_sync(ctx.login, email, password, client)
        except SignInLocked as locked:
            raise HTTPException(
                status_code=429,
                detail=f"{locked}. Fix: wait, then check the email and password (an admin can reset it with "
                "`copilot user password EMAIL`)",
                headers={"Retry-After": str(max(1, round(locked.seconds)))},
            ) from None

    return check


def users_with_password(ctx: UIContext) -> int:
    """How many users can sign in (team mode with none is a dead end worth warning about)."""
    return sum(1 for u in ctx.store.users(Actor.local_admin()) if u.has_password)


AUTH_MESSAGE = (
    "<p>Sign in with your work email and the password your admin set (<code>copilot user password EMAIL</code>).</p>"
)
